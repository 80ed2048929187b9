#!/bin/bash
# make shell: the lab kernel booted interactively, its serial console on this
# terminal. Same root disk (never written: what the guest writes is kept
# as the run folder's disk.qcow2, for make inspect), no network, the
# results share of a fresh run folder at /results, modules and triggers in
# place, and vfslab-trace (rootfs/vfslab-trace) to trace a
# command. `poweroff` in the guest or Ctrl-A X ends it.
#
# Environment (the Makefile sets it): BZIMAGE IMAGE RESULTS QEMU ACCEL
# KERNEL_RELEASE_FILE, plus MODULE_DIR TRIGGER_BIN_DIR TIMES_DIR for the
# manifest. ACCEL as run-lab.sh chooses it (tools/accel.sh: KVM unless this
# host's cached verdict says it hangs; a person is watching, so no probe).
# CLOCK=real by default here: a shell's sleep should take the time it says.
set -u
VFSLAB_TOP=$(cd "$(dirname "$0")/.." && pwd)
. "$VFSLAB_TOP/tools/lib.sh"
. "$VFSLAB_TOP/tools/manifest.sh"
. "$VFSLAB_TOP/tools/runfolder.sh"
. "$VFSLAB_TOP/tools/accel.sh"
. "$VFSLAB_TOP/tools/rundisk.sh"
QEMU=${QEMU:-qemu-system-x86_64} ACCEL=${ACCEL:-auto} RESULTS=${RESULTS:-results} CLOCK=${CLOCK:-real}
check_boot_inputs
accel=$(choose_accel "$ACCEL") || exit 1

release=$(cat "${KERNEL_RELEASE_FILE:-/dev/null}" 2>/dev/null)
new_run_folder "$RESULTS" "${release:-unknown}"
names=shell
size=""
if [ -t 0 ]; then size=$(stty size 2>/dev/null | awk 'NF == 2 { print $1 "x" $2 }'); fi
say "shell: $run is /results in the guest; 'poweroff' or Ctrl-A X ends it (booting under $accel)"

# The serial console and QEMU's monitor share stdio (mux): Ctrl-A X quits,
# Ctrl-A C toggles the monitor; signal=off gives Ctrl-C to the guest. The
# console is also logged to the run folder.
t0=$(now_ms)
trap 'run_disk keep "$run"' EXIT
drive=$(run_disk boot "$run" "$IMAGE") || die "cannot make the run's disk over $IMAGE ($(printf '%s' "$drive" | head -n 1)): free space in '$RESULTS' or run 'make deps'"
# shellcheck disable=SC2046 # one option or value per line
"$QEMU" -nodefaults -no-reboot -display none -machine q35 $(accel_args "$accel") \
	-m 512M -smp 1 \
	-kernel "$BZIMAGE" \
	-append "$(guest_cmdline shell)${size:+ vfslab_tty=$size}" \
	-drive "$drive" \
	-fsdev "local,id=results,path=$run,security_model=none" \
	-device "virtio-9p-pci,fsdev=results,mount_tag=results" \
	-chardev "stdio,id=con,mux=on,signal=off,logfile=$run/console.log" \
	-serial chardev:con -mon chardev=con,mode=readline \
	2> "$run/qemu.$accel.stderr"
rc=$?
# QEMU leaves a raw terminal behind when it is killed.
[ -t 0 ] && stty sane 2>/dev/null
find "$run" -mindepth 1 ! -type f ! -type d -print -delete | sed 's/^/vfslab: removed non-file from the guest: /' >&2
write_manifest "$run/manifest.json" "$accel" "$(( $(now_ms) - t0 ))" 0 "$([ "$rc" -eq 0 ] && echo complete || echo failed)" "$([ "$rc" -eq 0 ] || echo "QEMU exited with $rc")"
[ "$rc" -eq 0 ] || die "QEMU exited with $rc: $(head -n 1 "$run/qemu.$accel.stderr")"
say "shell ended; console log and anything saved under /results are in $run"
