#!/bin/bash
# Rewrite the "package" lines of kernel-config/versions.lock from what is
# installed (the toolchain versions artifacts were made with). The kernel,
# file and get lines are bytes identified by sha256: they change only by
# hand, with the new sha256s (README: "Using another kernel").
set -eu
. "$(dirname "$0")/lib.sh"
installed() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null; }
command -v dpkg-query >/dev/null || die "make lock records Debian package versions: run it on a Debian/Ubuntu host"
tmp=$LOCK.new
set -f	# split lines into words, never glob them
while IFS= read -r line; do
	set -- $line
	if [ "${1:-}" = package ]; then
		printf 'package %-18s %s\n' "$2" "$(installed "$2" || echo none)"
	else
		printf '%s\n' "$line"
	fi
done <"$LOCK" >"$tmp"
mv "$tmp" "$LOCK"
say "lock: rewrote the package lines of $LOCK"
