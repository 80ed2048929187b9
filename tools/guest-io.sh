# shellcheck shell=bash
# How a lab guest gets its root disk and gives back its results, sourced by
# run-lab.sh. Two runs of one build must see the same timeline (issue #15):
# a virtio disk or 9p share answers at moments the host's I/O decides, so a
# run under virtual time uses neither:
#  - the root disk lives in guest RAM: a legacy pmem region (memmap=). Guest
#    RAM is a shared file beside the image, made before QEMU starts with the
#    image already at the region's offset (QEMU's loader device did the same
#    copy: about 4 s of every boot; this costs 0.1 s). Not in the run folder: a full
#    results disk must not take the guest's memory with it. Whatever the
#    guest wrote survives a hang or panic in that file.
#  - results stay on that disk (/lab/results, bind-mounted at /results; the
#    guest syncs after each scenario). Once QEMU has ended, disk_results
#    copies them out with e2fsprogs (a journal replay on a copy, then
#    debugfs), and keep_disk turns the region into a small qcow2 overlay on
#    the image in the run folder (make inspect reads it). The guest's
#    results used to leave over a second serial port: 3.5 s of 18 for
#    stage 2, as the 16550 sends 16 bytes per interrupt.
# CLOCK=real (and KVM) keeps 9p for results: real time differs run to run anyway.

PMEM_START_MB=512	# guest RAM below the disk, as before the disk moved in
PMEM_TOP_GAP_MB=2	# above it: the firmware keeps its tables at the top of RAM

# results_via ACCEL CLOCK: disk or 9p
results_via() { if [ "$1" = tcg ] && [ "$2" = virtual ]; then echo disk; else echo 9p; fi; }

# disk_mb IMAGE: the pmem region's size, whole 2 MiB pages
disk_mb() { echo $(( ($(stat -c %s "$1" 2>/dev/null) + 2097151) / 2097152 * 2 )); }

# guest_ram IMAGE: this run's guest memory file (removed by keep_disk)
guest_ram() { echo "$(dirname "$1")/guest-ram.$$"; }

# guest_ram_mb IMAGE: its size: RAM below the region, the region, the gap
guest_ram_mb() { echo $((PMEM_START_MB + $(disk_mb "$1") + PMEM_TOP_GAP_MB)); }

# guest_ram_fill IMAGE: a fresh guest memory file holding IMAGE at the pmem
# region's offset, zeros elsewhere. Allocated up front (fallocate): a guest
# touching holes of a sparse file costs the host a block allocation per page
# (0.6 s more to init). Prints the reason and returns 1 when it cannot.
guest_ram_fill() {
	local ram total err
	ram=$(guest_ram "$1") total=$(guest_ram_mb "$1")
	rm -f "$ram"
	# a file system without fallocate gets a sparse file; one without room, none
	if ! { err=$(fallocate -l "${total}M" "$ram" 2>&1) ||
		{ case $err in *"not supported"*) err="" && truncate -s "${total}M" "$ram" ;; *) false ;; esac; }; } ||
		! err=$(dd if="$1" of="$ram" bs=1M seek="$PMEM_START_MB" conv=notrunc status=none 2>&1) ||
		[ "$(stat -c %s "$ram" 2>/dev/null)" != $((total * 1048576)) ]; then
		printf '%s\n' "${err:-no room for ${total} MiB}" | sed 's/^[a-z]*: //' | head -n 1
		rm -f "$ram"
		return 1
	fi
}

# guest_io_args RUN IMAGE VIA: QEMU options for memory, root disk and results
guest_io_args() {
	local total
	total=$(guest_ram_mb "$2")
	printf '%s\n' -m "${total}M" \
		-object "memory-backend-file,id=ram,size=${total}M,mem-path=$(guest_ram "$2"),share=on" \
		-machine memory-backend=ram
	[ "$3" = disk ] || printf '%s\n' -fsdev "local,id=results,path=$1,security_model=none" \
		-device "virtio-9p-pci,fsdev=results,mount_tag=results"
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

# disk_results RUN IMAGE NAMES: once QEMU has ended, copy the guest's results
# (/lab/results on its disk) into RUN. The disk is read from a copy of the
# pmem region whose journal e2fsck replays (a killed guest leaves one), with
# debugfs; never mounted. Only what a run makes is taken: the top-level
# entries NAMES lists (the scenarios' folders, guest-done) that RUN does not
# have yet, and in each folder regular files with plain names; each checked
# against its listed size, all of them together no bigger than the disk (a
# sparse file would be written out whole). So a guest cannot write anywhere
# else, replace the host's files, or fill the host's disk. The copy lives in
# $disk_results_tmp until it is removed (run-lab.sh's exit trap removes it
# too).
disk_results() {
	local run=$1 ram tmp max
	ram=$(guest_ram "$2") max=$(stat -c %s "$2")
	[ -f "$ram" ] || return 0
	tmp=$(mktemp -d "$(dirname "$ram")/.results.XXXXXX") || return 1
	disk_results_tmp=$tmp
	dd if="$ram" of="$tmp/disk" bs=1M skip="$PMEM_START_MB" count="$((max / 1048576))" conv=sparse status=none &&
		{ e2fsck -E journal_only -y "$tmp/disk" >/dev/null 2>&1; [ $? -lt 4 ]; } ||
		{ say "could not read the guest's results from its disk"; rm -rf "$tmp"; return 1; }
	# debugfs "ls -p" prints /inode/mode/uid/gid/name/size/ per entry; with
	# -f, each command first, as "debugfs: CMD". Only lines of exactly that
	# shape count: a name holding a newline cannot forge one, as no name
	# holds a "/". One debugfs per step (a process per file cost 5 s for
	# stage 3), run inside the copy's folder: no host path in its commands.
	ls -A "$run" > "$tmp/have"
	printf '%s\n' $3 > "$tmp/want"
	entry='^/[0-9]+/[0-7]+/[0-9]+/[0-9]+/[A-Za-z0-9_-][A-Za-z0-9_.-]*/[0-9]*/$'
	(cd "$tmp" && debugfs -R "ls -p /lab/results" disk 2>/dev/null) |
		awk -F/ -v e="$entry" -v have="$tmp/have" -v want="$tmp/want" -v dirs="$tmp/dirs" -v files="$tmp/files" '
		BEGIN { while ((getline n < have) > 0) taken[n] = 1; while ((getline n < want) > 0) wanted[n] = 1 }
		$6 == "." || $6 == ".." { next }
		$0 !~ e || !($6 in wanted) || ($6 in taken) || ($3 !~ /^100/ && $3 !~ /^040/) {
			print "ignored a result the guest named " (NF == 8 ? "\047" $6 "\047" : "with a newline"); next }
		$3 ~ /^040/ { print "ls -p /lab/results/" $6 > dirs; next }
		{ print $6, $7 > files }' | sed 's/^/vfslab: /' >&2
	[ ! -s "$tmp/dirs" ] || (cd "$tmp" && debugfs -f dirs disk 2>/dev/null) | awk -F/ -v e="$entry" -v files="$tmp/files" '
		/^debugfs: ls -p \/lab\/results\/[A-Za-z0-9_-][A-Za-z0-9_.-]*$/ { d = $NF; next }
		$6 == "." || $6 == ".." { next }
		$0 !~ e || $3 !~ /^100/ || d == "" {
			print "ignored a result the guest named " (NF == 8 && d != "" ? "\047" d "/" $6 "\047" : "with a newline"); next }
		{ print d "/" $6, $7 >> files }' | sed 's/^/vfslab: /' >&2
	touch "$tmp/files"
	# all of them together no bigger than the disk
	awk -v max="$max" -v take="$tmp/take" '{ total += $2 } total > max { print "ignored a result too big for the disk: " $1; next }
		{ print > take }' "$tmp/files" | sed 's/^/vfslab: /' >&2
	touch "$tmp/take"
	mkdir "$tmp/out" && sed -n 's,/.*,,p' "$tmp/take" | sort -u | (cd "$tmp/out" && xargs -r mkdir --)
	awk '{ printf "dump /lab/results/%s out/%s\n", $1, $1 }' "$tmp/take" > "$tmp/cmds"
	(cd "$tmp" && debugfs -f cmds disk >/dev/null 2>&1)
	# each file whole, or not at all
	(cd "$tmp/out" && find . -type f -printf '%P %s\n') | awk '
		FILENAME == "-" { got[$1] = $2; next }
		got[$1] != $2 { print $1 }' - "$tmp/take" | while read -r f; do
		say "ignored a damaged result: $f"
		rm -f "$tmp/out/$f"
	done
	for f in "$tmp/out"/*; do [ ! -e "$f" ] || mv -T "$f" "$run/${f##*/}"; done
	rm -rf "$tmp"
}
