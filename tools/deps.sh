#!/bin/bash
# Check every host tool the lab needs; install the missing Debian packages
# when run as root, else print the exact apt-get line and exit 1.
# usage: deps.sh [lab|test] (KERNEL= and KERNEL_TARBALL= from the environment)
set -eu
. "$(dirname "$0")/lib.sh"

# command -> Debian package that provides it
need="gcc:gcc make:make flex:flex bison:bison bc:bc perl:perl xz:xz-utils
cpio:cpio mke2fs:e2fsprogs qemu-system-x86_64:qemu-system-x86 musl-gcc:musl-tools
sha256sum:coreutils awk:gawk readelf:binutils debugfs:e2fsprogs"
# headers and files -> package
files="/usr/include/libelf.h:libelf-dev /usr/include/openssl/ssl.h:libssl-dev
/bin/busybox:busybox-static"

# make test also validates the CI workflow's YAML
if [ "${1:-lab}" = test ]; then
	need="$need python3:python3 git:git"
	files="$files /usr/lib/python3/dist-packages/yaml/__init__.py:python3-yaml"
fi

missing=""
for pair in $need; do
	command -v "${pair%%:*}" >/dev/null 2>&1 || missing="$missing ${pair#*:}"
done
for pair in $files; do
	[ -e "${pair%%:*}" ] || missing="$missing ${pair#*:}"
done
# The guest has no libc: Debian's dynamic busybox (also /bin/busybox) would
# not start there. busybox-static replaces it.
if [ -e /bin/busybox ] && readelf -l /bin/busybox 2>/dev/null | grep -q INTERP; then
	missing="$missing busybox-static"
fi

# The pinned kernel source, unless the user brings a tarball.
kernel=${KERNEL:-6.12}
if [ -z "${KERNEL_TARBALL:-}" ]; then
	pkg=$(lock_field kernel "$kernel" 3) ||
		die "KERNEL=$kernel is not in kernel-config/versions.lock (known: $(kernels_in_lock)); or set KERNEL_TARBALL= and KERNEL_SHA256="
	ver=$(lock_field kernel "$kernel" 4)
	tarball=$(lock_field kernel "$kernel" 5)
	[ -f "$tarball" ] || missing="$missing $pkg=$ver"
fi

# One line when what is installed is not what the lock file pinned: the lab
# still runs, but its bytes may differ from a locked build.
drift() {
	awk '$1 == "package" { print $2, $3 }' "$LOCK" | while read -r pkg ver; do
		have=$(dpkg-query -W -f='${Version}' "$pkg" 2>/dev/null) || continue
		[ "$have" = "$ver" ] || printf '%s %s (lock: %s); ' "$pkg" "$have" "$ver"
	done
}
warn_drift() {
	d=$(drift)
	[ -z "$d" ] || say "warning: installed versions differ from kernel-config/versions.lock: ${d%; }; 'make lock' records them"
}

if [ -z "$missing" ]; then warn_drift; exit 0; fi
# shellcheck disable=SC2086 # one word per package
missing=$(printf '%s\n' $missing | sort -u | tr '\n' ' ')
line="apt-get install -y --no-install-recommends $missing"
if [ "$(id -u)" != 0 ]; then
	die "missing packages; as root run: apt-get update && $line"
fi
say "installing: $missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null || die "apt-get update failed (no network or mirror?)"
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null ||
	die "apt-get install failed: $line"
warn_drift
