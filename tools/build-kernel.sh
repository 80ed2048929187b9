#!/bin/bash
# Build one pinned kernel out of tree: verify the source tarball's sha256,
# extract it under build/, merge kernel-config/lab.config onto tinyconfig,
# verify every requested option, build bzImage.
#
# usage: build-kernel.sh KERNEL            (a name from kernel-config/versions.lock)
#        KERNEL_TARBALL=path KERNEL_SHA256=hex build-kernel.sh NAME
# Prints the kernel directory (build/kernel-NAME) on stdout when done.
set -eu
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/cache.sh"
export_build_identity

name=${1:?usage: build-kernel.sh KERNEL}
# FLAVOR=debug merges kernel-config/debug.config after lab.config and builds
# in its own folder (build/kernel-NAME-debug), beside the normal one.
# kernel-config/NAME.config, when it exists, adds what one version alone needs.
frags=$VFSLAB_TOP/kernel-config/lab.config
case $name in lab | debug) ;; *) [ ! -f "$VFSLAB_TOP/kernel-config/$name.config" ] || frags="$frags $VFSLAB_TOP/kernel-config/$name.config" ;; esac
case ${FLAVOR:-} in
'' | normal) FLAVOR= ;;
debug) frags="$frags $VFSLAB_TOP/kernel-config/debug.config" ;;
*) die "FLAVOR=$FLAVOR: use FLAVOR=debug (KASAN, KFENCE, lockdep) or leave it empty" ;;
esac
if [ -n "${KERNEL_TARBALL:-}" ]; then
	tarball=$KERNEL_TARBALL
	# a kernel the lock pins needs no KERNEL_SHA256: the lock has it
	sha=${KERNEL_SHA256:-$(lock_field kernel "$name" 4 2>/dev/null || true)}
	sha=$(printf '%s' "$sha" | tr A-F a-f)
	[ -n "$sha" ] || die "KERNEL_TARBALL needs KERNEL_SHA256=<sha256 of $tarball>"
	[ -f "$tarball" ] || die "KERNEL_TARBALL=$tarball: no such file"
	case $sha in *[!0-9a-f]*) sha=bad ;; esac
	[ ${#sha} -eq 64 ] || die "KERNEL_SHA256=$KERNEL_SHA256: give the 64 hex digits that 'sha256sum $tarball' prints"
	# A pinned name's folder holds the lock's tree: another tarball under
	# that name would replace it (and be mistaken for it).
	if pinned=$(lock_field kernel "$name" 4 2>/dev/null) && [ "$(printf '%s' "$pinned" | tr A-F a-f)" != "$sha" ]; then
		sug=$(basename "$tarball" | sed 's/\.tar.*$//; s/^linux-//')
		lock_field kernel "$sug" 3 >/dev/null 2>&1 && sug=$sug-custom
		die "KERNEL_TARBALL=$tarball needs a kernel name of its own: KERNEL=$name is pinned in kernel-config/versions.lock; add e.g. KERNEL=$sug"
	fi
else
	# the tarball itself is fetched only when a tree must be extracted
	tarball=""
	sha=$(lock_field kernel "$name" 4) ||
		die "KERNEL=$name is not in kernel-config/versions.lock (known: $(kernels_in_lock)); or set KERNEL_TARBALL= and KERNEL_SHA256="
	sha=$(printf '%s' "$sha" | tr A-F a-f)
fi

kd=$(kernel_dir "$name${FLAVOR:+-$FLAVOR}")
mkdir -p "$kd"
src=$kd/src obj=$kd/obj
bz=$obj/arch/x86/boot/bzImage
kcflags="-ffile-prefix-map=$src/= -ffile-prefix-map=$obj/="
makeline="ARCH=x86_64 KCFLAGS=$kcflags bzImage modules"
# What each stamp covers, as functions: the build cache (tools/cache.sh)
# checks a cached kernel against the same inputs.
# frag_lines: the fragments' settings, in order, without their comments: a
# comment edited in a fragment costs no configure, no build, no cache miss.
# shellcheck disable=SC2086 # frags: one word per fragment
frag_lines() { grep -hE '^(CONFIG_[A-Z0-9_]+=|# CONFIG_[A-Z0-9_]+ is not set$)' $frags; }
# config_inputs SHA: the fragments, the source, the way the config is made.
config_inputs() { frag_lines; echo "$1"; echo "tinyconfig merge_config -m olddefconfig"; }
# build_inputs CONFIG SHA: what changes bytes: the config, the source, the
# build identity, the toolchain and the make line itself (not this script's
# comments: editing them must not cost a rebuild).
build_inputs() {
	cat "$1"; echo "$2"; echo "$SOURCE_DATE_EPOCH $makeline"
	gcc --version | head -n 1; ld --version | head -n 1
}

# 0. The same kernel built before on this machine (any clone): restore it.
kcache_restore || true

# The lock's ways to the source bytes (tools/fetch.sh), when they are needed.
if [ -z "$tarball" ] && [ "$(cat "$kd/src.sha256" 2>/dev/null)" != "$sha" ]; then
	tarball=$("$VFSLAB_TOP/tools/fetch.sh" kernel "$name") || exit 1
fi

# 1. Checksum, then extract once (stamp records which tarball is extracted).
if [ "$(cat "$kd/src.sha256" 2>/dev/null)" != "$sha" ]; then
	say "kernel $name: verifying sha256 of $tarball"
	got=$(sha256sum "$tarball" | cut -c1-64)
	[ "$got" = "$sha" ] || die "sha256 mismatch for $tarball: got $got, lock/KERNEL_SHA256 says $sha"
	say "kernel $name: extracting"
	# Into a new folder first: a tarball that does not extract, or holds no
	# kernel, must leave the working tree as it was.
	new=$kd/src.new
	rm -rf "$new"
	mkdir -p "$new"
	if ! tar -xf "$tarball" -C "$new" --strip-components=1 2>"$kd/extract.err"; then
		rm -rf "$new"
		die "$tarball does not extract ($(head -n 1 "$kd/extract.err")): give a Linux source tarball (linux-X.Y.tar.xz)"
	fi
	if ! grep -q '^VERSION = ' "$new/Makefile" 2>/dev/null || [ ! -f "$new/arch/x86/Kconfig" ] ||
		[ ! -f "$new/scripts/kconfig/merge_config.sh" ]; then
		rm -rf "$new"
		die "$tarball holds no Linux source tree (no top Makefile with VERSION =, no arch/x86/Kconfig): give a kernel source tarball"
	fi
	rm -rf "$src" "$obj" "$kd/src.sha256" "$kd/extract.err"
	mv "$new" "$src"
	echo "$sha" > "$kd/src.sha256"
fi

# 2. Config: tinyconfig + fragment, only when the fragment changed.
want=$(config_inputs "$(cat "$kd/src.sha256")" | sha256sum | cut -c1-64)
if [ "$(cat "$kd/config.stamp" 2>/dev/null)" != "$want" ] || [ ! -f "$obj/.config" ]; then
	say "kernel $name: configuring (tinyconfig + kernel-config/lab.config)"
	mkdir -p "$obj"
	make -s -C "$src" O="$obj" ARCH=x86_64 tinyconfig >"$kd/merge.log" 2>&1 ||
		die "make tinyconfig failed for kernel $name ($(tail -n 1 "$kd/merge.log")), see $kd/merge.log"
	KCONFIG_CONFIG=$obj/.config "$src/scripts/kconfig/merge_config.sh" -m -O "$obj" "$obj/.config" $frags >>"$kd/merge.log" 2>&1 ||
		die "merge_config.sh failed, see $kd/merge.log"
	make -s -C "$src" O="$obj" ARCH=x86_64 olddefconfig >>"$kd/merge.log" 2>&1 ||
		die "make olddefconfig failed for kernel $name ($(tail -n 1 "$kd/merge.log")), see $kd/merge.log"
	# merge_config only warns when Kconfig drops an option: fail instead.
	# A "# CONFIG_X is not set" for a symbol this kernel does not have at
	# all (SLUB_TINY before 6.2) holds trivially.
	missing=$(cat $frags | grep -E '^(CONFIG_[A-Z0-9_]+=.*|# CONFIG_[A-Z0-9_]+ is not set)$' |
		while IFS= read -r line; do
			grep -qxF "$line" "$obj/.config" && continue
			sym=$(echo "$line" | grep -oE 'CONFIG_[A-Z0-9_]+')
			case $line in "# "*) grep -qE "^$sym=|^# $sym is not set" "$obj/.config" || continue ;; esac
			printf '%s; ' "$line"
		done)
	[ -z "$missing" ] || die "kernel config lacks requested options (check dependencies): $missing"
	echo "$want" > "$kd/config.stamp"
fi

# 3. Build, unless an input changed (build_inputs above).
want=$(build_inputs "$obj/.config" "$(cat "$kd/src.sha256")" | sha256sum | cut -c1-64)
if [ "$(cat "$kd/build.stamp" 2>/dev/null)" != "$want" ] || [ ! -f "$bz" ]; then
	say "kernel $name: building bzImage with $(nproc) jobs (a few minutes; log: $kd/build.log)"
	t0=$(now_ms)
	# KCFLAGS maps the build paths out of the objects: same bytes from any directory.
	if ! fwd make -C "$src" O="$obj" ARCH=x86_64 -j"$(nproc)" KCFLAGS="$kcflags" \
		${V:+V=$V} bzImage modules >"$kd/build.log" 2>&1; then
		tail -n 20 "$kd/build.log" >&2
		die "kernel build failed, full log: $kd/build.log"
	fi
	echo "$want" > "$kd/build.stamp"
	say "kernel $name: built in $(( ($(now_ms) - t0) / 1000 )) s"
fi
kcache_store || true
echo "$kd"
