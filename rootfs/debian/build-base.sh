#!/bin/bash
# The Debian 12 userland of ROOTFS=debian, as one reproducible tarball:
# mmdebstrap --variant=minbase plus what the lab needs, from the host's own
# apt sources, SOURCE_DATE_EPOCH from versions.lock. Falls back to plain
# debootstrap (as root) where mmdebstrap is missing.
#
# usage: build-base.sh OUT.tar
# Cached by the Makefile: rebuilt only when this script, the package list or
# the lock change (the mirror's content is not an input: a point release
# changes the bytes; the tarball's sha256 is in every run's manifest).
set -eu
VFSLAB_TOP=$(cd "$(dirname "$0")/../.." && pwd)
. "$VFSLAB_TOP/tools/lib.sh"
export_build_identity
out=$(realpath -m "$1")
here=$(cd "$(dirname "$0")" && pwd)
suite=bookworm
pkgs=$(grep -v '^#' "$here/packages" | tr -s ' \n' ',' | sed 's/^,//; s/,$//')

# The host's apt sources (deb822 or one-line), so the guest gets what this
# machine's mirror serves; deb.debian.org when the host has none.
sources=""
for f in /etc/apt/sources.list.d/*.sources /etc/apt/sources.list; do
	[ -s "$f" ] && grep -qE "^(deb |Types:)" "$f" && sources="$sources $f"
done
mirrors=${sources:-http://deb.debian.org/debian}

# Rootless first: unshare (user namespaces), then fakechroot; as root, root.
if [ "$(id -u)" = 0 ]; then mode=root
elif unshare --user --map-root-user true 2>/dev/null; then mode=unshare
elif command -v fakechroot >/dev/null; then mode=fakechroot
else die "ROOTFS=debian needs root, working user namespaces (mmdebstrap --mode=unshare) or fakechroot: apt-get install fakechroot, or build as root once (the image is cached)"
fi

tmp=${out%.tar}.tmp.tar	# mmdebstrap picks the format from the name
rm -f "$tmp"
if command -v mmdebstrap >/dev/null; then
	say "rootfs debian: mmdebstrap $suite minbase + $pkgs (mode $mode)"
	# The host's resolv.conf and hostname would make the bytes host-specific;
	# docs, man pages and locales are not what the lab studies (size).
	# shellcheck disable=SC2086 # one argument per sources file
	mmdebstrap --quiet --variant=minbase --mode="$mode" --include="$pkgs" \
		--dpkgopt='path-exclude=/usr/share/man/*' \
		--dpkgopt='path-exclude=/usr/share/doc/*' \
		--dpkgopt='path-include=/usr/share/doc/*/copyright' \
		--dpkgopt='path-exclude=/usr/share/locale/*' \
		--dpkgopt='path-exclude=/usr/share/info/*' \
		--customize-hook='rm -f "$1"/etc/resolv.conf "$1"/etc/hostname' \
		--customize-hook='echo vfslab > "$1"/etc/hostname' \
		"$suite" "$tmp" $mirrors >&2 || die "mmdebstrap failed (network? the host's apt sources: ${sources:-none})"
else
	command -v debootstrap >/dev/null || die "ROOTFS=debian needs mmdebstrap (or debootstrap): apt-get install mmdebstrap"
	[ "$(id -u)" = 0 ] || die "debootstrap needs root; install mmdebstrap for a rootless build"
	say "rootfs debian: debootstrap $suite minbase (mmdebstrap missing)"
	chroot=$(mktemp -d "${TMPDIR:-/tmp}/vfslab-debian.XXXXXX")
	trap 'rm -rf "$chroot"' EXIT
	mirror=$(awk '/^URIs:/ { print $2; exit } /^deb / { print $2; exit }' $sources 2>/dev/null)
	debootstrap --variant=minbase --include="$pkgs" "$suite" "$chroot" "${mirror:-http://deb.debian.org/debian}" >&2 ||
		die "debootstrap failed (network?)"
	rm -f "$chroot/etc/resolv.conf"; echo vfslab > "$chroot/etc/hostname"
	rm -rf "$chroot/var/cache/apt/archives"/*.deb "$chroot/var/lib/apt/lists"/*_* "$chroot/var/log"/*.log
	tar --sort=name --mtime="@$SOURCE_DATE_EPOCH" --clamp-mtime --numeric-owner \
		--pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime -C "$chroot" -cf "$tmp" .
fi
mv "$tmp" "$out"
say "rootfs debian: $out ($(( $(stat -c %s "$out") / 1048576 )) MiB)"
