#!/bin/bash
# Tests of the report tool's kernel comparison (vfslab-report --compare,
# `make compare`), built with ASan+UBSan into a temp dir. No root, no kernel:
# the inputs are the recorded real runs of 6.1 and 6.12 and mutated copies.
#   1. the two real runs side by side: exit 0, DNAME_INLINE_LEN 32 vs 40,
#      post's pointer-reuse observations (name pointer, dentry) the only rows that differ;
#   2. a claim failing on one kernel, a probe unavailable on one kernel, an
#      incomplete run, duplicate kernels, one run;
#   3. usage errors, and the tools/compare.sh glue on saved runs.
# Prints "ok N - name" / "not ok N - name" and "N passed, N failed" last;
# exits non-zero when a test failed. SCN_DIR overrides the scenario folder.
# shellcheck disable=SC2016,SC2012 # backticks are markdown; the folders are ours
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
fx=$top/tests/report/fixtures
t=$(mktemp -d "${TMPDIR:-/tmp}/vfslab-compare-test.XXXXXX")
trap 'rm -rf "$t"' EXIT

# The fixtures are runs of the study's seeds (triggers/stage2 and case 17's
# triggers/stage3/user_trigger): judge them against exactly those scenario
# files, wherever their suite folder is. SCN_DIR overrides.
scn=${SCN_DIR:-$t/scn}
if [ -z "${SCN_DIR:-}" ]; then
	mkdir -p "$scn"
	for d in "$fx/real-6.12"/*/; do
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

# copy NAME FIXTURE: a writable copy of a recorded run in $t/NAME
copy() { rm -rf "${t:?}/$1"; cp -r "$fx/$2" "$t/$1"; }

# compare RUN...: a fresh OUT_DIR $t/out; sets rc, md, js; stderr in $t/err
compare() {
	rm -rf "$t/out"; mkdir "$t/out"
	"$bin" --scenarios "$scn" --compare "$t/out" "$@" > "$t/stdout" 2> "$t/err"; rc=$?
	md=$t/out/compare.md js=$t/out/compare.json
}

# The ≠ rows of compare.md's Differences table, "scenario/id" sorted.
diff_rows() {
	sed -n '/^## Differences/,/^## Probes/p' "$md" |
		awk -F' [|] ' '/^[|] ≠ [|] \*\*/ { gsub(/\*/, "", $2); gsub(/\*/, "", $3); print $2 "/" $3 }' |
		sort | tr '\n' ' ' | sed 's/ $//'
}

# has LINE: compare.md holds exactly this line
has() { grep -qxF -- "$1" "$md"; }

# row SCENARIO ID: its line in the claim matrix, bold removed
# ("| | te_miss | offset | claim | PASS | PASS |").
row() { sed -n '/^## Claims/,/^## Observations/p' "$md" | sed 's/\*//g' | grep -F "| $1 | $2 |"; }

# py CODE: run a python check on compare.json (j); true when python3 is absent.
py() {
	command -v python3 > /dev/null || return 0
	python3 -c "import json,sys; j = json.load(open(sys.argv[1], encoding='utf-8')); $1" "$js" 2> "$t/py.err"
}

# The run ended cleanly: no sanitizer report, the expected exit code, and
# stderr's last line is the summary.
clean() {
	local want=$1
	if grep -qE 'Sanitizer|runtime error' "$t/err"; then
		echo "sanitizer report"; sed 's/^/#   /' "$t/err" | head -n 15; return 1
	fi
	[ "$rc" = "$want" ] || { echo "exit $rc, want $want: $(tail -n 1 "$t/err")"; return 1; }
	tail -n 1 "$t/err" | grep -q '^vfslab-report: compare ' || { echo "no summary line"; return 1; }
}

# expect NAME RC "DIFF ROWS": exit code, exactly these differing claim rows,
# compare.md and a valid compare.json written.
expect() {
	local name=$1 want_rc=$2 want why
	# shellcheck disable=SC2086 # one word per row
	want=$(printf '%s\n' $3 | grep . | sort | tr '\n' ' ' | sed 's/ $//')
	if ! why=$(clean "$want_rc"); then
		not_ok "$name: $why"
	elif [ ! -s "$md" ] || [ ! -s "$js" ]; then
		not_ok "$name: compare.md or compare.json not written"
	elif ! py 'assert j["schema"] == "vfslab-compare/1"'; then
		not_ok "$name: compare.json is not valid vfslab-compare/1 JSON"; sed 's/^/#   /' "$t/py.err" | tail -n 3
	elif [ "$(diff_rows)" != "$want" ]; then
		not_ok "$name: differing rows [$(diff_rows)], want [$want]"
	else
		ok "$name"
	fi
}

# ---- 1. the real 6.1 and 6.12 runs --------------------------------------

copy a real-6.1
copy b real-6.12
compare "$t/a" "$t/b"
# On these runs rebuild's new dentry lands where the old one was on BOTH
# kernels (after_differs does not hold on either); post's does on 6.12 only.
expect "real 6.1 vs 6.12: exit 0; the differing rows are post's pointer-reuse observations" 0 \
	"post/after_same_as_before post/after_same_dentry"
if [ "$(wc -l < "$t/err")" = 1 ] && [ ! -s "$t/stdout" ] &&
	grep -qx 'vfslab-report: compare 6.1.192, 6.12.117: 173 claims on 2 kernels: 346 passed, 0 failed, 0 missing, 0 not checkable; 2 claims/observations differ; 0 incomplete runs' "$t/err"; then
	ok "stderr is one summary line; nothing on stdout"
else
	not_ok "summary line: $(tail -n 1 "$t/err")"
fi
if has "| ≠ | **DNAME_INLINE_LEN** | **32 (the study's figure: 36)** | **40 (the study's figure: 36)** |" &&
	has "| | DENTRY_SIZE (sizeof(struct dentry)) | 192 | 192 |" && has "| | accel | tcg | tcg |" &&
	has "| | exit code | 0 | 0 |" && has "| | scenarios incomplete or missing | none | none |" &&
	has "- DNAME_INLINE_LEN: 32 on 6.1.192, 40 on 6.12.117 (the study's figure: 36)"; then
	ok "kernels table: DNAME_INLINE_LEN 32 vs 40 marked ≠ (and in Differences), DENTRY_SIZE 192 on both, accel, exit codes"
else
	not_ok "kernels table"
fi
if [ "$(grep '^## ' "$md" | sed -n 2p)" = "## Differences" ] &&
	has "| ≠ | **post** | **after_same_as_before** | observe | **does not hold** | **holds** |" &&
	has "  6.1.192: 0xffff8880006d2938 = 0xffff8880006d2cf8   does not hold" &&
	has "  6.12.117: 0xffff888000674cf8 = 0xffff888000674cf8   holds" &&
	[ "$(row rebuild after_differs)" = "| | rebuild | after_differs | observe | does not hold | does not hold |" ] &&
	[ "$(row te_miss offset)" = "| | te_miss | offset | claim | PASS | PASS |" ]; then
	ok "Differences come first: post's observation with each kernel's values; rebuild's is the same on both"
else
	not_ok "Differences section / claim matrix"
fi
if has "| | report | [report.md](<../a/report.md>) | [report.md](<../b/report.md>) |" &&
	[ -s "$t/a/report.md" ] && [ -s "$t/b/report.json" ] && grep -q '^| kernel release | 6.1.192 |$' "$t/a/report.md"; then
	ok "each run's report.md written and linked from compare.md by a relative path"
else
	not_ok "report links"
fi
if has '| | `__d_add` | kprobe | unavailable (err -2: no such symbol, inlined or absent); via d_splice_alias, d_add | unavailable (err -2: no such symbol, inlined or absent); via d_splice_alias, d_add |' &&
	has '| | `d_splice_alias` | kprobe | active (as __d_add) | active (as __d_add) |' &&
	has '| | `d_alloc_parallel` | kprobe | active | active |'; then
	ok "probes: __d_add unavailable (inlined) on both, via d_splice_alias and d_add"
else
	not_ok "probe table"
fi
names_ok=1
for n in t_e.txt t_m.txt l_m.txt l_e.txt; do
	has "| | \`$n\` | inline (len 7) | inline (len 7) |" || names_ok=0
done
if [ "$names_ok" = 1 ] && has '| | `a.txt` | inline (len 5) | inline (len 5) |' &&
	has '| | `test_file_very_long_name_to_force_external_allocation_<n>` | external (len 64) | external (len 64) |' &&
	has '| | `missing_case17_filp_<n>.txt` | inline (len 27) | inline (len 27) |' &&
	has '| | `missing_case17_raw_syscall.txt` | inline (len 30) | inline (len 30) |'; then
	ok "names: the scenario files inline, the 64-byte minimal_open name external, the case17 names by pattern"
else
	not_ok "names table"
fi
if py '
k = [x["label"] for x in j["kernels"]]
assert k == ["6.1.192", "6.12.117"], k
assert [x["dname_inline_len"] for x in j["kernels"]] == [32, 40]
assert [x["dentry_size"] for x in j["kernels"]] == [192, 192]
assert j["probes"]["__d_add"]["by_kernel"]["6.1.192"]["status"] == "via_fallback"
assert j["probes"]["__d_add"]["by_kernel"]["6.12.117"]["via"] == ["d_splice_alias", "d_add"]
assert len(j["claims"]) == 187 and all(set(c["status_by_kernel"]) == set(k) for c in j["claims"])
assert [(d["scenario"], d["id"]) for d in j["differences"]] == [("post", "after_same_as_before"), ("post", "after_same_dentry")]
assert j["differences"][0]["status_by_kernel"] == {"6.1.192": "does not hold", "6.12.117": "holds"}
o = {(x["scenario"], x["id"]): x["status_by_kernel"] for x in j["observations"]}
assert o[("rebuild", "after_differs")] == {"6.1.192": "does not hold", "6.12.117": "does not hold"}
n = {x["name"]: x["by_kernel"] for x in j["names"]}
assert n["test_file_very_long_name_to_force_external_allocation_<n>"]["6.1.192"]["storage"] == "external"
assert n["t_e.txt"]["6.12.117"]["storage"] == "inline" and n["t_e.txt"]["6.12.117"]["len"] == 7
assert j["summary"]["exit_code"] == 0 and j["summary"]["differences"] == 2'; then
	ok "compare.json: kernels, probes, claims with status_by_kernel, differences, observations, names"
else
	not_ok "compare.json content"; sed 's/^/#   /' "$t/py.err" | tail -n 3
fi

# ---- 2. mutations -------------------------------------------------------

# te_miss on 6.1: the __d_alloc after the drop copies from one byte later.
copy a real-6.1
sed -i '/seq=95 probe=__d_alloc phase=entry/s/name_ptr=ffff8880001f9025/name_ptr=ffff8880001f9026/' \
	"$t/a/te_miss/dmesg.txt"
compare "$t/a" "$t/b"
expect "a claim failing on 6.1 only: exit 1, te_miss/offset a highlighted difference" 1 \
	"post/after_same_as_before post/after_same_dentry te_miss/offset"
if [ "$(row te_miss offset)" = "| ≠ | te_miss | offset | claim | FAIL | PASS |" ] &&
	has '  6.1.192: 0xffff8880001f9026 - 0xffff8880001f9020 = 6 ; strlen("/tmp/") = 5   FAIL' &&
	grep -q ' 345 passed, 1 failed, 0 missing, 0 not checkable; 3 claims/observations differ; ' "$t/err" &&
	py '
d = {(x["scenario"], x["id"]): x["status_by_kernel"] for x in j["differences"]}
assert d[("te_miss", "offset")] == {"6.1.192": "fail", "6.12.117": "pass"}
assert j["kernels"][0]["summary"]["exit_code"] == 1 and j["summary"]["exit_code"] == 1'; then
	ok "... FAIL on 6.1, PASS on 6.12: in the matrix, the values and compare.json"
else
	not_ok "failing claim rendering"
fi

# d_delete made unavailable on 6.1 (err -2, no fallback) and its events gone.
copy a real-6.1
sed -i -e 's/symbol=d_delete kind=kprobe status=active err=0/symbol=d_delete kind=kprobe status=unavailable err=-2/' \
	-e '/ probe=d_delete /d' "$t"/a/*/dmesg.txt
compare "$t/a" "$t/b"
nc="delete/l_delete_is_out delete/t_delete_is_out delete/l_delete_is_hits delete/t_delete_is_hits
	delete/l_unlink_hit delete/t_unlink_hit evict/l_kill_is_delete_is_hits evict/t_kill_is_delete_is_hits
	evict/l_creat_reuses_negative evict/t_creat_reuses_negative delete/l_order delete/t_order
	delete/l_delete_dentry delete/t_delete_dentry evict/l_kill_dentry evict/t_kill_dentry
	evict/l_creat_reuses_negative_dentry evict/t_creat_reuses_negative_dentry"
expect "a probe unavailable on 6.1: exit 0, its claims and observations differ (not checkable)" 0 \
	"post/after_same_as_before post/after_same_dentry $nc"
if [ "$(row delete l_delete_is_out)" = "| ≠ | delete | l_delete_is_out | claim | not checkable | PASS |" ] &&
	[ "$(row evict l_creat_reuses_negative)" = "| ≠ | evict | l_creat_reuses_negative | observe | not checkable | holds |" ] &&
	[ "$(row evict l_kill_is_out)" = "| | evict | l_kill_is_out | claim | PASS | PASS |" ] &&
	has '| ≠ | `d_delete` | kprobe | **unavailable (err -2: no such symbol, inlined or absent)** | **active** |' &&
	has '- probe `d_delete`: unavailable (err -2: no such symbol, inlined or absent) on 6.1.192; active on 6.12.117' &&
	grep -q ' 332 passed, 0 failed, 0 missing, 14 not checkable; ' "$t/err" &&
	grep -qF 'not checkable on this kernel: probe d_delete unavailable (kprobe, err -2)   not checkable' "$md" &&
	py '
p = j["probes"]["d_delete"]["by_kernel"]
assert p["6.1.192"]["status"] == "unavailable" and p["6.1.192"]["err"] == -2 and p["6.12.117"]["status"] == "active"
c = {(x["scenario"], x["id"]): x["status_by_kernel"] for x in j["claims"]}
assert c[("delete", "t_unlink_hit")] == {"6.1.192": "not_checkable", "6.12.117": "pass"}
assert j["kernels"][0]["summary"]["not_checkable"] == 14'; then
	ok "... not checkable on 6.1 in the matrix and JSON; the probe table marks d_delete; 14 not checkable"
else
	not_ok "not-checkable rendering"
fi

# 6.12's te_miss log cut in the middle: no meta=unload, the run is incomplete.
copy b real-6.12
head -n 60 "$fx/real-6.12/te_miss/dmesg.txt" > "$t/b/te_miss/dmesg.txt"
copy a real-6.1
compare "$t/a" "$t/b"
if ! why=$(clean 2); then
	not_ok "an incomplete run: $why"
elif grep -q '; 1 incomplete run$' "$t/err" && [ -s "$md" ] &&
	[ "$(row te_miss dst_add_out)" = "| ≠ | te_miss | dst_add_out | claim | PASS | MISSING |" ] &&
	has "| ≠ | **scenarios incomplete or missing** | **none** | **te_miss (incomplete)** |" &&
	has "| ≠ | **exit code** | **0** | **2** |"; then
	ok "an incomplete run (cut dmesg, no meta=unload): exit 2, its claims missing there"
else
	not_ok "an incomplete run: compare.md"
fi
# ... and 2 wins over a failure on the other kernel
sed -i '/seq=95 probe=__d_alloc phase=entry/s/name_ptr=ffff8880001f9025/name_ptr=ffff8880001f9026/' \
	"$t/a/te_miss/dmesg.txt"
compare "$t/a" "$t/b"
if ! why=$(clean 2); then
	not_ok "failure + incomplete: $why"
elif py 'assert j["summary"]["exit_code"] == 2 and j["summary"]["failed"] == 1'; then
	ok "a failure on 6.1 and an incomplete 6.12: exit 2 (incomplete wins)"
else
	not_ok "failure + incomplete: compare.json"
fi

# Labels: a run without manifest.json is named by its meta=load release;
# two runs of one kernel stay apart; without any release, the folder name.
copy b real-6.12
copy b2 real-6.12
rm "$t/b2/manifest.json"
compare "$t/b" "$t/b2"
expect "the same kernel twice (one without manifest): exit 0, no differences" 0 ""
if has "| |  | 6.12.117 | 6.12.117 #2 |" && has "| ≠ | **accel** | **tcg** | **unknown (no manifest)** |" &&
	has "Every claim and observation has the same status on every kernel."; then
	ok "... labelled 6.12.117 and 6.12.117 #2; accel unknown without a manifest"
else
	not_ok "labels of one kernel twice"
fi
copy noload real-6.12
rm "$t/noload/manifest.json"
sed -i '/meta=load/d' "$t"/noload/*/dmesg.txt
compare "$t/noload"
if grep -q '^vfslab-report: compare noload: ' "$t/err" && has "One run: nothing to compare it with." &&
	! grep -qE 'Sanitizer|runtime error' "$t/err" && [ "$rc" -le 2 ]; then
	ok "one run, no manifest, no meta=load: labelled by its folder; nothing to compare"
else
	not_ok "one run without a release: exit $rc: $(tail -n 1 "$t/err")"
fi

# A run whose report.md cannot be replaced (here: a folder of that name,
# which even root cannot rename a file over) is compared all the same.
copy a real-6.1
copy b real-6.12
mkdir "$t/a/report.md"
compare "$t/a" "$t/b"
if ! why=$(clean 0); then
	not_ok "report.md not writable: $why"
elif grep -q "^vfslab-report: warning: cannot write $t/a/report.md: .*; compare.md has no link to it\$" "$t/err" &&
	grep -q "^| | report | not written (cannot write $t/a/report.md: .*) | \[report.md\](<../b/report.md>) |\$" "$md" &&
	py 'assert j["kernels"][0]["report"] is None and j["kernels"][0]["report_note"]'; then
	ok "report.md not writable in one run: still compared, a warning, compare.md says so"
else
	not_ok "report.md not writable: output"
fi

# ---- 3. usage errors and the make compare glue --------------------------

usage_case() {   # usage_case NAME PATTERN ARGS...
	local name=$1 pat=$2; shift 2
	"$bin" "$@" > "$t/stdout" 2> "$t/err"; rc=$?
	if [ "$rc" = 3 ] && grep -q "^vfslab-report: error: .*$pat" "$t/err" &&
		[ "$(grep -c '^vfslab-report: error:' "$t/err")" = 1 ] && ! grep -qE 'Sanitizer|runtime error' "$t/err"; then
		ok "$name: exit 3, one error line"
	else
		not_ok "$name: exit $rc: $(head -n 1 "$t/err")"
	fi
}
mkdir -p "$t/out"
usage_case "--compare without runs" "at least one RUN_DIR is required" --scenarios "$scn" --compare "$t/out"
usage_case "--compare OUT_DIR missing" "--compare $t/nope: No such file or directory; create the folder first" \
	--scenarios "$scn" --compare "$t/nope" "$t/a" "$t/b"
usage_case "--compare with a RUN_DIR missing" "RUN_DIR $t/gone: No such file or directory" \
	--scenarios "$scn" --compare "$t/out" "$t/a" "$t/gone"
usage_case "--compare without its folder" "unexpected argument '--compare'" --scenarios "$scn" "$t/a" --compare
usage_case "--compare without --scenarios" "--scenarios DIR is required" --compare "$t/out" "$t/a"

# tools/compare.sh (what `make compare RUNS=...` runs) on saved runs.
copy a real-6.1
copy b real-6.12
glue() {
	REPORT=$bin RESULTS=$t/results TRIGGERS=$scn bash "$top/tools/compare.sh" runs "$t/a $t/b" \
		> "$t/stdout" 2> "$t/err"
	rc=$?
}
glue
out=$(ls -d "$t"/results/compare/*/ 2> /dev/null | head -n 1)
if [ "$rc" = 0 ] && [ -s "$out/compare.md" ] && [ -s "$out/compare.json" ] &&
	basename "$out" | grep -qE '^[0-9]{8}T[0-9]{6}Z$' && grep -q 'compare.md (exit 0)$' "$t/err"; then
	ok "tools/compare.sh runs \"A B\": results/compare/<UTC time>/compare.md and .json, exit 0"
else
	not_ok "tools/compare.sh runs: exit $rc: $(tail -n 1 "$t/err")"
fi
sed -i '/seq=95 probe=__d_alloc phase=entry/s/name_ptr=ffff8880001f9025/name_ptr=ffff8880001f9026/' \
	"$t/a/te_miss/dmesg.txt"
glue
if [ "$rc" = 1 ] && [ "$(ls -d "$t"/results/compare/*/ | wc -l)" = 2 ]; then
	ok "... a failing claim: exit 1, a second folder beside the first"
else
	not_ok "tools/compare.sh with a failing claim: exit $rc"
fi

finish
