# Minimal test helpers for vfslab's shell tests: "ok"/"not ok" lines that
# tests/run.sh counts. Sourced, also by busybox sh (tests/guest-lib.sh): POSIX.
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok - $*"; }
not_ok() { fail=$((fail + 1)); echo "not ok - $*"; }
# check NAME CMD...: ok when CMD succeeds. CMD is one simple command:
# `check NAME [ a ] && [ b ]` is `(check NAME [ a ]) && [ b ]`, which tests a
# alone. For a whole condition: `check NAME test_all [ a ] [ b ]`, a function
# holding the condition, or `sh -c '...'`.
check() { name=$1; shift; if "$@"; then ok "$name"; else not_ok "$name"; fi; }
# test_all [ EXPR ] [ EXPR ]...: true when every [ EXPR ] holds; tried in
# order, stopping at the first that does not, as `[ a ] && [ b ]` would (the
# arguments themselves are all expanded before). A word that is not "[" where
# a test should start, a test without its "]", or no test at all: false (2).
# A test's own words must not be a lone "]".
test_all() {
	[ $# -gt 0 ] || return 2
	while [ $# -gt 0 ]; do
		[ "$1" = "[" ] || return 2
		shift
		_ta_n=0
		for _ta_w do
			[ "$_ta_w" = "]" ] && break
			_ta_n=$((_ta_n + 1))
		done
		[ "$_ta_n" -lt $# ] || return 2
		_ta_test "$_ta_n" "$@" || return 1
		shift $((_ta_n + 1))
	done
}
# _ta_test N WORD...: `test` on the first N words (the rest are ignored)
_ta_test() {
	_ta_k=$1 _ta_i=0 _ta_all=$(($# - 1))
	shift
	for _ta_w do
		[ "$_ta_i" -lt "$_ta_k" ] && set -- "$@" "$_ta_w"
		_ta_i=$((_ta_i + 1))
	done
	shift "$_ta_all"
	test "$@"
}
finish() { echo "# $pass passed, $fail failed"; [ "$fail" -eq 0 ]; }
