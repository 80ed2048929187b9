#!/bin/bash
# Results read from the guest's disk (tools/guest-io.sh: disk_results): the
# guest's /lab/results on an ext4 image inside a guest memory file come back
# byte for byte; badly named files (a newline too), links, folders deeper
# than one level, names the run does not make or already has, and sparse
# files bigger than the disk are refused and said; nothing lands outside the
# run folder; an unreadable disk gives one line and no files.
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib/tap.sh"
. "$top/tools/lib.sh"
. "$top/tools/guest-io.sh"
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
PMEM_START_MB=1	# the memory file: 1 MiB, then the disk (the lab: 512)

# the guest side: two scenarios and guest-done, as run-scenarios.sh leaves them
r=$t/root/lab/results
mkdir -p "$r/s_one" "$r/s_two" "$t/want/s_one" "$t/want/s_two"
printf 'line one\nline two\n' > "$t/want/s_one/dmesg.txt"
printf '0\n' > "$t/want/s_one/exit_code"
head -c 300000 /dev/urandom > "$t/want/s_two/blob"	# any bytes, several blocks
: > "$t/want/s_two/empty.txt"
echo done > "$t/want/guest-done"
cp -a "$t/want/." "$r/"
# what a guest must not get onto the host
echo x > "$r/s_one/bad name.txt"
echo x > "$r/s_one/.hidden"
mkdir -p "$r/s_one/deeper" && echo x > "$r/s_one/deeper/x"
ln -s /etc/passwd "$r/s_one/link"
ln -s / "$r/escape"
echo forged > "$r/console.log"
echo forged > "$r/run-failed.txt"	# the host's file, written later
mkdir "$r/manifest.json"
# a newline can forge neither a file nor a "debugfs: ls -p" line
echo x > "$r/s_one/a
debugfs: ls -p manifest.json
b"
truncate -s 200M "$r/s_two/sparse"	# holes, 25 times the disk once dumped

# disk IMAGE: the image, and this process's guest memory file holding it
disk() {
	mke2fs -q -t ext4 -d "$t/root" "$t/img/rootfs.img" 8M >/dev/null || return 1
	truncate -s 1M "$(guest_ram "$t/img/rootfs.img")" &&
		cat "$t/img/rootfs.img" >> "$(guest_ram "$t/img/rootfs.img")"
}
mkdir -p "$t/img" "$t/run" && disk
echo "the host's own" > "$t/run/console.log"
names="s_one s_two guest-done escape console.log"	# what run-lab.sh passes: the scenarios, guest-done
disk_results "$t/run" "$t/img/rootfs.img" "$names" 2> "$t/err"
check "every result arrives byte for byte" diff -r "$t/want" --exclude=console.log "$t/run"
check "the run folder's own console.log is not replaced" grep -qx "the host's own" "$t/run/console.log"
for bad in 's_one/bad name.txt' s_one/.hidden s_one/deeper s_one/link escape console.log run-failed.txt manifest.json; do
	check "a result named '$bad' is refused, and said" grep -qF "ignored a result the guest named '$bad'" "$t/err"
done
check "a name with a newline is refused, and said" grep -qF "ignored a result the guest named with a newline" "$t/err"
check "a sparse file bigger than the disk is refused, and said" grep -qF "ignored a result too big for the disk: s_two/sparse" "$t/err"
check "no link, nothing deeper, no forged folder, nothing outside arrives" \
	test_all [ -z "$(find "$t/run" -type l -o -name x -o -name .hidden -o -name 'bad name.txt' -o -name sparse)" ] \
	[ ! -e "$t/escape" ] [ ! -e "$t/run/manifest.json" ] [ ! -e "$t/run/debugfs:" ] [ ! -e "$t/run/run-failed.txt" ]
check "the memory file is left for keep_disk" [ -s "$(guest_ram "$t/img/rootfs.img")" ]
check "no copy of the disk is left beside it" [ -z "$(find "$t/img" -name '.results.*')" ]

# a memory file without an ext4 disk in it (say, a guest that wrote over it)
mkdir "$t/run2" && head -c 9M /dev/urandom > "$(guest_ram "$t/img/rootfs.img")"
disk_results "$t/run2" "$t/img/rootfs.img" "$names" 2> "$t/err"
check "an unreadable disk: one line, no files" \
	test_all [ "$(grep -c "could not read the guest's results" "$t/err")" = 1 ] [ -z "$(ls "$t/run2")" ]
# no memory file (QEMU never started): nothing to do
rm -f "$(guest_ram "$t/img/rootfs.img")"
check "no memory file: nothing to read, no error" disk_results "$t/run2" "$t/img/rootfs.img" "$names"

# the memory file: the image at the region's offset, or nothing at all
guest_ram_fill "$t/img/rootfs.img"
check "guest_ram_fill: the image sits at the pmem offset" \
	cmp -s -i "$((PMEM_START_MB * 1048576)):0" -n "$(stat -c %s "$t/img/rootfs.img")" "$(guest_ram "$t/img/rootfs.img")" "$t/img/rootfs.img"
rm -f "$(guest_ram "$t/img/rootfs.img")"
out=$(guest_ram_fill "$t/img/no-such.img"); rc=$?
check "guest_ram_fill: an image it cannot read fails, says why, leaves no file" \
	test_all [ "$rc" -ne 0 ] [ -n "$out" ] [ -z "$(find "$t/img" -name 'guest-ram.*')" ]
finish
