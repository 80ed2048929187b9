#!/bin/sh
# Run the lab's scenarios in order, in this one boot.
# usage: run-scenarios.sh SCENARIO_DIR RESULTS_DIR [name,name,...]
# For each: setup lines, clear the kernel log, load the tracer for the
# scenario's comm, run the trigger under its timeout, run the after lines,
# unload, save stdout, exit code and kernel log under RESULTS_DIR/<name>/;
# the tracefs kprobe events of the same run go to kprobe_events.txt.
. /lab/lab-lib.sh
. /lab/kprobe-events.sh
sdir=$1 out=$2 subset=${3-}
mods=/lab/modules

# The case17 replay, run as an "after" line: look the captured negative
# dentry up again in the same boot (docs/trace-format.md, vfslab_replay).
replay() {
	dmesg > "$d/dmesg.before-replay.txt"
	args=$(replay_args "$d/dmesg.before-replay.txt") || return 1
	rm -f "$d/dmesg.before-replay.txt"
	# shellcheck disable=SC2086 # args are key=value words
	insmod "$mods/vfslab_replay.ko" parent_path="$PWD" $args && rmmod vfslab_replay
}

list=$(scn_order "$sdir" "$subset") || exit 1
echo "$list" | while read -r order name; do
	[ -n "$name" ] || continue
	f=$sdir/$name.scn d=$out/$name
	mkdir -p "$d"
	cwd=$(scn_get "$f" cwd /lab/work)
	mkdir -p "$cwd" && cd "$cwd" || exit 1
	echo "vfslab-guest: scenario $name (order $order) in $cwd"
	scn_all "$f" setup | while IFS= read -r cmd; do sh -c "$cmd" < /dev/null; done > "$d/setup.txt" 2>&1
	dmesg -c > /dev/null
	insmod "$mods/vfslab_trace.ko" target_comm="$name" || echo "insmod failed" >> "$d/setup.txt"
	if [ -z "$(scn_get "$f" cross_check)" ]; then kpe_start "$name"; else kpe_off "$(scn_get "$f" cross_check)"; fi
	# shellcheck disable=SC2046 # args are shell words by design
	timeout "$(scn_get "$f" timeout 30)" /lab/bin/"$name" $(scn_get "$f" args) < /dev/null > "$d/stdout.txt" 2> "$d/stderr.txt"
	code=$?
	# busybox timeout execs the trigger, so a killed one ends with 143
	# (SIGTERM); record GNU timeout's 124 so "killed by its timeout" is plain.
	[ "$code" -eq 143 ] && code=124
	scn_all "$f" after | while IFS= read -r cmd; do eval "$cmd" < /dev/null; done > "$d/after.txt" 2>&1
	kpe_stop "$d/kprobe_events.txt"
	rmmod vfslab_trace
	dmesg > "$d/dmesg.txt"
	echo "$code" > "$d/exit_code"
	sync	# on the disk now, even if a later scenario kills the guest
	echo "vfslab-guest: scenario $name exit $code"
done
echo done > "$out/guest-done"
sync
