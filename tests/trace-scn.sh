#!/bin/bash
# The generic report of make trace without a boot: tools/trace-scn.awk on a
# recorded 6.12 log (te_miss: three opens), judged by the real report tool.
# The links it draws must be checked, and must fail when the log disagrees.
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib/tap.sh"
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
fx=$top/tests/report/fixtures/real-6.12/te_miss
make -s -C "$top/tools/report" O="$t/bin" > "$t/build.log" 2>&1 || { not_ok "report tool builds"; finish; exit 1; }
rep=$t/bin/vfslab-report

# judge LOG: generate the scenario from LOG (or from GEN_FROM when set, to
# judge one log against another's scenario), run the report; $rc, $md
judge() {
	rm -rf "$t/run" "$t/scn"; mkdir -p "$t/run/prog" "$t/scn"
	cp "$1" "$t/run/prog/dmesg.txt"; echo 0 > "$t/run/prog/exit_code"
	awk -v name=prog -f "$top/tools/trace-scn.awk" "${GEN_FROM:-$1}" > "$t/scn/prog.scn"
	"$rep" --scenarios "$t/scn" "$t/run" > "$t/ktap" 2> "$t/err"; rc=$?
	md=$t/run/report.md
}

judge "$fx/dmesg.txt"
check "report of a generated scenario exits 0" [ "$rc" -eq 0 ]
check "one OPEN per do_filp_open (3)" [ "$(grep -c '^OPEN [0-9] of 3: ' "$md")" -eq 3 ]
check "opens in order with their paths" \
	[ "$(sed -n 's/^OPEN [0-9] of 3: "\([^"]*\)".*/\1/p' "$md" | tr '\n' ' ')" = "/tmp/t_e.txt /proc/sys/vm/drop_caches /tmp/t_e.txt " ]
lacks() { ! grep -q "$1" "$2"; }
check "no placeholder left unfilled" lacks '(missing)' "$md"
# open 1: __d_alloc's copy lands where __d_add inserts and do_filp_open returns
line() { grep -m1 "$1" "$md"; }
tagof() { printf '%s\n' "$1" | sed -n 's/.*= 0x[0-9a-f]* (\([A-Z][0-9]*\)).*/\1/p'; }
ret=$(line '^- do_filp_open return pointer = ')
check "the returned name pointer carries a link letter" [ -n "$(tagof "$ret")" ]
check "__d_alloc return and __d_add entry carry the same letter as the return" \
	grep -q "^- __d_add entry pointer = 0x[0-9a-f]* ($(tagof "$ret")) | t_e.txt" "$md"
check "copy source offset into the path: + 5 for t_e.txt" grep -q '^- __d_alloc entry pointer = 0x[0-9a-f]* (= path pointer + 5) | t_e.txt' "$md"
check "inline name told from the dentry size" grep -q 'inline name' "$md"
check "every link holds as an observation" [ "$(grep -c '   holds$' "$md")" -ge 10 ]
check "no link fails on its own log" lacks 'does not hold' "$md"
check "diagram has a tree per open" [ "$(grep -c '^└─ do_filp_open entry 0x' "$md")" -eq 3 ]

# Mutation: the log says __d_add inserted another name pointer than the one
# the scenario was generated from: that link must not hold.
sed 's/\(seq=19 probe=__d_add .* dname_ptr=\)ffff888000665cf8/\1ffff888000665d00/' "$fx/dmesg.txt" > "$t/mut.txt"
GEN_FROM=$fx/dmesg.txt judge "$t/mut.txt"
check "mutated __d_add pointer: its link does not hold" grep -q 'does not hold' "$md"
check "observations never fail the run (exit 0)" [ "$rc" -eq 0 ]
# Mutation: the copy source moves by one byte: the offset observation fails.
sed 's/\(seq=15 probe=__d_alloc phase=entry .* name_ptr=\)ffff888000acc025/\1ffff888000acc026/' "$fx/dmesg.txt" > "$t/mut2.txt"
GEN_FROM=$fx/dmesg.txt judge "$t/mut2.txt"
check "mutated copy source: the offset line says so" \
	sh -c "grep -A1 '^observe copy_offset_2' '$md' | grep -q 'does not hold'"

# A log cut inside the last open: the open is shown without a return.
head -n "$(grep -n 'seq=95 ' "$fx/dmesg.txt" | cut -d: -f1)" "$fx/dmesg.txt" > "$t/cut.txt"
judge "$t/cut.txt"
check "cut log: last open shown without a return" grep -q 'do_filp_open return: not in the log' "$md"
check "cut log: the report marks the scenario incomplete (exit 2)" [ "$rc" -eq 2 ]
# No open at all: one line says so.
grep -v 'probe=do_filp_open' "$fx/dmesg.txt" > "$t/none.txt"
judge "$t/none.txt"
check "no do_filp_open: the worksheet says so" grep -q '^no do_filp_open of prog in the log' "$md"
finish
