#!/bin/bash
# Boot the lab guest headless in QEMU and collect one run's results.
#
# Inputs (the Makefile sets them; see `make help`):
#   BZIMAGE IMAGE SCENARIO_DIR   the kernel, root disk and scenario folder (triggers/:
#                                one folder per suite, or a folder of *.scn)
#   SUITE=stage2                 one suite of SCENARIO_DIR (default: every suite)
#   RESULTS=results              results root; this run gets RESULTS/<release>/<UTC time>/
#   SCENARIOS=a,b                subset (default: all, in their order)
#   ACCEL=auto|kvm|tcg           auto: KVM only if /dev/kvm works AND the guest talks
#   CLOCK=virtual|real           TCG's guest clock (default virtual; see tools/accel.sh)
#   TIMEOUT=seconds              whole-run limit (default scales with the scenario count)
#   QEMU=qemu-system-x86_64
#   RUN_FILE=path                this run's folder is written there as soon as it exists,
#                                so callers never have to trust results/latest
# run-lab.sh --check: only check the variables (make lab does, before building).
# Exit 0 only when every scenario ran; else one line saying why, results kept;
# 1 the run failed or an input is wrong, 129/130/143 interrupted (SIGHUP/INT/TERM:
# QEMU is killed, the manifest says "interrupted", results/latest is not moved).
set -u
VFSLAB_TOP=$(cd "$(dirname "$0")" && pwd)
. "$VFSLAB_TOP/tools/lib.sh"
. "$VFSLAB_TOP/tools/manifest.sh"
. "$VFSLAB_TOP/tools/accel.sh"
. "$VFSLAB_TOP/tools/rundisk.sh"
. "$VFSLAB_TOP/tools/guest-io.sh"

QEMU=${QEMU:-qemu-system-x86_64}
ACCEL=${ACCEL:-auto}
RESULTS=${RESULTS:-results}
CLOCK=${CLOCK:-virtual}
KVM_PROBE_SECONDS=${KVM_PROBE_SECONDS:-8}
# Console lines that mean the kernel found a fault in itself: KASAN, KFENCE,
# lockdep and sleep-in-atomic reports start with BUG: or WARNING:.
SPLATS='BUG:|WARNING:|Oops:|general protection fault|Call Trace:'

# ---- check the inputs before anything is created -------------------------
[ -d "${SCENARIO_DIR:-}" ] || die "no scenario folder '${SCENARIO_DIR:-}': set TRIGGERS=<folder of suite folders>"
case $ACCEL in auto|kvm|tcg) ;; *) die "ACCEL=$ACCEL: use ACCEL=auto, kvm or tcg" ;; esac
case $CLOCK in virtual|real) ;; *) die "CLOCK=$CLOCK: use CLOCK=virtual (TCG's default) or CLOCK=real" ;; esac
. "$VFSLAB_TOP/rootfs/lab-lib.sh"
sdir=$SCENARIO_DIR
if [ -n "${SUITE:-}" ]; then
	case $SUITE in */* | . | ..) die "SUITE=$SUITE: give one suite folder name (suites: $(scn_suites "$sdir"))" ;; esac
	sdir=$SCENARIO_DIR/$SUITE
	ls "$sdir"/*.scn >/dev/null 2>&1 ||
		die "SUITE=$SUITE: no suite folder $sdir with *.scn files (suites: $(scn_suites "$SCENARIO_DIR"))"
fi
if [ "${1:-}" = --check ] && [ -z "${SCENARIOS:-}" ]; then
	count=1 # all of them: listing them costs a second (the scenario check does)
else
	known=$(scn_order "$sdir" 2>&1) || die "$SCENARIO_DIR: $known"
	list=$(scn_order "$sdir" "${SCENARIOS:-}" 2>&1) ||
		die "SCENARIOS=${SCENARIOS:-}: $list (known${SUITE:+ in $SUITE}: $(echo "$known" | awk '{printf "%s ", $2}'))"
	names=$(echo "$list" | awk '{print $2}')
	count=$(echo "$names" | wc -w)
	[ "$count" -gt 0 ] || die "no scenarios in $SCENARIO_DIR"
fi
TIMEOUT=${TIMEOUT:-$((90 + 45 * count))}
secs=$TIMEOUT
case $secs in '' | *[!0-9]*) secs=0 ;; esac
[ "$((10#$secs))" -gt 0 ] || die "TIMEOUT=$TIMEOUT: give whole seconds above 0, e.g. TIMEOUT=600 (unset: 90 + 45 per scenario)"
TIMEOUT=$((10#$secs))
[ "${1:-}" != --check ] || exit 0
command -v "$QEMU" >/dev/null 2>&1 || die "QEMU '$QEMU' not found: install qemu-system-x86 (make deps) or set QEMU="
[ -f "${BZIMAGE:-}" ] || die "no kernel image at '${BZIMAGE:-}': run 'make kernel' first"
[ -f "${IMAGE:-}" ] || die "no root image at '${IMAGE:-}': run 'make rootfs' first"

accel=$(choose_accel "$ACCEL") || exit 1

release=$(cat "${KERNEL_RELEASE_FILE:-/dev/null}" 2>/dev/null)
release=${release:-unknown}

# ---- a fresh run folder; nothing earlier is ever overwritten ---------------
mkdir -p "$RESULTS/$release" 2>/dev/null && [ -w "$RESULTS/$release" ] ||
	die "results folder '$RESULTS' is not writable: fix its permissions or set RESULTS=<dir>"
# A run writes a few MiB (logs of every scenario): on a full disk the guest's
# files would arrive empty. Refuse before the boot instead.
MIN_FREE_MB=${MIN_FREE_MB:-64}
free_mb=$(( $(df -Pk "$RESULTS/$release" | awk 'NR == 2 { print $4 }') / 1024 ))
[ "$free_mb" -ge "$MIN_FREE_MB" ] ||
	die "only $free_mb MiB free for results in '$RESULTS' (a run needs $MIN_FREE_MB): free some space or set RESULTS=<dir on another disk>"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
run=$RESULTS/$release/$stamp
n=1
until mkdir "$run" 2>/dev/null; do
	[ -e "$run" ] || die "cannot create a run folder in '$RESULTS/$release' (disk full or read-only?)"
	n=$((n + 1)); run=$RESULTS/$release/$stamp-$n
done
run=$(cd "$run" && pwd)
[ -z "${RUN_FILE:-}" ] || echo "$run" > "$RUN_FILE"
say "run folder: $run ($count scenarios, timeout ${TIMEOUT}s)"
# What was built and booted, hashed while the guest boots (one CPU is
# QEMU's; this is 1-2 s of sha256 and version queries); in a file beside the
# run folder, which a 9p guest can write.
static_file=$RESULTS/$release/.${run##*/}.static
manifest_static > "$static_file" 2>/dev/null &
spid=$!
# take_static: wait for the hashes, once; a job a signal killed too leaves
# $static empty, and write_manifest hashes again
take_static() {
	[ -n "$spid" ] || return 0
	wait "$spid" && static=$(cat "$static_file") || static=""
	spid=""
	rm -f "$static_file"
}

# ---- boot ------------------------------------------------------------------
# log_buf_len: the config's 128 KiB ring (LOG_BUF_SHIFT=17) holds ~650 event
# lines; a scenario with 100 renames prints ~4000 (420 KB of dmesg), and the
# ring would drop the head of its log (its meta=load and first opens) before
# dmesg reads it. 2 MiB holds that 4 times; 16 MiB cost 0.8 s of every boot
# under TCG (the kernel zeroes it), so only the debug kernel keeps 16 MiB:
# make stress's opener floods the log between two reads.
# -nodefaults: no NIC, no VGA, no default serial; the only devices are the
# serial console (to a file), the root disk in guest RAM (the image is never
# written; the results stay on it under virtual time) and otherwise a 9p
# share of THIS run's folder for the results (tools/guest-io.sh).
qpid="" stopped="" via="" results_read="" disk_results_tmp="" t0=$(now_ms)
# QEMU never outlives this script, whatever ends it. A signal (make stopped,
# Ctrl-C) ends the run at once: QEMU killed, the manifest says so, and
# results/latest keeps pointing at the last run that was not interrupted.
on_exit() {
	[ -n "$qpid" ] && kill -9 "$qpid" 2>/dev/null && wait "$qpid" 2>/dev/null
	# the hashes end within seconds of the start: a stopped run's manifest has them
	# too (a hashing job the signal killed as well leaves them to write_manifest)
	take_static
	[ -z "$stopped" ] || [ "$via" != disk ] || [ -n "$results_read" ] || disk_results "$run" "$IMAGE" "$names guest-done"
	rm -rf "$disk_results_tmp"
	rm -f "$(guest_ram "${IMAGE:-}")"	# hundreds of MiB, whatever ended the run
	[ -n "$stopped" ] || return
	ran=$(count_ran)
	write_manifest "$run/manifest.json" "$accel" "$(( $(now_ms) - t0 ))" "${init_ms:-0}" interrupted "stopped by SIG$stopped" 2>/dev/null
	say "run interrupted (SIG$stopped): $ran of $count scenarios ran; partial results kept in $run (not linked as latest)"
}
trap on_exit EXIT
trap 'stopped=TERM; exit 143' TERM
trap 'stopped=INT; exit 130' INT
trap 'stopped=HUP; exit 129' HUP
# count_ran: scenarios whose exit code arrived (an empty file did not: full disk).
count_ran() {
	n=0
	for s in $names; do [ -s "$run/$s/exit_code" ] && n=$((n + 1)); done
	echo "$n"
}
boot() { # boot ACCEL LOGFILE: start QEMU in the background, PID in $qpid
	# shellcheck disable=SC2046 # one option or value per line
	via=$(results_via "$1" "$CLOCK")
	err=$(guest_ram_fill "$IMAGE") ||
		die "cannot make the guest's memory file $(guest_ram "$IMAGE") ($err): free space in $(dirname "$IMAGE") or set BUILD=<dir on another disk>"
	"$QEMU" -nodefaults -no-reboot -display none -machine q35 $(accel_args "$1") \
		-smp 1 \
		-kernel "$BZIMAGE" \
		-append "console=ttyS0 $(guest_io_cmdline "$IMAGE" "$via") rw rootfstype=ext4 init=/init panic=-1 oops=panic log_buf_len=$([ "${FLAVOR:-}" = debug ] && echo '16M panic_on_warn=1' || echo 2M) loglevel=5 vfslab_scenarios=$(echo $names | tr ' ' ',')" \
		-chardev "file,id=con,path=$2" -serial chardev:con \
		$(guest_io_args "$run" "$IMAGE" "$via") \
		</dev/null >"$run/qemu.$1.stderr" 2>&1 &
	qpid=$!
}

t0=$(now_ms)
boot "$accel" "$run/console.log"
# A KVM guest that prints nothing is hung (seen on our build machines). A
# healthy guest prints kernel warnings or init's first line within a second
# or two. auto falls back to TCG; ACCEL=kvm stops with the fix named.
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
		[ "$ACCEL" = kvm ] && die "ACCEL=kvm: the KVM guest printed nothing in ${KVM_PROBE_SECONDS}s, KVM hangs on this host (nested virtualisation?): use ACCEL=tcg or ACCEL=auto; run folder kept: $run"
		say "KVM guest printed nothing in ${KVM_PROBE_SECONDS}s: falling back to TCG (software emulation); verdict cached in $(kvm_verdict_file)"
		accel=tcg
		boot tcg "$run/console.log"
	fi
fi
say "booting under $accel$([ "$accel" = tcg ] && echo ", $CLOCK time"), results $(results_via "$accel" "$CLOCK" | sed 's/disk/on its RAM disk/; s/9p/over 9p/')"

# ---- wait: progress lines, whole-run timeout ------------------------------
shown=0
progress() { # one line per finished scenario, as the guest reports them
	lines=$(grep -a 'vfslab-guest: scenario .* exit' "$run/console.log" 2>/dev/null)
	now=$(printf '%s' "$lines" | grep -c .)
	if [ "$now" -gt "$shown" ]; then
		printf '%s\n' "$lines" | tail -n +$((shown + 1)) | sed 's/^.*vfslab-guest: /vfslab: /' >&2
		shown=$now
	fi
}
reason="" init_ms="" panic_ms=""
deadline=$(( $(date +%s) + TIMEOUT ))
while kill -0 "$qpid" 2>/dev/null; do
	if [ "$(date +%s)" -ge "$deadline" ]; then
		stop_guest "$qpid"
		reason="timed out after ${TIMEOUT}s (TIMEOUT=$TIMEOUT)"
		break
	fi
	progress
	# A panicked guest normally ends QEMU at once (panic=-1, -no-reboot); one
	# that lingers (a panic during reboot, a wedged console) is killed 3 s later.
	if [ -z "$panic_ms" ] && grep -aq 'Kernel panic' "$run/console.log" 2>/dev/null; then
		panic_ms=$(now_ms)
	elif [ -n "$panic_ms" ] && [ $(( $(now_ms) - panic_ms )) -gt 3000 ]; then
		kill -9 "$qpid" 2>/dev/null
	fi
	# boot-to-init, for make bench: when the guest's init first spoke
	[ -n "$init_ms" ] || ! grep -aq 'vfslab-guest: init' "$run/console.log" 2>/dev/null ||
		init_ms=$(( $(now_ms) - t0 ))
	sleep 0.25
done
wait "$qpid" 2>/dev/null
qpid="" end_ms=$(now_ms)
progress
results_read=1	# once: a signal from here on does not read them again
[ "$via" != disk ] || disk_results "$run" "$IMAGE" "$names guest-done"
# The guest could leave symlinks or FIFOs in its share; nothing on the host
# may follow them (manifest, report), so only files and folders stay.
find "$run" -mindepth 1 ! -type f ! -type d -print -delete | sed 's/^/vfslab: removed non-file from the guest: /' >&2
keep_disk "$run" "$IMAGE"
boot_ms=$(( $(now_ms) - t0 ))

# ---- verdict ----------------------------------------------------------------
ran=$(count_ran)
# A disk that filled up mid-run leaves empty files: nothing to judge, and
# no manifest (nor report) is written; latest does not move.
free_kb=$(df -Pk "$run" | awk 'NR == 2 { print $4 }')
[ "$free_kb" -ge 1024 ] || [ "$ran" -eq "$count" ] ||
	die "the results disk filled up during the run ($ran of $count scenarios' files arrived, $run is incomplete): free space in '$RESULTS' or set RESULTS=<dir on another disk>"
if [ -z "$reason" ]; then
	if grep -aq 'Kernel panic' "$run/console.log" 2>/dev/null; then
		reason="guest panicked: $(grep -a -m1 'Kernel panic' "$run/console.log" | sed 's/^\[[^]]*\] //')"
		# seen by the poll (every 0.25 s), or QEMU ended before the next poll
		say "QEMU ended at most $(( panic_ms ? end_ms - panic_ms : 250 )) ms after the host saw the panic"
	elif grep -aqE "$SPLATS" "$run/console.log" 2>/dev/null; then
		# A kernel that warned about itself (KASAN, lockdep, a WARN) ran the
		# scenarios on a state nobody can vouch for.
		reason="kernel reported a problem: $(grep -aE -m1 "$SPLATS" "$run/console.log" | sed 's/^\[[^]]*\] //')"
	elif [ ! -s "$run/guest-done" ] || [ "$ran" -ne "$count" ]; then
		reason="guest stopped before finishing (see console.log, qemu.$accel.stderr)"
	fi
fi
# The report shows why a run stopped (a panic's text, a timeout) next to the
# scenarios it could not check.
reason=$(printf '%s' "$reason" | tr -d '\r')	# console lines end in CR LF
[ -z "$reason" ] || printf '%s\n' "$reason" > "$run/run-failed.txt"
take_static
write_manifest "$run/manifest.json" "$accel" "$boot_ms" "${init_ms:-0}" "$([ -n "$reason" ] && echo failed || echo complete)" "$reason" 2>/dev/null ||
	die "cannot write $run/manifest.json (disk full?): free space in '$RESULTS' or set RESULTS=<dir on another disk>"
# latest moves only now: never to a run that was interrupted.
ln -sfn "$release/${run##*/}" "$RESULTS/latest.tmp.$$" && mv -T "$RESULTS/latest.tmp.$$" "$RESULTS/latest"
if [ -n "$reason" ]; then
	say "run FAILED: $reason; $ran of $count scenarios ran; partial results and console.log kept in $run"
	exit 1
fi
say "run complete: $count scenarios in $((boot_ms / 1000))s under $accel; results in $run"
