# The second instrument (busybox sh, sourced by run-scenarios.sh): the
# kernel's own tracefs kprobe events, no module code, record the values the
# module's claims rest on, filtered to the scenario's comm. The report's
# cross-check (tools/report/xcheck.c) compares them with the module's lines;
# docs/trace-format.md describes the file.
T=/sys/kernel/tracing
# struct filename: name at +0. struct qstr (little-endian): hash +0, len +4,
# name +8. Same layout in 6.1 and 6.12. The $ words are tracefs fetch args.
# shellcheck disable=SC2016
KPE_DEFS='p:vfslab/dfo do_filp_open name_ptr=+0($arg2):x64 path=+0(+0($arg2)):string
p:vfslab/dalloc __d_alloc name_ptr=+8($arg2):x64 len=+4($arg2):u32
r64:vfslab/dalloc_ret __d_alloc ret=$retval:x64
r64:vfslab/dlookup_ret d_lookup ret=$retval:x64'
kpe_why=

# kpe_start COMM: define and enable the events for COMM; on failure sets
# kpe_why and returns 1 (kpe_stop then records why).
kpe_start() {
	kpe_why=
	[ -d $T/events ] || mount -t tracefs tracefs $T 2>/dev/null ||
		{ kpe_why="cannot mount tracefs at $T"; return 1; }
	echo 0 > $T/tracing_on
	: > $T/trace
	: > $T/kprobe_events 2>/dev/null || { kpe_why="cannot clear $T/kprobe_events"; return 1; }
	echo "$KPE_DEFS" | while IFS= read -r def; do
		echo "$def" >> $T/kprobe_events || exit 1
	done || { kpe_why="the kernel refused a kprobe_events definition"; return 1; }
	echo "comm == \"$1\"" > $T/events/vfslab/filter ||
		{ kpe_why="the kernel refused the comm filter"; return 1; }
	if ! echo 1 > $T/events/vfslab/enable || ! echo 1 > $T/tracing_on; then
		kpe_why="cannot enable the vfslab events"
		return 1
	fi
}

# kpe_off WHY: the scenario's `cross_check = off: why`; kpe_stop records it.
kpe_off() { kpe_why="$1"; }

# kpe_stop FILE: stop, save definitions, per-event misses and the trace.
kpe_stop() {
	if [ -n "$kpe_why" ]; then
		case $kpe_why in
		off:*) echo "# vfslab-kprobe-events: $kpe_why" > "$1" ;;
		*) echo "# vfslab-kprobe-events: unavailable: $kpe_why" > "$1" ;;
		esac
		return
	fi
	echo 0 > $T/tracing_on
	echo 0 > $T/events/vfslab/enable
	{
		echo "$KPE_DEFS" | sed 's/^/# vfslab-kprobe-events: /'
		# kprobe_profile: "event hits misses"; a miss may be a lost event
		sed 's/^ */# vfslab-kprobe-profile: /' $T/kprobe_profile
		cat $T/trace
	} > "$1"
	: > $T/kprobe_events
}
