#!/bin/bash
# Same inputs, same bytes: build everything a second time from scratch in a
# different absolute directory and compare every artifact with this tree's
# build (the first of the two builds; `make` brings it up to date first).
# BUILD is set explicitly for each: an inherited BUILD (make exports it)
# would send build 2 into build 1's folder.
# usage: repro-check.sh KERNEL      exit 0 = all identical, 1 = a difference
set -u
. "$(dirname "$0")/lib.sh"
kernel=${1:-6.12}
top=$VFSLAB_TOP

other=$(mktemp -d "${TMPDIR:-/tmp}/vfslab-repro.XXXXXX")
trap 'rm -rf "$other"' EXIT
# A different, longer path: paths leaking into objects would show here.
b=$other/a/different/checkout/vfslab
mkdir -p "$b"
(cd "$top" && git ls-files -co --exclude-standard | grep -v '^results/' | cpio -pdm --quiet "$b") ||
	die "could not copy the source tree to $b"

say "repro: build 1 in $top/build (reused when up to date)"
make -s -C "$top" KERNEL="$kernel" BUILD="$top/build" kernel module triggers rootfs >/dev/null || die "build 1 failed"
# Build 2 never touches the build cache: it must compile. Build 1 may come
# from the cache, which this check then verifies against a fresh build.
say "repro: build 2 from scratch in $b (a full kernel build, build cache bypassed)"
VFSLAB_NO_CACHE=1 make -s -C "$b" KERNEL="$kernel" BUILD="$b/build" kernel module triggers rootfs >/dev/null || die "build 2 failed"

# artifact list, relative to each tree's build/ folder
list() {
	cd "$1/build" || return
	printf '%s\n' "kernel-$kernel/obj/arch/x86/boot/bzImage" "kernel-$kernel/obj/vmlinux" \
		kernel-"$kernel"/module/*.ko triggers-triggers/* "kernel-$kernel/rootfs-triggers.img"
}
first="" n=0
printf '%-52s %-16s %-16s %s\n' artifact "build 1" "build 2" result
for f in $(list "$top"); do
	a=$(sha256sum "$top/build/$f" 2>/dev/null | cut -c1-16)
	c=$(sha256sum "$b/build/$f" 2>/dev/null | cut -c1-16)
	if [ -n "$a" ] && [ "$a" = "$c" ]; then r=identical; else r=DIFFERENT; [ -n "$first" ] || first=$f; fi
	n=$((n + 1))
	printf '%-52s %-16s %-16s %s\n' "$f" "${a:-missing}" "${c:-missing}" "$r"
done
if [ -n "$first" ]; then
	say "repro: first difference: $first"
	if command -v diffoscope >/dev/null; then
		diffoscope "$top/build/$first" "$b/build/$first" | head -n 40
	else
		cmp "$top/build/$first" "$b/build/$first" | head -n 5
	fi
	exit 1
fi
say "repro: all $n artifacts identical across two directories"
