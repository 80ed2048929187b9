# shellcheck shell=bash
# How a lab guest gets its root disk and gives back its results, sourced by
# run-lab.sh. Two runs of one build must see the same timeline (issue #15):
# a virtio disk or 9p share answers at moments the host's I/O decides, so a
# run under virtual time uses neither:
#  - the root disk lives in guest RAM: a legacy pmem region (memmap=) that
#    QEMU's loader fills with the image before the CPU starts. Guest RAM is a
#    shared file beside the image (not in the run folder: a full results disk
#    must not take the guest's memory with it), so whatever the guest wrote
#    survives a hang or panic; keep_disk turns it into a small qcow2 overlay
#    on the image in the run folder (make inspect reads it) and deletes it.
#  - results leave on a second serial port (ttyS1, a file on the host): each
#    file base64 between marker lines, written by the guest after each
#    scenario (rootfs/lab-lib.sh: ship); unstream writes them into the run
#    folder. A serial write completes inside the write instruction.
# CLOCK=real (and KVM) keeps 9p for results: real time differs run to run anyway.

PMEM_START_MB=512	# guest RAM below the disk, as before the disk moved in
PMEM_TOP_GAP_MB=2	# above it: the firmware keeps its tables at the top of RAM

# results_via ACCEL CLOCK: stream or 9p
results_via() { if [ "$1" = tcg ] && [ "$2" = virtual ]; then echo stream; else echo 9p; fi; }

# disk_mb IMAGE: the pmem region's size, whole 2 MiB pages
disk_mb() { echo $(( ($(stat -c %s "$1") + 2097151) / 2097152 * 2 )); }

# guest_ram IMAGE: this run's guest memory file (removed by keep_disk)
guest_ram() { echo "$(dirname "$1")/guest-ram.$$"; }

# guest_io_args RUN IMAGE VIA: QEMU options for memory, root disk and results
guest_io_args() {
	local mb total
	mb=$(disk_mb "$2") total=$((PMEM_START_MB + mb + PMEM_TOP_GAP_MB))
	printf '%s\n' -m "${total}M" \
		-object "memory-backend-file,id=ram,size=${total}M,mem-path=$(guest_ram "$2"),share=on" \
		-machine memory-backend=ram \
		-device "loader,file=$2,addr=$((PMEM_START_MB * 1048576)),force-raw=on"
	if [ "$3" = stream ]; then
		printf '%s\n' -chardev "file,id=res,path=$1/results.stream" -serial chardev:res
	else
		printf '%s\n' -fsdev "local,id=results,path=$1,security_model=none" \
			-device "virtio-9p-pci,fsdev=results,mount_tag=results"
	fi
}

# guest_io_cmdline IMAGE VIA: the kernel's side of the same
guest_io_cmdline() {
	echo "root=/dev/pmem0 rootwait memmap=$(disk_mb "$1")M!${PMEM_START_MB}M vfslab_results=$2"
}

# keep_disk RUN IMAGE: what the guest wrote to its disk, as RUN/disk.qcow2
# (backing file: IMAGE); the RAM file goes.
keep_disk() {
	local ram
	ram=$(guest_ram "$2")
	[ -f "$ram" ] || return 0
	# made where run_disk stages a virtio boot's overlay (outside the run
	# folder, which a 9p guest could write), then moved in by run_disk keep
	qemu-img convert -q -O qcow2 -B "$(cd "$(dirname "$2")" && pwd)/${2##*/}" -F raw --image-opts \
		"driver=raw,offset=$((PMEM_START_MB * 1048576)),size=$(stat -c %s "$2"),file.driver=file,file.filename=$ram" \
		"$(run_disk stage "$1")" 2>"$ram.log" && run_disk keep "$1" ||
		say "could not keep the guest's disk: $(head -n 1 "$ram.log")"
	rm -f "$ram" "$ram.log" "$(run_disk stage "$1")"
}

# unstream RUN: write the files of RUN/results.stream into RUN. Only whole
# blocks whose size matches are written, only plain names (scenario/file or
# file): a guest cannot write anywhere else, nor a half-sent file.
unstream() {
	local run=$1 tmp n name size f bad=0
	[ -f "$run/results.stream" ] || return 0
	tmp=$(mktemp -d "$run/.unstream.XXXXXX") || return 1
	tr -d '\r' < "$run/results.stream" | awk -v dir="$tmp" '
		/^vfslab-file: / { name = $2; n++; f = dir "/" n; printf "" > f; open = 1; next }
		/^vfslab-end: / { if (open && $2 == name) print n, name, $3 > (dir "/index"); open = 0; close(f); next }
		open { print > f }'
	while read -r n name size; do
		case $name in
		*[!A-Za-z0-9_./-]* | .* | */.* | */*/* | */ | '') f="" ;;
		*) f=$run/$name ;;
		esac
		if [ -z "$f" ]; then say "ignored a result the guest named '$name'"; bad=1; continue; fi
		mkdir -p "$(dirname "$f")" && base64 -d < "$tmp/$n" > "$f.part" 2>/dev/null &&
			[ "$(stat -c %s "$f.part")" = "$size" ] && mv "$f.part" "$f" ||
			{ rm -f "$f.part"; say "ignored a damaged result: $name"; bad=1; }
	done < <(cat "$tmp/index" 2>/dev/null)
	rm -rf "$tmp"
	# every file arrived whole: the stream has nothing more to tell
	[ "$bad" = 1 ] || rm -f "$run/results.stream"
}
