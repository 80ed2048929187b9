#!/bin/bash
# make golden / make lab GOLDEN=: a reference trace is saved once and never
# overwritten; a run identical but for printk timestamps is "identical"; one
# changed pointer is found, with its scenario and line. Uses a recorded real
# run (tests/report/fixtures/real-6.1); no boot.
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib/tap.sh"
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
g=$top/tools/golden.sh
cp -r "$top/tests/report/fixtures/real-6.1" "$t/run"

"$g" save "$t/run" "$t/ref.trace" 2> "$t/save.log"
check "save: writes the trace of every scenario" sh -c "[ \$(grep -c '^== ' '$t/ref.trace') -eq 12 ] && grep -q 'probe=__d_alloc' '$t/ref.trace'"
check "save: no printk timestamp is left" sh -c "! grep -q '^\[ *[0-9]' '$t/ref.trace'"
sum=$(sha256sum < "$t/ref.trace")
out=$("$g" save "$t/run" "$t/ref.trace" 2>&1); rc=$?
check "save: an existing reference is refused with one error line" \
	test_all [ "$rc" -ne 0 ] [ "$(printf '%s\n' "$out" | grep -c '^vfslab: error: GOLDEN=.* exists')" -eq 1 ]
check "save: the existing reference is untouched" [ "$(sha256sum < "$t/ref.trace")" = "$sum" ]

"$g" check "$t/run" "$t/ref.trace" 2> "$t/same.log"
check "check: the same run is identical" grep -q 'identical to the reference' "$t/same.log"

# Other timestamps only: still identical.
cp -r "$t/run" "$t/later"
sed -i 's/^\[ *\([0-9]*\)\.[0-9]*\]/[ 99\1.000001]/' "$t/later/te_miss/dmesg.txt"
"$g" check "$t/later" "$t/ref.trace" 2> "$t/later.log"
check "check: different printk timestamps are still identical" grep -q 'identical to the reference' "$t/later.log"

# One dentry pointer changed in tm_miss: found, named, shown.
cp -r "$t/run" "$t/mut"
line=$(grep -n 'probe=__d_alloc phase=ret' "$t/mut/tm_miss/dmesg.txt" | head -n 1 | cut -d: -f1)
sed -i "${line}s/dentry=ffff\([0-9a-f]\)/dentry=eeee\1/" "$t/mut/tm_miss/dmesg.txt"
"$g" check "$t/mut" "$t/ref.trace" 2> "$t/mut.log"
check "check: a changed pointer is a difference in tm_miss" grep -q "differs from the reference .*first: scenario tm_miss, trace line" "$t/mut.log"
check "check: counts the identical scenarios and names the others" grep -q "11 of 12 scenarios identical; differing: tm_miss;" "$t/mut.log"
check "check: the differing lines are shown" sh -c "grep -q 'this run:.*dentry=eeee' '$t/mut.log' && grep -q 'reference:.*dentry=ffff' '$t/mut.log'"
check "check: the verdict lands in report.md and golden.txt" grep -q 'differs' "$t/mut/golden.txt"

out=$("$g" check "$t/nope" "$t/ref.trace" 2>&1); rc=$?
check "check: a folder that is not a run gets one error line" \
	test_all [ "$rc" -ne 0 ] [ "$(printf '%s\n' "$out" | grep -c '^vfslab: error: RUN=.* is not a run folder')" -eq 1 ]
out=$("$g" check "$t/run" "$t/none.trace" 2>&1); rc=$?
refused_naming_golden() { [ "$rc" -ne 0 ] && printf '%s\n' "$out" | grep -q '^vfslab: error: GOLDEN=.*make golden'; }
check "check: a missing reference gets one error line naming make golden" refused_naming_golden
finish
