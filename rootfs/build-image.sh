#!/bin/bash
# Assemble the guest's root filesystem and pack it into an ext4 image,
# rootless (mke2fs -d) and deterministic (fixed times, UUID, hash seed).
#
# usage: build-image.sh OUT.img MODULE_DIR TRIGGER_BIN_DIR SCENARIO_DIR
# SCENARIO_DIR holds one folder per suite (<suite>/<name>.scn); the guest gets
# every suite's files in one flat /lab/scenarios (names are unique comms).
# OUT.img appears only when complete (built under a temporary name, renamed).
set -eu
. "$(dirname "$0")/../tools/lib.sh"
export_build_identity

out=$(realpath -m "$1") mods=$(realpath "$2") bins=$(realpath "$3") scns=$(realpath "$4")
here=$(cd "$(dirname "$0")" && pwd)
busybox=${BUSYBOX:-/bin/busybox}
[ -x "$busybox" ] || die "$busybox missing: install busybox-static (make deps)"
readelf -l "$busybox" | grep -q INTERP && die "$busybox is dynamically linked: install busybox-static (make deps)"
umask 022	# modes in the image must not depend on the builder's umask

stage=$(mktemp -d "${TMPDIR:-/tmp}/vfslab-rootfs.XXXXXX")
tmp=$out.tmp.$$
trap 'rm -rf "$stage" "$stage.debugfs" "$stage.debugfs.err" "$tmp"' EXIT
trap 'exit 143' TERM HUP INT

# 1. Directories: /tmp and /lab/work are on this disk-backed ext4 root,
#    because on tmpfs dentries are pinned and the miss/evict claims fail.
cd "$stage"
mkdir -p bin sbin dev proc sys tmp results mnt/loopfs lab/bin lab/modules lab/scenarios lab/work
chmod 1777 tmp
# A file every Linux system has, for `make trace` examples and its test.
mkdir etc && echo vfslab > etc/hostname

# 2. busybox and one symlink per applet.
cp "$busybox" bin/busybox
for applet in $("$busybox" --list); do
	[ "$applet" = busybox ] || ln -s busybox "bin/$applet"
done

# 3. The lab: init, runner, modules, triggers, scenario files.
install -m 0755 "$here/init" init
install -m 0755 "$here/run-scenarios.sh" lab/run-scenarios.sh
install -m 0644 "$here/lab-lib.sh" lab/lab-lib.sh
install -m 0644 "$here/modes.sh" lab/modes.sh
install -m 0755 "$here/vfslab-trace" bin/vfslab-trace
install -m 0644 "$here/kprobe-events.sh" lab/kprobe-events.sh
install -m 0644 "$mods"/*.ko lab/modules/
install -m 0755 "$bins"/* lab/bin/
for f in "$scns"/*/*.scn; do
	[ -f "$f" ] || die "no <suite>/*.scn in $scns"
	[ ! -e "lab/scenarios/${f##*/}" ] || die "$f: another suite has a scenario named ${f##*/}: rename one"
	install -m 0644 "$f" lab/scenarios/
done

# 4. Same inputs, same bytes: fixed mtimes everywhere, fixed UUID and hash
#    seed, fake clock for the superblock's own timestamps.
find . -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
uuid=5f1ab000-0000-4000-8000-00000000cafe
# 64 MiB of it is the ext2 loop image the guest creates at boot.
# lazy_itable_init=0: inode tables zeroed here, so the guest's kernel starts
# no ext4lazyinit thread, which would write 10 MiB of zeros into every run's
# disk.qcow2 in the background, at host-timed moments.
E2FSPROGS_FAKE_TIME=$SOURCE_DATE_EPOCH mke2fs -q -F -t ext4 -b 4096 -L vfslab \
	-U "$uuid" -E "hash_seed=$uuid,root_owner=0:0,lazy_itable_init=0" -d "$stage" "$tmp" 160M >/dev/null 2>"$stage.debugfs.err" ||
	die "mke2fs could not write $tmp ($(tail -n 1 "$stage.debugfs.err")): free space in $(dirname "$out")"
# mke2fs -d copies each file's ctime (no tool can set it) and owner (the
# builder's uid when not root): pin both after, so any user gets root-owned
# files and the same bytes.
find . -mindepth 1 | sed 's|^\.||' | while IFS= read -r p; do
	printf 'sif %s ctime @%s\nsif %s uid 0\nsif %s gid 0\n' "$p" "$SOURCE_DATE_EPOCH" "$p" "$p"
done > "$stage.debugfs"
echo "sif / ctime @$SOURCE_DATE_EPOCH" >> "$stage.debugfs"
E2FSPROGS_FAKE_TIME=$SOURCE_DATE_EPOCH debugfs -w -f "$stage.debugfs" "$tmp" >/dev/null 2>"$stage.debugfs.err" ||
	die "debugfs failed on $tmp: $(head -n 1 "$stage.debugfs.err")"
grep -v '^debugfs ' "$stage.debugfs.err" | grep -q . && die "debugfs: $(grep -v '^debugfs ' "$stage.debugfs.err" | head -n 1)"
mv -f "$tmp" "$out"
say "rootfs: $out ($(du -k "$out" | cut -f1) KiB used of $(( $(stat -c %s "$out") / 1048576 )) MiB)"
