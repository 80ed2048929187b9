#!/bin/bash
# Rewrite kernel-config/versions.lock from what is installed: the kernel
# source packages' versions and tarball sha256s, and the versions of every
# package whose bytes end up in an artifact. The epoch is kept.
set -eu
. "$(dirname "$0")/lib.sh"
installed() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null; }
tmp=$LOCK.new
{
	sed -n '1,/^# kernel /p' "$LOCK" | grep '^#'
	awk '$1 == "kernel" { print $2, $3, $5 }' "$LOCK" | while read -r name pkg tarball; do
		ver=$(installed "$pkg") && [ -f "$tarball" ] || { grep -E "^kernel +$name " "$LOCK"; continue; }
		printf 'kernel  %-5s %-18s %-19s %s  %s\n' "$name" "$pkg" "$ver" "$tarball" "$(sha256sum "$tarball" | cut -c1-64)"
	done
	echo "# package <debian package> <version>: toolchain and image inputs"
	awk '$1 == "package" { print $2 }' "$LOCK" | while read -r pkg; do
		printf 'package %-18s %s\n' "$pkg" "$(installed "$pkg" || echo none)"
	done
	grep -E '^(# epoch|epoch)' "$LOCK"
} > "$tmp"
mv "$tmp" "$LOCK"
say "lock: rewrote $LOCK"
