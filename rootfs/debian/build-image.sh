#!/bin/bash
# ROOTFS=debian: the guest's ext4 root image from the Debian base tarball
# (rootfs/debian/build-base.sh) plus the lab's files, rootless: everything
# runs under one fakeroot session, so the tarball's owners and device nodes
# land in the image as they are (mke2fs -d reads them through fakeroot), for
# root and non-root builders alike. Deterministic as rootfs/build-image.sh:
# fixed mtimes, UUID, hash seed; ctimes pinned with debugfs afterwards.
#
# usage: build-image.sh OUT.img MODULE_DIR TRIGGER_BIN_DIR SCENARIO_DIR BASE.tar
set -eu
VFSLAB_TOP=$(cd "$(dirname "$0")/../.." && pwd)
. "$VFSLAB_TOP/tools/lib.sh"
export_build_identity
final=$(realpath -m "$1") mods=$(realpath "$2") bins=$(realpath "$3") scns=$(realpath "$4") base=$(realpath "$5")
lab=$VFSLAB_TOP/rootfs
command -v fakeroot >/dev/null || die "ROOTFS=debian needs fakeroot: apt-get install fakeroot"
[ -f "$base" ] || die "no Debian base tarball at $base: run make rootfs ROOTFS=debian"
umask 022

stage=$(mktemp -d "${TMPDIR:-/tmp}/vfslab-debian-rootfs.XXXXXX")
trap 'rm -rf "$stage"' EXIT
uuid=5f1ab000-0000-4000-8000-00000000cafe
# written under a temporary name, renamed when complete (as build-image.sh)
out=$final.tmp
rm -f "$out"
export stage base mods bins scns lab out uuid
# One session: extract, add the lab, pack. Inside, we are "root".
fakeroot -- bash -eu -c '
	cd "$stage" && mkdir root && cd root
	tar --numeric-owner -xpf "$base"
	mkdir -p results mnt/loopfs lab/bin lab/modules lab/scenarios lab/work
	install -m 0755 "$lab/init" init
	install -m 0755 "$lab/run-scenarios.sh" lab/run-scenarios.sh
	install -m 0644 "$lab/lab-lib.sh" lab/lab-lib.sh
	install -m 0644 "$lab/modes.sh" lab/modes.sh
	install -m 0644 "$lab/kprobe-events.sh" lab/kprobe-events.sh
	install -m 0755 "$lab/vfslab-trace" usr/local/bin/vfslab-trace
	install -m 0644 "$mods"/*.ko lab/modules/
	install -m 0755 "$bins"/* lab/bin/
	for f in "$scns"/*/*.scn; do install -m 0644 "$f" lab/scenarios/; done
	chown -R 0:0 init lab results mnt usr/local/bin/vfslab-trace
	find . -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
	# the Debian tree is ~150 MiB; 64 MiB of the rest is the guest'"'"'s loop image
	# (lazy_itable_init=0: as rootfs/build-image.sh, no ext4lazyinit in the guest)
	size=$(( $(du -sm . | cut -f1) + 256 ))M
	E2FSPROGS_FAKE_TIME=$SOURCE_DATE_EPOCH mke2fs -q -F -t ext4 -b 4096 -L vfslab \
		-U "$uuid" -E "hash_seed=$uuid,lazy_itable_init=0" -d . "$out" "$size" >/dev/null
'
# mke2fs -d copies each file's ctime, which no tool can set, and its atime,
# which reading it for the copy may just have moved (relatime): pin both.
(cd "$stage/root" && find . -mindepth 1 | sed 's|^\.||') | while IFS= read -r p; do
	printf 'sif "%s" ctime @%s\nsif "%s" atime @%s\n' "$p" "$SOURCE_DATE_EPOCH" "$p" "$SOURCE_DATE_EPOCH"
done > "$stage/debugfs"
printf 'sif / ctime @%s\nsif / atime @%s\n' "$SOURCE_DATE_EPOCH" "$SOURCE_DATE_EPOCH" >> "$stage/debugfs"
E2FSPROGS_FAKE_TIME=$SOURCE_DATE_EPOCH debugfs -w -f "$stage/debugfs" "$out" >/dev/null 2>"$stage/debugfs.err" ||
	die "debugfs failed on $out: $(head -n 1 "$stage/debugfs.err")"
grep -v '^debugfs ' "$stage/debugfs.err" | grep -q . && die "debugfs: $(grep -v '^debugfs ' "$stage/debugfs.err" | head -n 1)"
mv "$out" "$final"
say "rootfs debian: $final ($(du -k "$final" | cut -f1) KiB used of $(( $(stat -c %s "$final") / 1048576 )) MiB)"
