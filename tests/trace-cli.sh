#!/bin/bash
# make trace's bad input, without a boot: each case gives ONE "vfslab:
# error:" line naming the fix, a non-zero exit, and leaves the results
# folder as it was (nothing ran, so nothing is lost).
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib/tap.sh"
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
mkdir -p "$t/results/6.12.117/20260101T000000Z"
echo earlier > "$t/results/6.12.117/20260101T000000Z/keep.txt"
before=$(cd "$t/results" && find . | sort | sha256sum)
touch "$t/bzImage" "$t/rootfs.img"

expect_error() { # NAME PATTERN VAR=value...
	name=$1 pat=$2; shift 2
	out=$(env -u PROG -u CMD -u ARGS -u COMM -u TIMEOUT BZIMAGE="$t/bzImage" IMAGE="$t/rootfs.img" \
		RESULTS="$t/results" REPORT=/bin/true BUILD="$t/build" ACCEL=tcg "$@" "$top/tools/trace.sh" 2>&1); rc=$?
	errs=$(printf '%s\n' "$out" | grep -c '^vfslab: error:')
	if [ "$rc" -eq 0 ]; then not_ok "$name (exit 0)"
	elif [ "$errs" -ne 1 ]; then not_ok "$name ($errs error lines): $out"
	elif ! printf '%s\n' "$out" | grep '^vfslab: error:' | grep -qE "$pat"; then not_ok "$name (wrong message): $out"
	elif [ "$(cd "$t/results" && find . | sort | sha256sum)" != "$before" ]; then not_ok "$name (results folder changed)"
	else ok "$name"; fi
}
printf 'int main(void) { return 0; }\n' > "$t/ok.c"
printf 'int main(void) { return undeclared; }\n' > "$t/broken.c"
cp "$t/ok.c" "$t/name_of_sixteen_.c"
cp "$t/ok.c" "$t/prog.txt"

expect_error "nothing to trace" "nothing to trace: give PROG=" 
expect_error "PROG and CMD" "give PROG= or CMD=, not both" PROG="$t/ok.c" CMD=ls
expect_error "PROG missing" "PROG=.*nope.c: no such file" PROG="$t/nope.c"
expect_error "PROG not C" "give a C source file" PROG="$t/prog.txt"
expect_error "PROG name over 15 bytes" "'name_of_sixteen_' is 16 bytes; the kernel keeps 15" PROG="$t/name_of_sixteen_.c"
expect_error "CMD name over 15 bytes" "'a_command_name_16' is 17 bytes.* or set COMM=" CMD="/bin/a_command_name_16 x"
expect_error "COMM over 15 bytes" "is 16 bytes" CMD="ls /" COMM=sixteen_bytes_xx
expect_error "odd characters in the name" "may hold only letters" CMD="ls /" COMM='a b'
expect_error "bad TIMEOUT" "TIMEOUT=soon: give whole seconds" PROG="$t/ok.c" TIMEOUT=soon
expect_error "ARGS with CMD" "ARGS= is for PROG=" CMD="ls" ARGS=x
expect_error "does not compile" "PROG=.*broken.c does not compile" PROG="$t/broken.c"
expect_error "no kernel" "no kernel image at" PROG="$t/ok.c" BZIMAGE="$t/none"
finish
