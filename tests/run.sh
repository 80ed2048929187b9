#!/bin/bash
# vfslab's test suite: unit tests, CLI error tests, then the real end-to-end
# boot. Each suite prints "ok"/"not ok" lines; the last line of this script
# is the total: "N passed, N failed". SUITES="guest-lib cli" runs a subset.
top=$(cd "$(dirname "$0")/.." && pwd)
suites=${SUITES:-tap guest-lib guest-io report compare trace-scn trace-cli flavour-claims cli golden workflow fetch fetch-deb deps e2e misuse shell trace cache repro}
pass=0 fail=0 broken=""
for s in $suites; do
	case $s in
	report) script=$top/tests/report/run.sh ;;
	compare) script=$top/tests/report/compare.sh ;;
	*) script=$top/tests/$s.sh ;;
	esac
	echo "# suite: $s"
	out=$("$script" 2>&1); rc=$?
	printf '%s\n' "$out" | grep -E '^(ok|not ok|#)' | grep -v '^# [0-9]* passed'
	p=$(printf '%s\n' "$out" | grep -c '^ok')
	f=$(printf '%s\n' "$out" | grep -c '^not ok')
	# a suite that dies without reporting a failure still fails
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1; echo "not ok - suite $s exited $rc"; printf '%s\n' "$out" | tail -n 5 | sed 's/^/#   /'
	fi
	pass=$((pass + p)) fail=$((fail + f))
	[ "$f" -eq 0 ] || broken="$broken $s"
done
[ -z "$broken" ] || echo "# failing suites:$broken"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
