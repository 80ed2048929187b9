#!/bin/bash
# tests/lib/tap.sh itself: test_all (the whole condition of a check) under
# bash and busybox sh, the shells that source it; and no suite writes
# `check NAME [ a ] && [ b ]`, which tests a alone (tests/lib/check-lint.awk).
# Instant.
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib/tap.sh"
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
# Each case: the status test_all must give, then its arguments. The cases run
# in one shell per shell tried; a line per case that went wrong.
cat >"$t/cases.sh" <<'CASES'
. "$1"
n=0
want() { w=$1; shift; n=$((n + 1)); test_all "$@" 2>/dev/null; g=$?; [ "$g" = "$w" ] || echo "case $n: got $g, want $w: $*"; }
want 0 [ 1 -eq 1 ]
want 1 [ 1 -eq 2 ]
want 0 [ -d / ] [ ! -e /nonexistent ] [ "a b" = "a b" ]
want 1 [ -d / ] [ ! -e /nonexistent ] [ "a b" = "a c" ]
want 1 [ -n "" ] [ -d / ]
want 1 [ -d / ] [ -n "" ]
want 0 [ "*" = "*" ] [ "[" = "[" ] [ "a  b" != "a b" ]
want 0 [ "!" = "!" ] [ "-n" ] [ "=" ]
want 1 [ ]
want 1 [ -n x ] [ abc -lt 1 ]
want 2
want 2 -n x
want 2 [ -n x
want 2 [ -n x ] -n y
want 2 [ -n x ] [ -n y
CASES
# in order: an earlier false test ends it, a later one is not tried
cat >"$t/lazy.sh" <<'LAZY'
. "$1"
test_all [ -n "" ] [ "" -lt 5000 ] 2>&1
LAZY
for sh in bash "busybox sh"; do
	command -v "${sh%% *}" >/dev/null || { echo "ok - test_all under $sh # SKIP no ${sh%% *}"; continue; }
	out=$($sh "$t/cases.sh" "$top/tests/lib/tap.sh" 2>&1)
	if [ -z "$out" ]; then ok "test_all under $sh: every case"; else not_ok "test_all under $sh: $(printf "%s" "$out" | tr "\n" ";")"; fi
	out=$($sh "$t/lazy.sh" "$top/tests/lib/tap.sh"); rc=$?
	if [ "$rc" -eq 1 ] && [ -z "$out" ]; then ok "test_all under $sh: stops at the first false test"
	else not_ok "test_all under $sh: exit $rc, $out"; fi
done

# the lint: it sees each way the shell ends check's command, and nothing else
lint() { awk -f "$top/tests/lib/check-lint.awk" "$@"; }
# (written as chk: this file is linted too)
sed 's/^\([[:space:]]*\)chk /\1check /' >"$t/bad.sh" <<'BAD'
chk "a" [ -n x ] && [ -n y ]
chk "b" grep -q x f ||
	true
chk "c" \
	[ -n x ] && [ -n y ]
	chk "d" printf x | grep -q x
chk "e" [ -n x ] & wait
BAD
cat >"$t/good.sh" <<'GOOD'
check "a" test_all [ -n x ] [ -n y ]
check "b" sh -c "grep -q x f && grep -q y f"
check "c" sh -c '[ -n x ] && [ -n y ]'
check "d" [ "$(printf x | grep -c x)" -eq 1 ]
check "e" [ "$(a && b || c)" = x ]   # a && b in a comment
check "f" cmd 2>&1 >/dev/null
check "g" bash -c "x; $(f && g); \"&&\""
check "h" [ $((1 | 2)) -eq 3 ]
[ -n x ] && check "i" true
GOOD
check "the lint finds each && || | & after a check's command" [ "$(lint "$t/bad.sh" | cut -d: -f2 | tr '\n' ' ')" = "1 2 4 6 7 " ]
check "the lint passes quoted, substituted and redirected ones" [ -z "$(lint "$t/good.sh")" ]
found=$(cd "$top" && lint tests/*.sh tests/*/*.sh)
check "no check in tests/ tests only the first part of its condition${found:+: $(printf '%s' "$found" | cut -c1-200 | tr '\n' ';')}" [ -z "$found" ]
finish
