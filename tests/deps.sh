#!/bin/bash
# tools/deps.sh's package names per distribution, from os-release fixtures,
# and its install line when tools are missing (a PATH without flex and QEMU;
# VFSLAB_DEPS_DRY=1 so the test never installs anything). Seconds.
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib/tap.sh"
fx=$top/tests/fixtures/os-release
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
deps() { VFSLAB_OS_RELEASE=$fx/$1 "$top/tools/deps.sh" "${@:2}"; }

# expect_pkgs FIXTURE MANAGER PACKAGE...: --packages test names the manager and every PACKAGE
expect_pkgs() {
	f=$1 m=$2; shift 2
	out=" $(deps "$f" --packages test 2>&1) "
	case $out in " $m "*) ;; *) not_ok "$f: manager $m (got: $out)"; return ;; esac
	for p in "$@"; do
		case $out in *" $p "*) ;; *) not_ok "$f: package $p missing from: $out"; return ;; esac
	done
	ok "$f: $m with $*"
}
expect_pkgs debian-12 apt qemu-system-x86 libelf-dev libssl-dev xz-utils lz4 musl-tools busybox-static python3-yaml e2fsprogs
expect_pkgs ubuntu-24.04 apt qemu-system-x86 libelf-dev libssl-dev musl-tools
expect_pkgs linuxmint-22 apt qemu-system-x86 libelf-dev
expect_pkgs fedora-41 dnf qemu-system-x86-core elfutils-libelf-devel openssl-devel xz musl-gcc python3-pyyaml kernel-headers
expect_pkgs rocky-9 dnf qemu-system-x86-core elfutils-libelf-devel
expect_pkgs arch pacman qemu-system-x86 libelf openssl xz musl python python-yaml linux-api-headers
expect_pkgs manjaro pacman qemu-system-x86 libelf
expect_pkgs opensuse-tumbleweed zypper qemu-x86 libelf-devel libopenssl-devel glibc-devel-static python3-PyYAML linux-glibc-devel
expect_pkgs opensuse-leap-15.6 zypper qemu-x86 libelf-devel
expect_pkgs alpine-3.20 apk qemu-system-x86_64 elfutils-dev openssl-dev musl-dev e2fsprogs-extra py3-yaml linux-headers bash

# make inspect's own list: libguestfs and a host kernel for its appliance
inspect_pkgs() {
	out=$(deps "$1" --packages inspect 2>&1)
	check "$1: inspect needs $2" [ "$out" = "$2" ]
}
inspect_pkgs debian-12 "apt guestfish linux-image-amd64 qemu-utils"
inspect_pkgs ubuntu-24.04 "apt guestfish linux-image-generic qemu-utils"
inspect_pkgs fedora-41 "dnf guestfish kernel-core qemu-img"
inspect_pkgs arch "pacman libguestfs linux qemu-img"

# no Debian name leaks into another distribution's line
for f in fedora-41 arch opensuse-tumbleweed alpine-3.20; do
	out=" $(deps "$f" --packages test) "
	leak=""
	for p in xz-utils libelf-dev libssl-dev musl-tools busybox-static python3-yaml qemu-system-x86_64; do
		[ "$f" = alpine-3.20 ] && [ "$p" = qemu-system-x86_64 ] && continue
		case $out in *" $p "*) leak="$leak $p" ;; esac
	done
	check "$f: no Debian-only names${leak:+ (has$leak)}" [ -z "$leak" ]
done

# expect_error NAME PATTERN CMD...: exit != 0 and exactly one "vfslab: error:" line matching PATTERN
expect_error() {
	name=$1 pat=$2; shift 2
	out=$("$@" 2>&1); rc=$?
	n=$(printf '%s\n' "$out" | grep -c '^vfslab: error:')
	if [ "$rc" -eq 0 ]; then not_ok "$name (exit 0): $out"
	elif [ "$n" -ne 1 ]; then not_ok "$name ($n error lines): $out"
	elif ! printf '%s\n' "$out" | grep '^vfslab: error:' | grep -qE "$pat"; then not_ok "$name (wrong message): $out"
	else ok "$name"; fi
}
expect_error "unknown distribution: one line" "unknown distribution 'gentoo " deps gentoo --packages

# The host's own tools, minus flex, QEMU and qemu-img: the exact line per manager.
mkdir -p "$t/bin"
# one cp for thousands of links (a loop of ln would take minutes on 2 cores)
for d in /usr/local/bin /usr/bin /bin; do cp -sf "$d"/* "$t/bin/" 2>/dev/null; done
rm -f "$t/bin/flex" "$t/bin/qemu-system-x86_64" "$t/bin/qemu-img"
lab() { env PATH="$t/bin" VFSLAB_DEPS_DRY=1 VFSLAB_OS_RELEASE="$fx/$1" "$top/tools/deps.sh" lab; }
expect_error "missing on Debian: the apt-get line" \
	"missing packages; as root run: apt-get update && apt-get install -y --no-install-recommends flex qemu-system-x86 qemu-utils$" lab debian-12
expect_error "missing on Fedora: the dnf line" "as root run: dnf install -y flex qemu-img qemu-system-x86-core$" lab fedora-41
expect_error "missing on Arch: the pacman line" "as root run: pacman -S --needed --noconfirm flex qemu-img qemu-system-x86$" lab arch
expect_error "missing on openSUSE: the zypper line" "as root run: zypper --non-interactive install flex qemu-tools qemu-x86$" lab opensuse-tumbleweed
expect_error "missing on Alpine: the apk line" "as root run: apk add flex qemu-img qemu-system-x86_64$" lab alpine-3.20
check "nothing missing: exit 0" env VFSLAB_OS_RELEASE="$fx/debian-12" VFSLAB_DEPS_DRY=1 "$top/tools/deps.sh" lab
# a pinned package whose installed version differs: one warning naming it
if command -v dpkg-query >/dev/null && v=$(dpkg-query -W -f='${Version}' e2fsprogs 2>/dev/null); then
	sed 's/^package e2fsprogs .*/package e2fsprogs 0.0-older/' "$top/kernel-config/versions.lock" > "$t/lock"
	out=$(VFSLAB_LOCK="$t/lock" VFSLAB_OS_RELEASE="$fx/debian-12" VFSLAB_DEPS_DRY=1 "$top/tools/deps.sh" lab 2>&1)
	check "a pinned package at another version: one warning names it, and only it" \
		test_all [ "$(printf '%s\n' "$out" | grep -c warning)" = 1 ] [ -n "$(printf '%s' "$out" | grep -F "e2fsprogs $v (lock: 0.0-older)")" ] \
		[ "$(printf '%s' "$out" | grep -o '(lock: ' | wc -l)" = 1 ]
else
	echo "ok - version drift warning # SKIP no dpkg-query or no e2fsprogs package here"
fi
finish
