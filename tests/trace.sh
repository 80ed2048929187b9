#!/bin/bash
# make trace, for real (ACCEL=tcg, two short boots): a program that opens
# /etc/hostname and a missing file gets both opens' chains in the report;
# a program that hangs is killed by TIMEOUT with one error line, and what it
# traced before is kept and reported.
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib/tap.sh"
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
cd "$top" || exit 1

cat > "$t/twoopens.c" <<'C'
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
int main(void)
{
	char buf[64];
	int fd = open("/etc/hostname", O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof buf - 1) : -1;
	if (n > 0) { buf[n] = 0; printf("hostname: %s", buf); }
	if (fd >= 0) close(fd);
	if (open("/lab/work/no_such_file.txt", O_RDONLY) < 0)
		printf("missing: errno %d\n", errno);
	return 0;
}
C

# ---- 1. two opens -----------------------------------------------------------------
t0=$(date +%s)
make --no-print-directory trace ACCEL=tcg RESULTS="$t/r1" PROG="$t/twoopens.c" > "$t/1.log" 2>&1
rc=$?
echo "# make trace took $(($(date +%s) - t0)) s"
check "make trace exits 0" [ "$rc" -eq 0 ]
[ "$rc" -eq 0 ] || tail -n 5 "$t/1.log" | sed 's/^/#   /'
run=$(cd "$t/r1/latest" 2> /dev/null && pwd -P)
md=$run/report.md
check "run folder with report.md, report.json, KTAP, manifest" \
	test_all [ -s "$md" ] [ -s "$run/report.json" ] [ -s "$run/report.ktap" ] [ -s "$run/manifest.json" ]
check "the program's output came back" grep -qx 'hostname: vfslab' "$run/twoopens/stdout.txt"
check "input kept: source, binary, command" test_all [ -f "$run/input/twoopens.c" ] [ -x "$run/input/twoopens" ] [ -f "$run/input/command.sh" ]
check "generated scenario kept" [ -s "$run/scenario/twoopens.scn" ]
check "exactly two opens (static musl: no loader opens)" grep -q '^OPEN 2 of 2: "/lab/work/no_such_file.txt"' "$md"
check "open 1 is /etc/hostname" grep -q '^OPEN 1 of 2: "/etc/hostname"' "$md"
# The chain of each open, in the worksheet: lookup, allocation, insert, return.
sect() { awk -v a="^OPEN $1 of" '$0 ~ a { on = 1; next } /^OPEN / { on = 0 } /^```/ { on = 0 } on' "$md"; }
sect 1 > "$t/open1"; sect 2 > "$t/open2"
check "open 1: a lookup of hostname" grep -qE '^- (__)?d_lookup(_rcu)? entry: hash [0-9]+ length 8 name hostname' "$t/open1"
check "open 1: __d_alloc copies hostname from the path + 5" grep -q '^- __d_alloc entry pointer = 0x[0-9a-f]* (= path pointer + 5) | hostname' "$t/open1"
check "open 1: __d_add inserts hostname with an inode" grep -qE '^- __d_add entry pointer = 0x[0-9a-f]+ \([A-Z]+[0-9]*\) \| hostname .*inode 0x' "$t/open1"
check "open 1: returns the hostname dentry" grep -qE '^- do_filp_open return pointer = 0x[0-9a-f]+ \([A-Z]+[0-9]*\) \| hostname' "$t/open1"
tag=$(sed -n 's/^- do_filp_open return pointer = 0x[0-9a-f]* (\([A-Z][0-9]*\)) .*/\1/p' "$t/open1")
check "open 1: alloc, insert and return linked by one letter ($tag)" \
	[ "$(grep -cE "^- (__d_alloc return|__d_add entry|do_filp_open return) pointer = 0x[0-9a-f]+ \($tag\)" "$t/open1")" -eq 3 ]
check "open 2: a lookup of no_such_file.txt returns NULL" grep -qE '^- (__)?d_lookup(_rcu)? return: NULL' "$t/open2"
check "open 2: a negative dentry is allocated and inserted" grep -q '^- __d_add entry pointer = .* | no_such_file.txt (dentry .*, negative' "$t/open2"
check "open 2: returns -ENOENT" grep -q '^- do_filp_open return: error -2 ' "$t/open2"
check "the links hold (observations), none fails" sh -c "grep -q '   holds\$' '$md' && ! grep -q 'does not hold' '$md'"
check "diagram: a tree for each open" [ "$(grep -c '^└─ do_filp_open entry 0x' "$md")" -eq 2 ]

# ---- 2. a program that hangs ----------------------------------------------------------
cat > "$t/hangs.c" <<'C'
#include <fcntl.h>
#include <unistd.h>
int main(void) { close(open("/etc/hostname", O_RDONLY)); for (;;) pause(); }
C
make --no-print-directory trace ACCEL=tcg RESULTS="$t/r2" PROG="$t/hangs.c" TIMEOUT=3 > "$t/2.log" 2>&1
rc=$?
check "hang: non-zero exit" [ "$rc" -ne 0 ]
one_timeout_error() {
	[ "$(grep -c '^vfslab: error:' "$t/2.log")" -eq 1 ] && grep -q '^vfslab: error: trace: hangs did not finish in TIMEOUT=3s' "$t/2.log"
}
check "hang: exactly one error line naming TIMEOUT" one_timeout_error
run=$(cd "$t/r2/latest" 2> /dev/null && pwd -P)
check "hang: exit code 124 kept" [ "$(cat "$run/hangs/exit_code" 2> /dev/null)" = 124 ]
check "hang: the open before the hang is in the report" grep -q '^OPEN 1 of 1: "/etc/hostname"' "$run/report.md"
finish
