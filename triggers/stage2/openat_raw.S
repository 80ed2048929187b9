/*
 * openat_raw (case17): no libc, no loader, exactly two syscalls:
 *   openat(AT_FDCWD, "/lab/work/missing_case17_raw_syscall.txt", O_RDONLY)
 *   exit(0) when it failed (expected: the file is missing), exit(1) if not.
 * So do_filp_open runs once, for this path only. The path is the
 * scenario's cwd, spelled out as an absolute string.
 * Study: seed 002, user_trigger_raw_openat.S of its repository.
 */
	.file	"openat_raw.S"		/* not cpp's random temporary name */

	.section .rodata
path_missing:
	.asciz "/lab/work/missing_case17_raw_syscall.txt"

	.text
	.globl _start
_start:
	mov	$257, %eax		/* __NR_openat */
	mov	$-100, %rdi		/* AT_FDCWD */
	lea	path_missing(%rip), %rsi
	xor	%edx, %edx		/* O_RDONLY */
	xor	%r10d, %r10d		/* mode */
	syscall

	xor	%edi, %edi		/* failed (rax < 0): exit(0) */
	test	%rax, %rax
	js	1f
	mov	$1, %edi		/* opened: exit(1); exit closes the fd */
1:	mov	$60, %eax		/* __NR_exit */
	syscall

	.section .note.GNU-stack, "", @progbits
