# Minimal test helpers for vfslab's shell tests: "ok"/"not ok" lines that
# tests/run.sh counts. Sourced.
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok - $*"; }
not_ok() { fail=$((fail + 1)); echo "not ok - $*"; }
# check NAME CMD...: ok when CMD succeeds
check() { name=$1; shift; if "$@"; then ok "$name"; else not_ok "$name"; fi; }
finish() { echo "# $pass passed, $fail failed"; [ "$fail" -eq 0 ]; }
