# Sourced by run.sh (uses its $bin $scn $fx $t, run, ok, not_ok): the
# cross-check of the module's lines against tracefs kprobe_events.txt
# (tools/report/xcheck.c). fixtures/xcheck-6.12 is a real 6.12 run with both
# instruments; each mutation must fail the run, naming the scenario and why.
xfx=$fx/xcheck-6.12
xfresh() { rm -rf "$t/xrun"; cp -r "$xfx" "$t/xrun"; }
kpe() { sed -i "$2" "$t/xrun/$1/kprobe_events.txt"; }

# xexpect NAME RC SCENARIO PATTERN: exit code, SCENARIO not ok in KTAP with a
# note matching PATTERN (and stderr naming it), no other scenario failing, no
# sanitizer finding.
xexpect() {
	local name=$1 want=$2 sc=$3 pat=$4
	run "$scn" "$t/xrun"
	if grep -qE 'Sanitizer|runtime error' "$t/err"; then
		not_ok "$name: sanitizer: $(grep -m1 -E 'Sanitizer|runtime error' "$t/err")"
	elif [ "$rc" != "$want" ]; then
		not_ok "$name: exit $rc, want $want; $(tail -n 2 "$t/err" | head -n 1)"
	elif ! grep -q "^not ok [0-9]* $sc\$" "$t/out"; then
		not_ok "$name: $sc is not 'not ok' in KTAP"
	elif ! grep -q "^  # cross-check with tracefs kprobe_events FAILED: .*$pat" "$t/out"; then
		not_ok "$name: no note matching '$pat'"
	elif ! grep -q "^vfslab-report: cross-check FAILED in 1 scenario(s), first $sc: .*$pat" "$t/err"; then
		not_ok "$name: stderr does not name $sc and why: $(grep cross-check "$t/err")"
	elif [ "$(grep -c '^not ok' "$t/out")" != 1 ]; then
		not_ok "$name: other scenarios failed too: $(grep '^not ok' "$t/out" | tr '\n' ' ')"
	elif [ "$want" = 1 ] && ! grep -q 'claims: .*; 1 failed the kprobe_events cross-check$' "$t/err"; then
		not_ok "$name: the summary line hides the cross-check failure: $(grep 'claims:' "$t/err")"
	else
		ok "$name"
	fi
}

xfresh
run "$scn" "$t/xrun"
n=$(grep -c '^  # cross-check with tracefs kprobe_events: [0-9]* values agree' "$t/out")
if [ "$rc" = 0 ] && [ "$n" = "$(ls -d "$t/xrun"/*/ | wc -l)" ] &&
	grep -q '^vfslab-report: cross-check: [1-9][0-9]* values compared in [0-9]* scenarios, all equal$' "$t/err"; then
	ok "real 6.12 run: both instruments agree in every scenario ($(grep -o '[0-9]* values compared in [0-9]* scenarios' "$t/err"))"
else
	not_ok "real 6.12 run with kprobe_events: exit $rc, $n agreeing scenarios; $(grep cross-check "$t/err")"
fi

xfresh
p=$(grep -m1 -o ' dalloc: .* name_ptr=0x[0-9a-f]*' "$t/xrun/a_miss/kprobe_events.txt" | sed 's/.*name_ptr=0x//')
q=$(printf '%x' $((0x$p + 1)))
kpe a_miss "0,/ dalloc: /s/name_ptr=0x$p/name_ptr=0x$q/"
xexpect "a __d_alloc name pointer + 1 in kprobe_events.txt: the run fails" 1 a_miss \
	"__d_alloc.entry #1 .* name_ptr=0x0*$p, tracefs dalloc .* name_ptr=0x0*$q"

xfresh
kpe te_miss '0,/ dfo: /s/path="\(.*\)"$/path="\1x"/'
xexpect "a do_filp_open path changed in kprobe_events.txt: the run fails" 1 te_miss "do_filp_open.entry #1 .* path differs"

xfresh
kpe hits '0,/ dlookup_ret: /{/ dlookup_ret: /d}'
xexpect "a d_lookup return deleted from kprobe_events.txt: the counts differ" 1 hits \
	"d_lookup.ret: the module has more lines than tracefs"

xfresh
kpe delete 's|^# entries-in-buffer/entries-written: \([0-9]*\)/[0-9]*|# entries-in-buffer/entries-written: \1/999|'
xexpect "a trace buffer that lost events: the run fails" 1 delete "the trace buffer lost events"

xfresh
kpe evict 's/^\(# vfslab-kprobe-profile: dalloc *[0-9]*\) *0$/\1 3/'
xexpect "a tracefs event with misses: the run fails" 1 evict "tracefs event dalloc missed 3 hits"

xfresh
rm "$t/xrun/post/kprobe_events.txt"
xexpect "one scenario without kprobe_events.txt: the run fails" 1 post "no kprobe_events.txt while other"

xfresh
echo "# vfslab-kprobe-events: unavailable: cannot mount tracefs at /sys/kernel/tracing" > "$t/xrun/tm_miss/kprobe_events.txt"
xexpect "the second instrument unavailable in the guest: the run fails" 1 tm_miss "unavailable in the guest"

xfresh
sed -i '0,/probe=__d_alloc phase=ret .* dentry=/s/ dentry=\([0-9a-f]*\)0 / dentry=\11 /' "$t/xrun/lm_miss/dmesg.txt"
xexpect "the module's __d_alloc return changed: tracefs disagrees" 1 lm_miss "__d_alloc.ret #1 "

xfresh
echo "# vfslab-kprobe-events: off: no reason" > "$t/xrun/rebuild/kprobe_events.txt"
xexpect "the guest skipped tracefs but the .scn does not say cross_check = off: the run fails" 1 rebuild \
	"the guest skipped the second instrument"

# cross_check = off in the .scn: that scenario is not compared (a broken
# file there fails nothing), and says so.
xfresh
rm -rf "$t/xscn" && cp -r "$scn" "$t/xscn"
echo 'cross_check = off: reloads the tracer itself' >> "$t/xscn/rebuild.scn"
echo "# vfslab-kprobe-events: off: reloads the tracer itself" > "$t/xrun/rebuild/kprobe_events.txt"
run "$t/xscn" "$t/xrun"
if [ "$rc" = 0 ] && grep -q '^  # cross-check with tracefs kprobe_events: off (reloads the tracer itself)$' "$t/out"; then
	ok "cross_check = off: the scenario is not compared, and its note says why"
else
	not_ok "cross_check = off: exit $rc; $(grep -m1 'rebuild' "$t/out")"
fi
echo 'cross_check = maybe' >> "$t/xscn/hits.scn"
run "$t/xscn" "$t/xrun"
if [ "$rc" = 3 ] && grep -q 'hits.scn:[0-9]*: cross_check must be `off: <why' "$t/err"; then
	ok "cross_check = maybe: exit 3, the .scn line named"
else
	not_ok "cross_check = maybe: exit $rc; $(head -n 1 "$t/err")"
fi
