#!/bin/bash
# user_trigger's flavour claims (ROOTFS=busybox and ROOTFS=debian): the
# program's own open is its last do_filp_open, and whatever it opened before
# is the loader's. Recorded 6.12 log (static musl: no loader opens), then the
# same log with glibc's two loader opens spliced in front (must still pass),
# then mutations that each claim must catch.
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib/tap.sh"
t=${KEEP:-$(mktemp -d)}; [ -n "${KEEP:-}" ] || trap 'rm -rf "$t"' EXIT
make -s -C "$top/tools/report" O="$t/bin" > "$t/build.log" 2>&1 || { not_ok "report tool builds"; finish; exit 1; }
fx=$top/tests/report/fixtures/real-6.12/user_trigger
mkdir -p "$t/scn"; cp "$top/triggers/stage3/user_trigger.scn" "$t/scn/"
log=$fx/dmesg.txt

# judge LOG: $st = "id:result id:result" for the three flavour lines
judge() {
	rm -rf "$t/run"; mkdir -p "$t/run"; cp -r "$fx" "$t/run/user_trigger"; cp "$1" "$t/run/user_trigger/dmesg.txt"
	"$t/bin/vfslab-report" --scenarios "$t/scn" "$t/run" > "$t/ktap" 2> /dev/null
	st=$(for id in own_open_last before_is_loader loader_opens_first; do
		grep -A1 "^observe $id:\|^$id:" "$t/run/report.md" | tail -n 1 | awk -v i="$id" '{ print i ":" $NF }'
	done | tr '\n' ' ')
}
# ev SEQ PATH: one open as the module prints it (entry SEQ, return SEQ+1)
ev() {
	printf '[    1.0] vfslab: seq=%s probe=do_filp_open phase=entry pid=1 comm="user_trigger" dfd=-100 path_ptr=ffff888000c31020 path="%s"\n' "$1" "$2"
	printf '[    1.0] vfslab: seq=%s probe=do_filp_open phase=ret pid=1 comm="user_trigger" path_ptr=ffff888000c31020 path="%s" file=ffff888000922900 err=0 dentry=ffff888000695900 dname_ptr=ffff888000695938 dname="x" inode=ffff8880024e6090\n' "$(($1 + 1))" "$2"
}
# The recorded log with every seq moved up by 10, so events fit in front.
awk '{ if (match($0, /vfslab: seq=[0-9]+/)) { n = substr($0, RSTART + 12, RLENGTH - 12) + 10
	$0 = substr($0, 1, RSTART + 11) n substr($0, RSTART + RLENGTH) } print }' "$log" > "$t/shifted"
first=$(grep -n 'vfslab: seq=' "$t/shifted" | head -n 1 | cut -d: -f1)
splice() { { head -n $((first - 1)) "$t/shifted"; cat "$1"; tail -n +"$first" "$t/shifted"; } > "$t/spliced"; }
status() { echo "$st" | sed "s/.*$1:\([A-Za-z]*\).*/\1/"; }

judge "$log"
check "musl log: own open last, nothing before it (PASS, PASS, does not hold)" \
	[ "$st" = "own_open_last:PASS before_is_loader:PASS loader_opens_first:hold " ]
judge "$t/shifted"
check "the shifted log judges the same" \
	[ "$st" = "own_open_last:PASS before_is_loader:PASS loader_opens_first:hold " ]
{ ev 1 /etc/ld.so.cache; ev 3 /lib/x86_64-linux-gnu/libc.so.6; } > "$t/loader"
splice "$t/loader"
judge "$t/spliced"
check "glibc-like log: loader opens first, own open last (PASS, PASS, holds)" \
	[ "$st" = "own_open_last:PASS before_is_loader:PASS loader_opens_first:holds " ]
ev 1 /etc/passwd > "$t/other"
splice "$t/other"
judge "$t/spliced"
check "an open before the program's that is not the loader's: before_is_loader FAILs" [ "$(status before_is_loader)" = FAIL ]
last=$(grep -o 'vfslab: seq=[0-9]*' "$t/shifted" | tail -n 1 | cut -d= -f2)
{ grep -v 'meta=unload' "$t/shifted"; ev $((last + 1)) /lab/work/later.txt; grep 'meta=unload' "$t/shifted"; } > "$t/later"
judge "$t/later"
check "an open after the program's own: own_open_last FAILs" [ "$(status own_open_last)" = FAIL ]
finish
