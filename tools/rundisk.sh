# shellcheck shell=bash
# The run's disk: what QEMU boots as the root disk, and what the run folder
# keeps of it (disk.qcow2, read by make inspect), for the boots that use a
# virtio disk: tools/shell.sh and tools/trace.sh. Sourced after tools/lib.sh.
# (make lab's runs keep their disk in guest RAM and make disk.qcow2 from it:
# tools/guest-io.sh; run-lab.sh only uses stop_guest from here.)

# run_disk boot RUN IMAGE: make a fresh overlay of IMAGE for the run in
# folder RUN and print QEMU's -drive value for it (again on a second boot:
# the KVM-to-TCG fallback starts from the image, not from the failed try).
# run_disk keep RUN: once QEMU has ended, move the overlay into RUN as
# disk.qcow2. run_disk stage RUN: the overlay's waiting path.
#
# The overlay is a qcow2 holding only the clusters the guest wrote, over the
# root image (raw) by its absolute path, which is never written. It waits
# beside the run folder, not in it: the run folder is the guest's 9p share,
# and a guest that could reach its own disk file could rewrite it, or its
# header's backing file name, which make inspect later opens on the host.
# detect-zeroes: the guest's dd of its 64 MiB loop image writes zeros, which
# become zero clusters (no data) instead of 64 MiB in every run folder.
# cache=unsafe: the guest's flushes (sync, fsync) still write QEMU's qcow2
# metadata into the file, but never wait for the host's disk (fdatasync):
# under virtual time a slow host flush lets the guest's clock run ahead and
# its scenarios' timeouts fire (seen: tm_miss killed after its sync). The
# file outlives QEMU in the host's page cache either way; snapshot=on, used
# before, was unsafe-cache too.
# werror/rerror=report: the overlay shares the results disk; when that fills
# up the guest gets I/O errors and the run ends, where QEMU's default would
# pause the VM until TIMEOUT. On failure it prints qemu-img's reason instead
# (the caller's one error line quotes it) and returns 1.
run_disk() {
	_stage=$(dirname "$2")/.$(basename "$2").disk.qcow2
	case $1 in
	stage) echo "$_stage" ;;	# where the overlay waits (tools/guest-io.sh writes one there)
	boot)
		_img=$(realpath "$3" 2>/dev/null) || { echo "no image $3"; return 1; }
		_err=$(qemu-img create -q -f qcow2 -F raw -b "$_img" "$_stage" 2>&1) ||
			{ printf '%s\n' "$_err" | head -n 1; return 1; }
		# QEMU's option syntax doubles a comma inside a value
		printf 'file=%s,format=qcow2,if=virtio,cache=unsafe,detect-zeroes=on,werror=report,rerror=report' "${_stage//,/,,}"
		;;
	keep)
		[ -f "$_stage" ] || return 0
		# the guest may have left a file or folder of that name in its share
		rm -rf "$2/disk.qcow2" && mv -T "$_stage" "$2/disk.qcow2"
		;;
	esac
}

# stop_guest PID: end a QEMU that is still running. SIGTERM first: QEMU then
# writes out its qcow2 metadata before it exits, so the kept disk holds
# every write the guest had sent (a SIGKILL loses the last ones, as a power
# cut would); SIGKILL after 3 s.
stop_guest() {
	kill -TERM "$1" 2>/dev/null || return 0
	for _ in 1 2 3 4 5 6 7 8 9 10 11 12; do
		kill -0 "$1" 2>/dev/null || return 0
		sleep 0.25
	done
	kill -9 "$1" 2>/dev/null
}
