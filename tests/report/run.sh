#!/bin/bash
# Tests of the report tool (tools/report), built with ASan+UBSan into a temp
# dir. No root, no kernel: the inputs are recorded runs.
#   1. the study fixture (seed 001/002 numbers in the module's format) must
#      pass every claim of the real triggers/*.scn;
#   2. mutations of it must fail exactly the claims that read the mutated
#      value (checked in KTAP and report.json), with the right exit code;
#   3. grammar fixtures, bad scenario files, garbage and cut logs.
# Prints "ok N - name" / "not ok N - name" and "N passed, N failed" last;
# exits non-zero when a test failed. SCN_DIR overrides the scenario folder.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
here=$top/tests/report
fx=$here/fixtures
t=$(mktemp -d "${TMPDIR:-/tmp}/vfslab-report-test.XXXXXX")
trap 'rm -rf "$t"' EXIT

# The fixtures are runs of the study's seeds (triggers/stage2 and case 17's
# triggers/stage3/user_trigger): judge them against exactly those scenario
# files, wherever their suite folder is. SCN_DIR overrides.
scn=${SCN_DIR:-$t/scn}
if [ -z "${SCN_DIR:-}" ]; then
	mkdir -p "$scn"
	for d in "$fx/study"/*/; do
		n=${d%/}; n=${n##*/}
		for f in "$top"/triggers/*/"$n".scn; do [ -f "$f" ] && cp "$f" "$scn/"; done
	done
fi

pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok $((pass + fail)) - $*"; }
not_ok() { fail=$((fail + 1)); echo "not ok $((pass + fail)) - $*"; }
finish() { echo "$pass passed, $fail failed"; [ "$fail" -eq 0 ]; exit $?; }

# Sanitizer findings get exit codes of their own, so they can never pass
# for an expected 0/1/2/3.
export ASAN_OPTIONS=detect_leaks=1:exitcode=90
export UBSAN_OPTIONS=halt_on_error=1:exitcode=91:print_stacktrace=1
san="-fsanitize=address,undefined -fno-sanitize-recover=all"
if make -s -C "$top/tools/report" O="$t/bin" CFLAGS="-O1 -g $san -fno-omit-frame-pointer" \
	LDFLAGS="$san" > "$t/build.log" 2>&1; then
	ok "build with -fsanitize=address,undefined, no warnings"
else
	not_ok "build with -fsanitize=address,undefined"
	sed 's/^/#   /' "$t/build.log" | head -n 20
	finish
fi
bin=$t/bin/vfslab-report

# ---- helpers ------------------------------------------------------------

# run SCN_DIR RUN_DIR: sets $rc; stdout (KTAP) in $t/out, stderr in $t/err
run() { "$bin" --scenarios "$1" "$2" > "$t/out" 2> "$t/err"; rc=$?; }

# The claims that did not pass, from the KTAP block of each scenario:
# "scenario/id:fail" or "scenario/id:missing", sorted, space-separated.
bad_ids() {
	awk '/^  # Subtest: / { s = $3 }
	     /^  not ok / { print s "/" $4 ($0 ~ / # missing$/ ? ":missing" : ":fail") }' "$t/out" |
		sort | tr '\n' ' ' | sed 's/ $//'
}

# Every claim id of a scenario file marked STATUS ("te_miss/offset:missing ...").
all_ids() {
	sed -n 's/^claim[ 	]*\([a-z0-9_]*\).*/\1/p' "$scn/$1.scn" | sed "s|^|$1/|; s|\$|:$2|" |
		sort | tr '\n' ' ' | sed 's/ $//'
}

# report.json agrees with the KTAP: valid JSON (when python3 is there), and
# one "status": "fail"/"missing" claim line per not-ok claim.
json_agrees() {
	local j=$1/report.json kf km
	[ -s "$j" ] || { echo "no report.json"; return 1; }
	if command -v python3 > /dev/null &&
		! python3 -c 'import json,sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$j" 2> /dev/null; then
		echo "report.json is not valid JSON"; return 1
	fi
	kf=$(bad_ids | tr ' ' '\n' | grep -c ':fail$')
	km=$(bad_ids | tr ' ' '\n' | grep -c ':missing$')
	[ "$(grep -c '"kind": "claim", "status": "fail"' "$j")" = "$kf" ] &&
		[ "$(grep -c '"kind": "claim", "status": "missing"' "$j")" = "$km" ] ||
		{ echo "report.json statuses differ from KTAP"; return 1; }
}

# expect NAME RUN_DIR RC "IDS": exit code, exactly these non-passing claims
# (so every other claim passed), a clean sanitizer run and a consistent JSON.
expect() {
	local name=$1 dir=$2 want_rc=$3 want got why
	want=$(echo "$4" | tr ' ' '\n' | grep . | sort | tr '\n' ' ' | sed 's/ $//')
	got=$(bad_ids)
	if grep -qE 'Sanitizer|runtime error' "$t/err"; then
		not_ok "$name: sanitizer report"; sed 's/^/#   /' "$t/err" | head -n 15
	elif [ "$rc" != "$want_rc" ]; then
		not_ok "$name: exit $rc, want $want_rc"; tail -n 3 "$t/err" | sed 's/^/#   /'
	elif [ "$got" != "$want" ]; then
		not_ok "$name: not passing [$got], want [$want]"
	elif ! why=$(json_agrees "$dir"); then
		not_ok "$name: $why"
	else
		ok "$name"
	fi
}

# fresh: a writable copy of the study fixture in $t/run
fresh() { rm -rf "$t/run"; cp -r "$fx/study" "$t/run"; }
# edit SCENARIO SED-SCRIPT: apply a sed edit to one scenario's dmesg.txt
edit() { sed -i "$2" "$t/run/$1/dmesg.txt"; }
lines() { grep -c . "$1"; }

# ---- 1. the study fixture against the real scenario files ---------------

if ! ls "$scn"/*.scn > /dev/null 2>&1; then
	not_ok "no scenario files in $scn"
	finish
fi
if bash "$here/gen-study.sh" "$t/gen" && diff -r "$t/gen" "$fx/study" > "$t/gen.diff"; then
	ok "fixtures/study is what gen-study.sh writes"
else
	not_ok "fixtures/study differs from gen-study.sh's output"; head -n 10 "$t/gen.diff" | sed 's/^/#   /'
fi

fresh
run "$scn" "$t/run"
expect "study fixture: every claim of triggers/*.scn passes" "$t/run" 0 ""
nsc=$(ls "$scn"/*.scn | wc -l)
if head -n 2 "$t/out" | tr '\n' ' ' | grep -qx "KTAP version 1 1\.\.$nsc " &&
	[ "$(grep -c '^ok [0-9]* ' "$t/out")" = "$nsc" ]; then
	ok "KTAP: version line, plan 1..$nsc, one ok per scenario"
else
	not_ok "KTAP header or scenario lines"
fi
if [ "$(grep -c '^  KTAP version 1$' "$t/out")" = "$nsc" ] && ! grep -q '^  not ok' "$t/out"; then
	ok "KTAP: one nested block per scenario, all claims ok"
else
	not_ok "KTAP nested blocks"
fi
last=$(tail -n 1 "$t/err")
if echo "$last" | grep -qE '^vfslab-report: [0-9]+ claims: [0-9]+ passed, 0 failed, 0 missing; [0-9]+ scenarios \(0 incomplete\)$'; then
	ok "stderr ends with the one-line summary"
else
	not_ok "summary line: $last"
fi
md=$t/run/report.md
if grep -q '^| DNAME_INLINE_LEN | 40 (the study.s figure: 36) |$' "$md" &&
	grep -q '^| DENTRY_SIZE | 192 |$' "$md" &&
	grep -q '^| unavailable probes | `__d_add` (kprobe, err -2) |$' "$md" &&
	grep -q '`d_splice_alias` (kprobe) as `__d_add`' "$md" &&
	grep -q '^| kernel release | 6.12.117 |$' "$md"; then
	ok "report.md header: release, DNAME_INLINE_LEN beside 36, DENTRY_SIZE, unavailable probes, fallbacks"
else
	not_ok "report.md header"
fi
if grep -qF '  0xffff8f29465fd025 - 0xffff8f29465fd020 = 5 ; strlen("/tmp/") = 5   PASS' "$md" &&
	grep -qF -- '- __d_alloc entry pointer = 0xffff8f29465fd025' "$md" &&
	grep -qF '│  └─ __d_alloc entry 0xffff8f29465fd025' "$md"; then
	ok "report.md: te_miss offset with its values, worksheet and diagram filled"
else
	not_ok "report.md te_miss values/worksheet/diagram"
fi
if grep -q '"run": {' "$t/run/report.json" && grep -q '"schema": "vfslab-report/1"' "$t/run/report.json" &&
	grep -q '"summary": {"claims": [0-9]*, "passed": [0-9]*, "failed": 0, "missing": 0' "$t/run/report.json"; then
	ok "report.json: schema, manifest under run, summary"
else
	not_ok "report.json top level"
fi
ln -s "$t/run" "$t/latest"
run "$scn" "$t/latest"
expect "RUN_DIR given as a results/latest symlink" "$t/run" 0 ""

# Recorded real runs of the lab (make lab on 6.12 and on 6.1, copied from
# results/): every firm claim passes on what the kernel really printed.
for real in "$fx"/real-*; do
	rm -rf "$t/real"; cp -r "$real" "$t/real"
	run "$scn" "$t/real"
	expect "recorded lab run ${real##*/}: every claim passes" "$t/real" 0 ""
done

# ---- 2. mutations: each fails exactly the claims that read the value ----

fresh
edit te_miss '/probe=__d_alloc phase=entry/s/name_ptr=ffff8f29465fd025/name_ptr=ffff8f29465fd026/'
run "$scn" "$t/run"
expect "te_miss __d_alloc entry name_ptr + 1: only the offset fails" "$t/run" 1 "te_miss/offset:fail"
if grep -qF '0xffff8f29465fd026 - 0xffff8f29465fd020 = 6 ; strlen(\"/tmp/\") = 5' "$t/run/report.json"; then
	ok "the failed offset shows its values in report.json"
else
	not_ok "values of the failed offset"
fi

fresh
edit a_miss '/probe=do_filp_open/s/path_ptr=ffff8f29477d2020/path_ptr=ffff8f29477d201f/'
run "$scn" "$t/run"
expect "a_miss path copy one byte lower (offset 13): only the offset fails" "$t/run" 1 "a_miss/offset:fail"

fresh
edit te_miss '/probe=__d_add .*dentry=ffff8f2940639480/d'
run "$scn" "$t/run"
expect "te_miss __d_add line dropped: only the claim using __d_add fails" "$t/run" 1 "te_miss/dst_add_out:fail"

fresh
edit user_trigger '/probe=__d_add /d'
run "$scn" "$t/run"
expect "user_trigger __d_add dropped: no claim reads it, all pass" "$t/run" 0 ""
if grep -qF '#31 CALL __d_add  dentry=(missing)' "$t/run/report.md"; then
	ok "... and its diagram shows (missing) there"
else
	not_ok "diagram (missing) for the dropped __d_add"
fi

fresh
edit minimal_open '/probe=do_filp_open phase=ret/s/file=[0-9a-f]* err=0 .*/file=fffffffffffffffe err=-2/'
run "$scn" "$t/run"
expect "minimal_open ERR_PTR(-ENOENT) where the file was: the OUT claims fail" "$t/run" 1 \
	"minimal_open/dst_add_out:fail minimal_open/later_hit:fail"

fresh
rm -r "$t/run/hits"
run "$scn" "$t/run"
expect "hits missing: its claims and the claims reading hits: are missing, exit 2" "$t/run" 2 \
	"delete/l_delete_is_hits:missing delete/t_delete_is_hits:missing evict/l_kill_is_delete_is_hits:missing evict/t_kill_is_delete_is_hits:missing $(all_ids hits missing)"
if grep -q '"hits": {' "$t/run/report.json" && grep -A4 '"hits": {' "$t/run/report.json" | grep -q '"status": "missing"' &&
	grep -A4 '"delete": {' "$t/run/report.json" | grep -q '"status": "incomplete"'; then
	ok "... report.json: hits missing, delete incomplete"
else
	not_ok "scenario statuses for a missing scenario"
fi

fresh
n=$(grep -n 'evict (292): drop_caches: 2' "$t/run/evict/dmesg.txt" | cut -d: -f1)
head -n $((n - 1)) "$fx/study/evict/dmesg.txt" > "$t/run/evict/dmesg.txt"
printf '[   27.104' >> "$t/run/evict/dmesg.txt"
rm -f "$t/run/report.md"
run "$scn" "$t/run"
expect "evict cut before its drop (no meta=unload): the kill claims are missing, exit 2" "$t/run" 2 \
	"evict/l_kill_is_out:missing evict/l_kill_is_delete_is_hits:missing evict/t_kill_is_out:missing evict/t_kill_is_delete_is_hits:missing"
if grep -q 'no meta=unload line' "$t/run/report.md" && grep -q '^Status: \*\*incomplete\*\*' "$t/run/report.md" &&
	grep -qF '(missing)' "$t/run/report.md"; then
	ok "... a partial report.md is written, saying why"
else
	not_ok "partial report.md for a cut log"
fi

# The study's own raw-openat run (seed 002): one do_filp_open, ERR_PTR, and
# __d_alloc: 0, because its negative dentry was cached by an earlier run.
# The lab's claims assume a fresh boot; this records which of them the
# study's printed run could not meet.
fresh
# The RCU walk's lookup of the name (seq 7) finds the negative dentry; the
# open fails from it at once (renumbered seq 8): no d_lookup, no allocation.
awk '/ seq=7 probe=__d_lookup_rcu phase=ret .*missing_case17_raw/ {
	sub(/dentry=0000000000000000$/, "dentry=ffff8f2940a32140 dname_ptr=ffff8f2940a32178 dname=\"missing_case17_raw_syscall.txt\" inode=0000000000000000")
	print; skip = 1; next }
skip && /probe=do_filp_open phase=ret/ { sub(/seq=[0-9]+/, "seq=8"); print; skip = 0; next }
!skip' "$fx/study/openat_raw/dmesg.txt" > "$t/run/openat_raw/dmesg.txt"
run "$scn" "$t/run"
expect "openat_raw as the study printed it (cached negative dentry, no __d_alloc): the allocation claims fail" "$t/run" 1 \
	"openat_raw/alloc_hash_kept:fail openat_raw/alloc_len_kept:fail openat_raw/alloc_negative:fail openat_raw/alloc_unhashed:fail openat_raw/basename_offset:fail openat_raw/ext4_blocksize:fail openat_raw/ext4_magic:fail openat_raw/parent_name:fail"

fresh
echo 124 > "$t/run/post/exit_code"
run "$scn" "$t/run"
expect "exit_code 124 (timeout) with a whole log: complete, claims judged" "$t/run" 0 ""
if grep -q 'killed by its timeout' "$t/run/report.md"; then ok "... the timeout is noted"; else not_ok "timeout note"; fi

# A probe this kernel lacks (status=unavailable, no fallback with as=): the
# 6 delete claims and the evict claims/observations reading delete's
# d_delete are not checkable: a SKIP in KTAP, never failed, never passed.
fresh
sed -i -e 's/symbol=d_delete kind=kprobe status=active err=0/symbol=d_delete kind=kprobe status=unavailable err=-2/' \
	-e '/ probe=d_delete /d' "$t"/run/*/dmesg.txt
run "$scn" "$t/run"
why=$(json_agrees "$t/run")
nc=$(grep -c '^  ok [0-9]* [a-z0-9_]* # SKIP not checkable: probe d_delete unavailable$' "$t/out")
if [ "$rc" = 0 ] && [ -z "$(bad_ids)" ] && [ -z "$why" ] && [ "$nc" = 10 ] &&
	! grep -qE 'Sanitizer|runtime error' "$t/err" &&
	grep -q '^  ok 3 l_kill_is_delete_is_hits # SKIP not checkable: probe d_delete unavailable$' "$t/out" &&
	[ "$(grep -c '"status": "not_checkable"' "$t/run/report.json")" = 10 ] &&
	grep -q '"failed": 0, "missing": 0, "not_checkable": 8,' "$t/run/report.json" &&
	grep -qF '; not checkable on this kernel: probe d_delete unavailable (kprobe, err -2)   not checkable' "$t/run/report.md" &&
	grep -q '^| 70 | \[delete\](#delete) | pass | 0/6 (6 not checkable) |' "$t/run/report.md" &&
	tail -n 1 "$t/err" | grep -q ' 0 failed, 0 missing, 8 not checkable; '; then
	ok "d_delete unavailable: its 8 claims and 2 observations are not checkable (SKIP, not_checkable), exit 0"
else
	not_ok "d_delete unavailable: exit $rc, [$(bad_ids)], $nc SKIPs, $why"; tail -n 1 "$t/err" | sed 's/^/#   /'
fi

fresh
rm "$t/run/post/exit_code"
run "$scn" "$t/run"
expect "no exit_code: incomplete; claims reading #last of it are missing, exit 2" "$t/run" 2 \
	"post/before_add_is_out:missing post/before_killed:missing"

# ---- 3. garbage never crashes it ----------------------------------------

fresh
: > "$t/run/te_miss/dmesg.txt"
run "$scn" "$t/run"
expect "empty dmesg.txt: its claims are missing, exit 2" "$t/run" 2 "$(all_ids te_miss missing)"

fresh
head -c 4096 /dev/urandom > "$t/run/tm_miss/dmesg.txt"
run "$scn" "$t/run"
expect "random bytes as dmesg.txt: missing, no crash" "$t/run" 2 "$(all_ids tm_miss missing)"

fresh
for i in 1 2 3 4 5 6 7 8; do
	printf 'vfslab: %s\nvfslab: seq=%d probe=%s\n' "$(head -c 200 /dev/urandom | tr -d '\n\0')" "$i" \
		"$(head -c 50 /dev/urandom | tr -d '\n\0')"
done > "$t/run/tm_miss/dmesg.txt"
run "$scn" "$t/run"
expect "random bytes after the vfslab: prefix: parse errors, no crash" "$t/run" 2 "$(all_ids tm_miss missing)"
if [ "$(grep -c '^vfslab-report: tm_miss/dmesg.txt:[0-9]*: ' "$t/err")" -ge 10 ]; then
	ok "... each malformed line reported with its line number"
else
	not_ok "parse errors for random module lines"
fi

fresh
n=$(grep -n 'probe=__d_alloc phase=ret .*name="l_m.txt"' "$t/run/lm_miss/dmesg.txt" | cut -d: -f1)
edit lm_miss "${n}s/dentry=ffff8f2961c27180/dentry=ffff8f2961c2718g/"
run "$scn" "$t/run"
expect "a vfslab line with a broken pointer: rejected; its claim and the counts are missing, exit 2" "$t/run" 2 \
	"lm_miss/add_is_dst:missing lm_miss/enoent:missing lm_miss/no_out:missing"
if grep -qx "vfslab-report: lm_miss/dmesg.txt:$n: key 'dentry': pointer must be 16 lowercase hex digits, got 'ffff8f2961c2718g'" "$t/err" &&
	grep -q "\"line\": $n, \"message\": \"key 'dentry'" "$t/run/report.json"; then
	ok "... reported as lm_miss/dmesg.txt:$n on stderr and in report.json"
else
	not_ok "parse error report for the broken pointer"; grep lm_miss "$t/err" | sed 's/^/#   /'
fi

fresh
edit te_miss 's/ len=7 hash=1730118631 dentry=0000000000000000$/ len=7 hash=-1730118631x dentry=0000000000000000/'
run "$scn" "$t/run"
if [ "$rc" = 2 ] && grep -q "key 'hash': integer must be decimal" "$t/err"; then
	ok "a broken integer is a parse error, exit 2"
else
	not_ok "broken integer: exit $rc"
fi

fresh
bad=0
# offsets up to the first meta=unload line: a log with one is complete
size=$(grep -b -m 1 'meta=unload' "$fx/study/te_miss/dmesg.txt" | cut -d: -f1)
for cut in 1 17 100 999 $((size / 7)) $((size / 5)) $((size / 3)) $((size / 2)) $((size * 2 / 3)) \
	$((size * 4 / 5)) $((size - 200)) $((size - 1)) $((size + 30)); do
	head -c "$cut" "$fx/study/te_miss/dmesg.txt" > "$t/run/te_miss/dmesg.txt"
	run "$scn" "$t/run"
	if [ "$rc" != 2 ] || grep -qE 'Sanitizer|runtime error' "$t/err"; then
		bad=1; echo "#   cut at $cut bytes: exit $rc"
	fi
done
[ "$bad" = 0 ] && ok "te_miss cut at 13 byte offsets: exit 2 each, no crash" || not_ok "cut logs"

fresh
head -c 300 /dev/urandom > "$t/run/manifest.json"
head -c 20 /dev/urandom > "$t/run/a_miss/exit_code"
run "$scn" "$t/run"
if [ "$rc" = 2 ] && grep -q '"run": null' "$t/run/report.json" && grep -q 'not one JSON object' "$t/run/report.md" &&
	grep -q 'exit_code is not a decimal exit status' "$t/run/report.md"; then
	ok "binary manifest.json and exit_code: run null, a_miss incomplete, exit 2"
else
	not_ok "binary manifest/exit_code: exit $rc"
fi

# ---- grammar fixtures (tests/report/fixtures/scn, gram-run) ---------------

rm -rf "$t/gram"; cp -r "$fx/gram-run" "$t/gram"
run "$fx/scn" "$t/gram"
expect "grammar fixture: every form; *_fail fail, reads of a cut log are missing" "$t/gram" 2 \
	"cut/cut_missing:missing gram/cross_cut:missing gram/field_fail:fail gram/nomatch_fail:fail gram/wrong_fail:fail"
j=$t/gram/report.json
if grep -qF '"- in 0xffff8f29465fb020 src 0xffff8f29465fb025 diff 0x5 dec 5 back -5"' "$j" &&
	grep -qF '"- name a_name_longer_than_the_inline_buffer_of_40.txt magic 0xef53 len 0x2e err -0x2"' "$j" &&
	grep -qF '"- braces {x} and { y } missing (missing) unread ?"' "$j" &&
	grep -qF '"   └─ 3 opens"' "$j"; then
	ok "templates: {term}, {hex:term}, literal braces, (missing), unreadable ?"
else
	not_ok "template rendering"
fi
if grep -qF '"id": "holds", "kind": "observe", "status": "holds"' "$j" &&
	grep -qF '"id": "unread_eq", "kind": "observe", "status": "does not hold"' "$j" &&
	grep -q '^  ok 31 unread_eq # SKIP observation: does not hold$' "$t/out" &&
	grep -q '^  not ok 35 cross_cut # missing$' "$t/out" && grep -q '^not ok 1 gram # incomplete$' "$t/out"; then
	ok "observations (holds / does not hold) and missing claims in KTAP and JSON"
else
	not_ok "observation and missing rendering"
fi
if grep -qF '"values": "(missing) = NULL ; do_filp_open.ret#1 (gram/dmesg.txt:9) has no dentry"' "$j" &&
	grep -qF '"nmissed": [{"scenario": "gram", "symbol": "d_splice_alias", "kind": "kprobe", "nmissed": 3}]' "$j" &&
	grep -qF '| nmissed | gram: `d_splice_alias` (kprobe) 3 |' "$t/gram/report.md" && ! grep -q '"stray"' "$j"; then
	ok "why a field is missing, nmissed in JSON and markdown; a directory without a .scn is ignored"
else
	not_ok "missing-field reason, nmissed, stray directory"
fi

for f in "$fx"/scn-bad/*.scn; do
	name=${f##*/}
	want=$(head -n 1 "$f" | sed 's/^# expect: //')
	rm -rf "$t/bad" "$t/badrun"; mkdir -p "$t/bad" "$t/badrun"; cp "$f" "$t/bad/"
	run "$t/bad" "$t/badrun"
	if [ "$rc" = 3 ] && [ "$(wc -l < "$t/err")" = 1 ] &&
		grep -qF "vfslab-report: error: $t/bad/$name:$want" "$t/err" && [ ! -e "$t/badrun/report.md" ]; then
		ok "bad scenario $name: exit 3, one line '$name:$want...'"
	else
		not_ok "bad scenario $name: exit $rc: $(cat "$t/err")"
	fi
done

# ---- usage errors -----------------------------------------------------------

usage_case() {   # usage_case NAME PATTERN ARGS...
	local name=$1 pat=$2; shift 2
	"$bin" "$@" > "$t/out" 2> "$t/err"; rc=$?
	if [ "$rc" = 3 ] && grep -q "^vfslab-report: error: .*$pat" "$t/err" &&
		[ "$(grep -c '^vfslab-report: error:' "$t/err")" = 1 ]; then
		ok "$name: exit 3, one error line naming the fix"
	else
		not_ok "$name: exit $rc: $(head -n 1 "$t/err")"
	fi
}
usage_case "missing RUN_DIR" "RUN_DIR $t/nope: No such file or directory; pass results/<release>/<timestamp>" \
	--scenarios "$scn" "$t/nope"
usage_case "no arguments" "--scenarios DIR is required"
usage_case "no RUN_DIR argument" "RUN_DIR is required" --scenarios "$scn"
usage_case "unknown option" "unexpected argument '--frobnicate'" --frobnicate --scenarios "$scn" "$t/run"
usage_case "scenario dir missing" "--scenarios $t/none: No such file or directory; pass the triggers/ directory" \
	--scenarios "$t/none" "$t/run"
mkdir -p "$t/empty"
usage_case "scenario dir without .scn" "no \*.scn file in $t/empty or its suite folders; pass --scenarios triggers" \
	--scenarios "$t/empty" "$t/run"
# Suites are folders: a root of suite folders is read like the files
# themselves, and a name two suites share is refused (it is one comm).
mkdir -p "$t/suites/one" "$t/suites/two"
for f in "$scn"/*.scn; do
	case ${f##*/} in user_trigger.scn | te_miss.scn) cp "$f" "$t/suites/two/" ;; *) cp "$f" "$t/suites/one/" ;; esac
done
fresh
run "$t/suites" "$t/run"
expect "suite folders: a root of two suites judges every scenario" "$t/run" 0 ""
cp "$scn/te_miss.scn" "$t/suites/one/"
usage_case "suite folders: one name in two suites" "$t/suites/two/te_miss.scn: scenario 'te_miss' is also $t/suites/one/te_miss.scn; rename one" \
	--scenarios "$t/suites" "$t/run"
head -c 2000 /dev/urandom > "$t/empty/junk.scn"
usage_case "random bytes as a .scn" "$t/empty/junk.scn:[0-9]*: " --scenarios "$t/empty" "$t/run"
fresh; chmod a-w "$t/run"
if [ "$(id -u)" != 0 ]; then
	usage_case "read-only RUN_DIR" "cannot write $t/run/report.md: .*; make RUN_DIR writable" \
		--scenarios "$scn" "$t/run"
fi
chmod u+w "$t/run"
"$bin" --help > "$t/out" 2>&1 && grep -q '^usage: vfslab-report --scenarios DIR RUN_DIR' "$t/out" &&
	ok "--help prints the usage, exit 0" || not_ok "--help"

finish
