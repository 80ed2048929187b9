#!/bin/bash
# make trace: run one program of the user's traced in a fresh boot and write
# a run folder with a generic report (every do_filp_open, its lookups,
# allocations, inserts and returned dentry; equal pointers linked), with no
# .scn to write.
#
#   PROG=path/to/prog.c [ARGS="a b"]   built static for the guest like the
#                                      triggers; its comm is the file's basename
#   CMD="ls /tmp" [COMM=ls]            a command of the guest's own; COMM
#                                      defaults to the basename of its first word
#   TIMEOUT=30                         seconds before the program is killed
#
# Environment from the Makefile: BZIMAGE IMAGE RESULTS QEMU ACCEL REPORT
# TRIGGER_CC KERNEL_RELEASE_FILE BUILD, plus MODULE_DIR TIMES_DIR (manifest).
# The guest side is rootfs/modes.sh (trace_mode) and rootfs/vfslab-trace;
# the scenario file comes from tools/trace-scn.awk after the run.
set -u
VFSLAB_TOP=$(cd "$(dirname "$0")/.." && pwd)
. "$VFSLAB_TOP/tools/lib.sh"
. "$VFSLAB_TOP/tools/manifest.sh"
. "$VFSLAB_TOP/tools/runfolder.sh"
. "$VFSLAB_TOP/tools/accel.sh"
. "$VFSLAB_TOP/tools/rundisk.sh"
QEMU=${QEMU:-qemu-system-x86_64} ACCEL=${ACCEL:-auto} RESULTS=${RESULTS:-results} CLOCK=${CLOCK:-virtual}
PROG=${PROG:-} CMD=${CMD:-} ARGS=${ARGS:-} COMM=${COMM:-} TIMEOUT=${TIMEOUT:-30}
KVM_PROBE_SECONDS=${KVM_PROBE_SECONDS:-8}

# ---- the input, checked before anything is built or created ----------------
if [ -n "$PROG" ] && [ -n "$CMD" ]; then die "give PROG= or CMD=, not both"; fi
[ -n "$PROG$CMD" ] || die "nothing to trace: give PROG=path/to/prog.c [ARGS=...] or CMD=\"ls /tmp\""
if [ -n "$PROG" ]; then
	[ -f "$PROG" ] || die "PROG=$PROG: no such file"
	case $PROG in *.c) ;; *) die "PROG=$PROG: give a C source file (name.c)" ;; esac
	[ -z "$COMM" ] || die "COMM= is for CMD=; with PROG= the comm is the file's name"
	name=$(basename "$PROG" .c)
else
	[ -z "$ARGS" ] || die "ARGS= is for PROG=; put the arguments in CMD=\"...\""
	first=${CMD%% *}
	name=${COMM:-$(basename "$first")}
fi
# The module filters on task->comm, which keeps 15 bytes; the name is also a
# scenario name and a folder of the run.
[ ${#name} -le 15 ] || die "'$name' is ${#name} bytes; the kernel keeps 15 of a task's name (comm), so the tracer would never match: rename it to at most 15 bytes${CMD:+ or set COMM=}"
case $name in '' | *[!A-Za-z0-9._+-]* | .*) die "'$name': a traced name may hold only letters, digits and . _ + - (and not start with a dot)" ;; esac
case $TIMEOUT in '' | *[!0-9]* | 0) die "TIMEOUT=$TIMEOUT: give whole seconds, e.g. TIMEOUT=30" ;; esac
check_boot_inputs
accel=$(choose_accel "$ACCEL") || exit 1
[ -x "${REPORT:-}" ] || die "no report tool at '${REPORT:-}': run 'make report' or 'make trace' from the top"

# ---- build the program like a trigger (static: no loader opens in the log) ---
bin=""
if [ -n "$PROG" ]; then
	cc=${TRIGGER_CC:-$(command -v musl-gcc >/dev/null 2>&1 && echo musl-gcc || echo gcc)}
	bdir=$BUILD/trace
	mkdir -p "$bdir" || die "cannot create $bdir"
	bin=$bdir/$name
	rm -f "$bin"
	say "trace: building $PROG with $cc (static)"
	"$cc" -static -O2 -Wall -o "$bin" "$PROG" >&2 ||
		die "PROG=$PROG does not compile with $cc -static (compiler messages above): fix the program"
fi

# ---- the run folder: input/ says what the guest runs -------------------------
release=$(cat "${KERNEL_RELEASE_FILE:-/dev/null}" 2>/dev/null)
new_run_folder "$RESULTS" "${release:-unknown}"
mkdir "$run/input" "$run/scenario"
echo "$name" > "$run/input/name"
echo "$TIMEOUT" > "$run/input/timeout"
if [ -n "$PROG" ]; then
	cp "$PROG" "$run/input/$name.c"
	cp "$bin" "$run/input/$name"
	# exec: the program replaces sh, so only its own events carry its comm
	printf 'exec /results/input/%s %s\n' "$name" "$ARGS" > "$run/input/command.sh"
else
	case $CMD in *[\;\&\|\<\>\(\)\$\`]*) printf '%s\n' "$CMD" ;; *) printf 'exec %s\n' "$CMD" ;; esac > "$run/input/command.sh"
fi
names=$name
say "trace: run folder: $run ($name, program timeout ${TIMEOUT}s)"

# ---- boot headless, as run-lab.sh does -----------------------------------------
qpid=""
trap '[ -n "$qpid" ] && kill -9 "$qpid" 2>/dev/null && wait "$qpid"; run_disk keep "$run"' EXIT
trap 'exit 143' TERM INT HUP
boot() { # boot ACCEL LOGFILE
	drive=$(run_disk boot "$run" "$IMAGE") || die "cannot make the run's disk over $IMAGE ($(printf '%s' "$drive" | head -n 1)): free space in '$RESULTS' or run 'make deps'"
	# shellcheck disable=SC2046 # one option or value per line
	"$QEMU" -nodefaults -no-reboot -display none -machine q35 $(accel_args "$1") \
		-m 512M -smp 1 -kernel "$BZIMAGE" -append "$(guest_cmdline trace)" \
		-drive "$drive" \
		-fsdev "local,id=results,path=$run,security_model=none" \
		-device "virtio-9p-pci,fsdev=results,mount_tag=results" \
		-chardev "file,id=con,path=$2" -serial chardev:con \
		</dev/null >"$run/qemu.$1.stderr" 2>&1 &
	qpid=$!
}
t0=$(now_ms)
boot "$accel" "$run/console.log"
# A KVM guest that prints nothing is hung (run-lab.sh, tools/accel.sh).
if [ "$accel" = kvm ]; then
	for _ in $(seq "$KVM_PROBE_SECONDS"); do
		[ -s "$run/console.log" ] || ! kill -0 "$qpid" 2>/dev/null && break
		sleep 1
	done
	if [ -s "$run/console.log" ]; then
		kvm_record works
	else
		kill -9 "$qpid" 2>/dev/null; wait "$qpid" 2>/dev/null
		mv "$run/console.log" "$run/console.kvm-attempt.log" 2>/dev/null
		kvm_record hangs
		[ "$ACCEL" = kvm ] && die "ACCEL=kvm: the KVM guest printed nothing in ${KVM_PROBE_SECONDS}s: use ACCEL=tcg or ACCEL=auto; run folder kept: $run"
		say "KVM guest printed nothing in ${KVM_PROBE_SECONDS}s: falling back to TCG"
		accel=tcg
		boot tcg "$run/console.log"
	fi
fi
# The guest kills the program after TIMEOUT; the VM gets a boot's worth more.
limit=$((TIMEOUT + 90))
deadline=$(( $(date +%s) + limit ))
reason=""
while kill -0 "$qpid" 2>/dev/null; do
	if [ "$(date +%s)" -ge "$deadline" ]; then
		stop_guest "$qpid"
		reason="the guest did not finish in ${limit}s (TIMEOUT=$TIMEOUT + 90 s to boot); see $run/console.log"
		break
	fi
	sleep 1
done
wait "$qpid" 2>/dev/null
qpid=""
find "$run" -mindepth 1 ! -type f ! -type d -print -delete | sed 's/^/vfslab: removed non-file from the guest: /' >&2
run_disk keep "$run"
write_manifest "$run/manifest.json" "$accel" "$(( $(now_ms) - t0 ))" 0 "$([ -f "$run/guest-done" ] && echo complete || echo failed)" "$reason"

# ---- the scenario file and the report, from whatever ran ---------------------
d=$run/$name
if [ -f "$d/dmesg.txt" ]; then
	{
		awk -v name="$name" -v args="$ARGS" -f "$VFSLAB_TOP/tools/trace-scn.awk" "$d/dmesg.txt"
	} > "$run/scenario/$name.scn" || die "tools/trace-scn.awk failed on $d/dmesg.txt"
	"$REPORT" --scenarios "$run/scenario" "$run" > "$run/report.ktap" 2> "$run/report.stderr"
	opens=$(grep -c 'probe=do_filp_open phase=entry' "$d/dmesg.txt")
	say "trace: $name: $opens do_filp_open, exit $(cat "$d/exit_code" 2>/dev/null || echo '?'); report: $run/report.md"
fi
code=$(cat "$d/exit_code" 2>/dev/null)
if [ -z "$reason" ]; then
	if grep -aq 'Kernel panic' "$run/console.log" 2>/dev/null; then
		reason="guest panicked: $(grep -a -m1 'Kernel panic' "$run/console.log" | sed 's/^\[[^]]*\] //')"
	elif [ "$code" = 127 ] && [ -n "$CMD" ]; then
		reason="CMD: '$first' was not found in the guest (PATH=/bin:/sbin:/lab/bin: busybox applets and the triggers): see $d/stderr.txt"
	elif [ "$code" = 124 ]; then
		reason="$name did not finish in TIMEOUT=${TIMEOUT}s and was killed (does it wait for input? stdin is /dev/null): fix it or raise TIMEOUT=; its trace so far is in the report"
	elif [ ! -f "$run/guest-done" ] || [ -z "$code" ]; then
		reason="the guest stopped before $name finished (see $run/console.log)"
	fi
fi
[ -z "$reason" ] || die "trace: $reason"
exit 0
