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
	sed -n 's/^claim[ 	]*\([a-z0-9_]*\).*/\1/p' "$sscn/$1.scn" | sed "s|^|$1/|; s|\$|:$2|" |
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
	want=$(echo "$4" | tr ' \t' '\n\n' | grep . | sort | tr '\n' ' ' | sed 's/ $//')
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

# The study printed hashes but (save case17, seed 002) not the parent
# pointers they were salted with: the fixture's stand-in parents cannot
# reproduce them. So the study-based tests below judge every claim but the
# NH recomputations (nh_*), which the real runs judge in full.
sscn=$t/scn-study
mkdir -p "$sscn"
for f in "$scn"/*.scn; do grep -v '^claim nh_' "$f" > "$sscn/${f##*/}"; done
nh_ids=$(for f in "$scn"/*.scn; do n=${f##*/}; sed -n "s|^claim \(nh_[a-z0-9_]*\) .*|${n%.scn}/\1:fail|p" "$f"; done |
	grep -vE '^user_trigger/nh_(lookup|lookup_inner|alloc_parallel):' | tr '\n' ' ')
fresh
run "$scn" "$t/run"
expect "study fixture, full scenarios: only the NH recomputations of stand-in parents fail; case17's (seed 002) hold" \
	"$t/run" 1 "$nh_ids"

fresh
run "$sscn" "$t/run"
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
run "$sscn" "$t/latest"
expect "RUN_DIR given as a results/latest symlink" "$t/run" 0 ""

# Recorded real runs of the lab (make lab on 6.12 and on 6.1, copied from
# results/): every firm claim passes on what the kernel really printed.
for real in "$fx"/real-*; do
	rm -rf "$t/real"; cp -r "$real" "$t/real"
	run "$scn" "$t/real"
	expect "recorded lab run ${real##*/}: every claim passes" "$t/real" 0 ""
done

# ---- 2a. mutations of the real 6.12 run: each new check fails alone -----
# Each breaks one thing the issue lists and must fail exactly its claim,
# or make exactly its scenario incomplete (exit 2) saying why.

freal() { rm -rf "$t/real"; cp -r "$fx/real-6.12" "$t/real"; }
redit() { sed -i "$2" "$t/real/$1/dmesg.txt"; }
# every(...) and count(...) of a scenario whose log is not whole are missing
nh_missing() { echo "$1/nh_lookup:missing $1/nh_lookup_inner:missing $1/nh_lookup_rcu:missing $1/nh_alloc_parallel:missing"; }
notes_say() { grep -qF -- "$2" "$t/real/report.md" && grep -q "^not ok [0-9]* $1 # incomplete$" "$t/out"; }

freal
redit te_miss 's/meta=unload symbol=__d_alloc kind=kretprobe nmissed=0/meta=unload symbol=__d_alloc kind=kretprobe nmissed=2/'
run "$scn" "$t/real"
expect "real 6.12: te_miss __d_alloc nmissed=2: incomplete, every(...) claims missing, exit 2" "$t/real" 2 "$(nh_missing te_miss)"
notes_say te_miss '- note: probe __d_alloc (kretprobe) missed 2 hit(s) (nmissed at unload)' &&
	grep -qF '"nmissed": [{"scenario": "te_miss", "symbol": "__d_alloc", "kind": "kretprobe", "nmissed": 2}]' "$t/real/report.json" &&
	ok "... the report names the probe that missed" || not_ok "nmissed note naming __d_alloc"

freal
sed -i 's/^tm_miss second open fd=-1$/tm_miss second open fd=3/' "$t/real/tm_miss/stdout.txt"
run "$scn" "$t/real"
expect "real 6.12: tm_miss's second open prints fd=3: only both_fd_printed fails" "$t/real" 1 "tm_miss/both_fd_printed:fail"
freal
rm "$t/real/tm_miss/stdout.txt"
run "$scn" "$t/real"
expect "real 6.12: tm_miss without stdout.txt: both_fd_printed is missing, exit 2" "$t/real" 2 "tm_miss/both_fd_printed:missing"

# __d_add logged before the __d_alloc it inserts: the five lines seq=96..100
# in the order add, alloc entry, alloc ret, rcu entry, rcu ret; seq kept
# increasing and every ret after its entry, so only the order claim sees it.
freal
awk '/ seq=96 /{a=$0; next} / seq=9[789] /{b[++n]=$0; next}
     / seq=100 /{sub(/ seq=100 /, " seq=96 "); print; sub(/ seq=96 /, " seq=97 ", a); print a
		 for (i = 1; i <= 3; i++) { sub(/ seq=9[789] /, " seq=" 97 + i " ", b[i]); print b[i] }; next}
     {print}' "$fx/real-6.12/te_miss/dmesg.txt" > "$t/real/te_miss/dmesg.txt"
run "$scn" "$t/real"
expect "real 6.12: te_miss __d_add logged before its __d_alloc: only chain_order fails" "$t/real" 1 "te_miss/chain_order:fail"

freal
redit minimal_open '/ seq=13 probe=do_filp_open phase=ret/s/file=ffff888006062480 err=0/file=fffffffffffffffe err=0/'
run "$scn" "$t/real"
expect "real 6.12: minimal_open ret file=ERR_PTR with err=0 and a dentry: inconsistent, incomplete" "$t/real" 2 "$(nh_missing minimal_open)"
notes_say minimal_open '- inconsistent: dmesg.txt:27: do_filp_open.ret: file=fffffffffffffffe is an ERR_PTR but err=0' &&
	grep -q '^vfslab-report: minimal_open/dmesg.txt:27: inconsistent: do_filp_open.ret: file=fffffffffffffffe is an ERR_PTR but err=0$' "$t/err" &&
	grep -qF '"inconsistencies": [' "$t/real/report.json" && grep -qF '{"line": 27, "message": "do_filp_open.ret: file=' "$t/real/report.json" &&
	ok "... named with its line in report.md, report.json and on stderr" || not_ok "ERR_PTR/err inconsistency report"
freal
redit tm_miss '/ seq=38 probe=do_filp_open phase=ret/s/err=-2$/err=-13/'
run "$scn" "$t/real"
expect "real 6.12: tm_miss ret ERR_PTR(-ENOENT) with err=-13: inconsistent, incomplete" "$t/real" 2 \
	"tm_miss/both_fail:missing tm_miss/no_out:missing tm_miss/no_second_alloc:missing $(nh_missing tm_miss)"

freal
redit te_miss '/ seq=97 probe=__d_alloc phase=ret/s/ dname="t_e.txt"/ dname=""/'
run "$scn" "$t/real"
expect "real 6.12: te_miss __d_alloc ret with a dentry and an empty dname: inconsistent, incomplete" "$t/real" 2 "$(nh_missing te_miss)"
notes_say te_miss 'inconsistent: dmesg.txt:111: __d_alloc.ret: dentry=ffff888000674000 with an empty dname' &&
	ok "... the empty dname is named" || not_ok "empty dname note"

freal
redit lm_miss 's/ seq=5 probe=/ seq=6 probe=/; t; s/ seq=6 probe=__d_lookup phase=entry/ seq=5 probe=__d_lookup phase=entry/'
run "$scn" "$t/real"
expect "real 6.12: lm_miss seq 6 logged before seq 5: inconsistent, incomplete" "$t/real" 2 \
	"lm_miss/enoent:missing lm_miss/no_out:missing $(nh_missing lm_miss)"
notes_say lm_miss 'inconsistent: dmesg.txt:19: seq=5 after seq=6: seq must strictly increase' &&
	ok "... the backward seq is named" || not_ok "seq order note"

freal
redit te_miss '/ seq=96 probe=__d_alloc phase=entry/s/ pid=181 / pid=999 /'
run "$scn" "$t/real"
expect "real 6.12: te_miss __d_alloc ret whose entry is another task's: inconsistent, incomplete" "$t/real" 2 "$(nh_missing te_miss)"
notes_say te_miss 'inconsistent: dmesg.txt:111: __d_alloc.ret (seq=97) has no __d_alloc.entry line before it in its task' &&
	ok "... the ret without its entry is named" || not_ok "ret without entry note"
freal
redit te_miss '/ seq=94 probe=d_lookup phase=ret/s/ hash=2297890826 / hash=2297890827 /'
run "$scn" "$t/real"
expect "real 6.12: te_miss d_lookup ret with another hash than its entry: inconsistent, incomplete" "$t/real" 2 "$(nh_missing te_miss)"
notes_say te_miss 'inconsistent: dmesg.txt:108: d_lookup.ret (seq=94) says hash differently from its entry (line 106)' &&
	ok "... the disagreeing key is named" || not_ok "carried key note"

freal
redit te_miss '/ seq=100 probe=__d_add /s/ dentry=ffff888000674000 / dentry=ffff8880006740c0 /'
run "$scn" "$t/real"
expect "real 6.12: te_miss __d_add of another dentry, same name pointer: only dst_add_out_dentry fails" "$t/real" 1 \
	"te_miss/dst_add_out_dentry:fail"

freal
redit te_miss '/ seq=9[24] probe=d_lookup /s/ hash=2297890826/ hash=2297890827/'
run "$scn" "$t/real"
expect "real 6.12: te_miss d_lookup hash off by one (entry and ret): only nh_lookup fails" "$t/real" 1 "te_miss/nh_lookup:fail"
if grep -qF 'NH(0xffff888000674b40, \"t_e.txt\") = 2297890826 ; 2297890827 = 2297890826 ; 1 of 3 d_lookup.entry events do not hold' "$t/real/report.json"; then
	ok "... the recomputed hash is shown beside the printed one"
else
	not_ok "NH values in report.json"
fi

# ---- 2. mutations: each fails exactly the claims that read the value ----

fresh
edit te_miss '/probe=__d_alloc phase=entry/s/name_ptr=ffff8f29465fd025/name_ptr=ffff8f29465fd026/'
run "$sscn" "$t/run"
expect "te_miss __d_alloc entry name_ptr + 1: only the offset fails" "$t/run" 1 "te_miss/offset:fail"
if grep -qF '0xffff8f29465fd026 - 0xffff8f29465fd020 = 6 ; strlen(\"/tmp/\") = 5' "$t/run/report.json"; then
	ok "the failed offset shows its values in report.json"
else
	not_ok "values of the failed offset"
fi

fresh
edit a_miss '/probe=do_filp_open/s/path_ptr=ffff8f29477d2020/path_ptr=ffff8f29477d201f/'
run "$sscn" "$t/run"
expect "a_miss path copy one byte lower (offset 13): only the offset fails" "$t/run" 1 "a_miss/offset:fail"

fresh
edit te_miss '/probe=__d_add .*dentry=ffff8f2940639480/d'
run "$sscn" "$t/run"
expect "te_miss __d_add line dropped: only the claims using __d_add fail" "$t/run" 1 \
	"te_miss/dst_add_out:fail te_miss/dst_add_out_dentry:fail te_miss/chain_order:fail"

fresh
edit user_trigger '/probe=__d_add /d'
run "$sscn" "$t/run"
expect "user_trigger __d_add dropped: only the claims reading __d_add fail" "$t/run" 1 \
	"user_trigger/add_dentry:fail user_trigger/add_name:fail user_trigger/chain_order:fail"
if grep -qF '#31 CALL __d_add  dentry=(missing)' "$t/run/report.md"; then
	ok "... and its diagram shows (missing) there"
else
	not_ok "diagram (missing) for the dropped __d_add"
fi

fresh
edit minimal_open '/probe=do_filp_open phase=ret/s/file=[0-9a-f]* err=0 .*/file=fffffffffffffffe err=-2/'
run "$sscn" "$t/run"
expect "minimal_open ERR_PTR(-ENOENT) where the file was: the OUT claims fail" "$t/run" 1 \
	"minimal_open/dst_add_out:fail minimal_open/later_hit:fail minimal_open/dst_add_out_dentry:fail minimal_open/later_hit_dentry:fail"

fresh
rm -r "$t/run/hits"
run "$sscn" "$t/run"
expect "hits missing: its claims and the claims reading hits: are missing, exit 2" "$t/run" 2 \
	"delete/l_delete_is_hits:missing delete/t_delete_is_hits:missing evict/l_kill_is_delete_is_hits:missing evict/t_kill_is_delete_is_hits:missing \
	 delete/l_delete_dentry:missing delete/t_delete_dentry:missing evict/l_kill_dentry:missing evict/t_kill_dentry:missing $(all_ids hits missing)"
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
run "$sscn" "$t/run"
expect "evict cut before its drop (no meta=unload): the kill claims are missing, exit 2" "$t/run" 2 \
	"evict/l_kill_is_out:missing evict/l_kill_is_delete_is_hits:missing evict/t_kill_is_out:missing evict/t_kill_is_delete_is_hits:missing \
	 evict/l_kill_dentry:missing evict/t_kill_dentry:missing evict/l_order:missing evict/t_order:missing"
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
run "$sscn" "$t/run"
expect "openat_raw as the study printed it (cached negative dentry, no __d_alloc): the allocation claims fail" "$t/run" 1 \
	"openat_raw/add_dentry:fail openat_raw/add_name:fail openat_raw/chain_order:fail openat_raw/alloc_hash_kept:fail openat_raw/alloc_len_kept:fail openat_raw/alloc_negative:fail openat_raw/alloc_unhashed:fail openat_raw/basename_offset:fail openat_raw/ext4_blocksize:fail openat_raw/ext4_magic:fail openat_raw/parent_name:fail"

fresh
echo 124 > "$t/run/post/exit_code"
run "$sscn" "$t/run"
expect "exit_code 124 (timeout) with a whole log: complete, claims judged" "$t/run" 0 ""
if grep -q 'killed by its timeout' "$t/run/report.md"; then ok "... the timeout is noted"; else not_ok "timeout note"; fi

# A probe this kernel lacks (status=unavailable, no fallback with as=): the
# 10 delete claims and the evict claims/observations reading delete's
# d_delete are not checkable: a SKIP in KTAP, never failed, never passed.
fresh
sed -i -e 's/symbol=d_delete kind=kprobe status=active err=0/symbol=d_delete kind=kprobe status=unavailable err=-2/' \
	-e '/ probe=d_delete /d' "$t"/run/*/dmesg.txt
run "$sscn" "$t/run"
why=$(json_agrees "$t/run")
nc=$(grep -c '^  ok [0-9]* [a-z0-9_]* # SKIP not checkable: probe d_delete unavailable$' "$t/out")
if [ "$rc" = 0 ] && [ -z "$(bad_ids)" ] && [ -z "$why" ] && [ "$nc" = 18 ] &&
	! grep -qE 'Sanitizer|runtime error' "$t/err" &&
	grep -q '^  ok 3 l_kill_is_delete_is_hits # SKIP not checkable: probe d_delete unavailable$' "$t/out" &&
	[ "$(grep -c '"status": "not_checkable"' "$t/run/report.json")" = 18 ] &&
	grep -q '"failed": 0, "missing": 0, "not_checkable": 14,' "$t/run/report.json" &&
	grep -qF '; not checkable on this kernel: probe d_delete unavailable (kprobe, err -2)   not checkable' "$t/run/report.md" &&
	grep -q '^| 70 | \[delete\](#delete) | pass | 0/10 (10 not checkable) |' "$t/run/report.md" &&
	tail -n 1 "$t/err" | grep -q ' 0 failed, 0 missing, 14 not checkable; '; then
	ok "d_delete unavailable: its 14 claims and 4 observations are not checkable (SKIP, not_checkable), exit 0"
else
	not_ok "d_delete unavailable: exit $rc, [$(bad_ids)], $nc SKIPs, $why"; tail -n 1 "$t/err" | sed 's/^/#   /'
fi

fresh
rm "$t/run/post/exit_code"
run "$sscn" "$t/run"
expect "no exit_code: incomplete; claims reading #last of it are missing, exit 2" "$t/run" 2 \
	"post/before_add_is_out:missing post/before_killed:missing post/before_dentry:missing post/chain_order:missing"

# ---- 3. garbage never crashes it ----------------------------------------

fresh
: > "$t/run/te_miss/dmesg.txt"
run "$sscn" "$t/run"
expect "empty dmesg.txt: its claims are missing, exit 2" "$t/run" 2 "$(all_ids te_miss missing)"

fresh
head -c 4096 /dev/urandom > "$t/run/tm_miss/dmesg.txt"
run "$sscn" "$t/run"
# (stdout.txt is intact: the claim on what the program printed still passes)
expect "random bytes as dmesg.txt: missing, no crash" "$t/run" 2 "$(all_ids tm_miss missing | sed 's| tm_miss/both_fd_printed:missing||')"

fresh
for i in 1 2 3 4 5 6 7 8; do
	printf 'vfslab: %s\nvfslab: seq=%d probe=%s\n' "$(head -c 200 /dev/urandom | tr -d '\n\0')" "$i" \
		"$(head -c 50 /dev/urandom | tr -d '\n\0')"
done > "$t/run/tm_miss/dmesg.txt"
run "$sscn" "$t/run"
expect "random bytes after the vfslab: prefix: parse errors, no crash" "$t/run" 2 "$(all_ids tm_miss missing | sed 's| tm_miss/both_fd_printed:missing||')"
if [ "$(grep -c '^vfslab-report: tm_miss/dmesg.txt:[0-9]*: ' "$t/err")" -ge 10 ]; then
	ok "... each malformed line reported with its line number"
else
	not_ok "parse errors for random module lines"
fi

fresh
n=$(grep -n 'probe=__d_alloc phase=ret .*name="l_m.txt"' "$t/run/lm_miss/dmesg.txt" | cut -d: -f1)
edit lm_miss "${n}s/dentry=ffff8f2961c27180/dentry=ffff8f2961c2718g/"
run "$sscn" "$t/run"
expect "a vfslab line with a broken pointer: rejected; its claim and the counts are missing, exit 2" "$t/run" 2 \
	"lm_miss/add_is_dst:missing lm_miss/enoent:missing lm_miss/no_out:missing lm_miss/add_is_dst_dentry:missing lm_miss/chain_order:missing"
if grep -qx "vfslab-report: lm_miss/dmesg.txt:$n: key 'dentry': pointer must be 16 lowercase hex digits, got 'ffff8f2961c2718g'" "$t/err" &&
	grep -q "\"line\": $n, \"message\": \"key 'dentry'" "$t/run/report.json"; then
	ok "... reported as lm_miss/dmesg.txt:$n on stderr and in report.json"
else
	not_ok "parse error report for the broken pointer"; grep lm_miss "$t/err" | sed 's/^/#   /'
fi

fresh
edit te_miss 's/ len=7 hash=1730118631 dentry=0000000000000000$/ len=7 hash=-1730118631x dentry=0000000000000000/'
run "$sscn" "$t/run"
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
	run "$sscn" "$t/run"
	if [ "$rc" != 2 ] || grep -qE 'Sanitizer|runtime error' "$t/err"; then
		bad=1; echo "#   cut at $cut bytes: exit $rc"
	fi
done
[ "$bad" = 0 ] && ok "te_miss cut at 13 byte offsets: exit 2 each, no crash" || not_ok "cut logs"

fresh
head -c 300 /dev/urandom > "$t/run/manifest.json"
head -c 20 /dev/urandom > "$t/run/a_miss/exit_code"
run "$sscn" "$t/run"
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
	"cut/cut_missing:missing gram/cross_cut:missing gram/field_fail:fail gram/nomatch_fail:fail gram/wrong_fail:fail \
	 gram/every_fail:fail gram/every_none_fail:fail gram/in_fail:fail gram/out_fail:fail \
	 missed/missed_count:missing nh/nh_wrong_fail:fail nh/nh_vector_fail:fail nh/nh_cut_missing:missing"
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
	grep -q '^  ok 48 unread_eq # SKIP observation: does not hold$' "$t/out" &&
	grep -q '^  ok 24 cut_eq # SKIP observation: does not hold$' "$t/out" &&
	grep -q '^  not ok 52 cross_cut # missing$' "$t/out" && grep -q '^not ok 1 gram # incomplete$' "$t/out"; then
	ok "observations (holds / does not hold) and missing claims in KTAP and JSON"
else
	not_ok "observation and missing rendering"
fi
if grep -qF '"values": "(missing) = NULL ; do_filp_open.ret#1 (gram/dmesg.txt:9) has no dentry"' "$j" &&
	grep -qF '"nmissed": [{"scenario": "missed", "symbol": "d_splice_alias", "kind": "kprobe", "nmissed": 3}]' "$j" &&
	grep -qF '| nmissed | missed: `d_splice_alias` (kprobe) 3 |' "$t/gram/report.md" && ! grep -q '"stray"' "$j" &&
	grep -qF -- '- note: probe d_splice_alias (kprobe) missed 3 hit(s) (nmissed at unload): the log lacks events' "$t/gram/report.md" &&
	grep -q '^not ok 4 missed # incomplete$' "$t/out" && grep -q '^ok 2 other$' "$t/out"; then
	ok "why a field is missing; nmissed > 0 makes a whole log incomplete, named in notes, JSON and markdown; a directory without a .scn is ignored"
else
	not_ok "missing-field reason, nmissed, stray directory"
fi

# NH: the 14 (parent, name, hash) triples the study recorded with a raw
# parent pointer (../shared/stage3.md section 1) recompute exactly.
vec=$(awk '/^  # Subtest: nh$/ { on = 1 } on && /^  ok [0-9]+ v[0-9][0-9]$/ { n++ } /^(not )?ok [0-9]+ nh/ { on = 0 } END { print n + 0 }' "$t/out")
if [ "$vec" = 14 ] && grep -qF '"id": "v01", "kind": "claim", "status": "pass", "line": 6, "expression": "NH(0xffff888893e6e180, \"creation_proof_27977.txt\") = 0x1c1080d1", "values": "NH(0xffff888893e6e180, \"creation_proof_27977.txt\") = 470843601 ; 470843601 = 0x1c1080d1"' "$j"; then
	ok "NH: the 14 recorded full_name_hash vectors recompute exactly; one changed bit of a hash fails (nh_vector_fail)"
else
	not_ok "NH vectors: $vec of 14 pass"
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
for f in "$sscn"/*.scn; do
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

# ---- 4. the kprobe_events cross-check (second instrument) ----------------
. "$here/xcheck.sh"

finish
