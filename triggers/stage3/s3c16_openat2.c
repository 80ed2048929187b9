/*
 * s3c16_openat2: stage 3 case 16 (do_sys_openat2 trace; the study's
 * user_trigger.c is not published, this follows its notes). The openat2
 * syscall on a missing relative file (ENOENT: an fd is reserved and never
 * installed), then on an existing one (the lab's contrast: installed).
 */
#include "lab.h"

#include <stdint.h>
#include <sys/syscall.h>

#ifndef SYS_openat2
#define SYS_openat2 437
#endif

struct lab_open_how {	/* linux/openat2.h, not in every libc's headers */
	uint64_t flags, mode, resolve;
};

static int openat2_rdonly(const char *path)
{
	struct lab_open_how how = { O_RDONLY, 0, 0 };

	return (int)syscall(SYS_openat2, AT_FDCWD, path, &how, sizeof how);
}

int main(void)
{
	static const char missing[] = "missing_case16_at2.txt", present[] = "existing_case16_at2.txt";
	int bad, fd;

	fd = openat2_rdonly(missing);
	bad = expect_errno(fd, errno, ENOENT, missing);
	fd = openat2_rdonly(present);
	if (fd < 0)
		return bad | lab_fail("openat2", present, errno);
	printf("openat2 %s fd=%d\n", present, fd);
	return bad | close_fd(fd, present);
}
