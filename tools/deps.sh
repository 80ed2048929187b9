#!/bin/bash
# Check every host tool the lab needs; install what is missing with the
# host's package manager when run as root, else print the exact install line
# and exit 1. Knows apt (Debian, Ubuntu), dnf (Fedora), pacman (Arch),
# zypper (openSUSE) and apk (Alpine), from /etc/os-release.
# The kernel source and the guest's busybox are not here: tools/fetch.sh gets
# them by the lock's ways (the apt way installs linux-source-X when root).
#
# usage: deps.sh [lab|test|inspect]  (KERNEL= and KERNEL_TARBALL= from the environment)
#        deps.sh --packages [lab|test|inspect]   print "<manager> <every package>", check nothing
# inspect: only what make inspect needs (libguestfs and a host kernel for its
# appliance); heavy (about 400 MB on Debian), so never part of lab or test.
# VFSLAB_OS_RELEASE=file reads another os-release (tests); VFSLAB_DEPS_DRY=1
# never installs, as if not root.
set -eu
. "$(dirname "$0")/lib.sh"

list=0
[ "${1:-}" != --packages ] || { list=1; shift; }
what=${1:-lab}

# One row per need: how to check it, then its package per manager ("-": not
# needed there). A check is a command, an absolute path, cc:FILE (gcc finds
# FILE: a static libc for the triggers when there is no musl-gcc), py:MODULE
# or kernel: (some /boot/vmlinuz-*, for libguestfs's appliance).
table() {
	if [ "$what" = inspect ]; then
		# The appliance boots the host distribution's own kernel (never the
		# lab's tinyconfig one, which lacks what the appliance needs);
		# containers and CI images often ship none. Ubuntu's kernel
		# metapackage has another name than Debian's.
		case " $ids " in *" ubuntu "*) ren='s/linux-image-amd64/linux-image-generic/' ;; *) ren='' ;; esac
		sed "$ren" <<'EOF'
# check                           apt              dnf                   pacman         zypper               apk
guestfish                         guestfish        guestfish             libguestfs     guestfish            libguestfs
qemu-img                          qemu-utils       qemu-img              qemu-img       qemu-tools           qemu-img
kernel:                           linux-image-amd64 kernel-core          linux          kernel-default       linux-lts
EOF
		return
	fi
	cat <<'EOF'
# check                           apt              dnf                   pacman         zypper               apk
bash                              bash             bash                  bash           bash                 bash
gcc                               gcc              gcc                   gcc            gcc                  gcc
make                              make             make                  make           make                 make
flex                              flex             flex                  flex           flex                 flex
bison                             bison            bison                 bison          bison                bison
bc                                bc               bc                    bc             bc                   bc
perl                              perl             perl                  perl           perl                 perl
xz                                xz-utils         xz                    xz             xz                   xz
lz4                               lz4              lz4                   lz4            lz4                  lz4
cpio                              cpio             cpio                  cpio           cpio                 cpio
awk                               gawk             gawk                  gawk           gawk                 gawk
sha256sum                         coreutils        coreutils             coreutils      coreutils            coreutils
readelf                           binutils         binutils              binutils       binutils             binutils
ar                                binutils         binutils              binutils       binutils             binutils
mke2fs                            e2fsprogs        e2fsprogs             e2fsprogs      e2fsprogs            e2fsprogs
debugfs                           e2fsprogs        e2fsprogs             e2fsprogs      e2fsprogs            e2fsprogs-extra
qemu-system-x86_64                qemu-system-x86  qemu-system-x86-core  qemu-system-x86  qemu-x86           qemu-system-x86_64
qemu-img                          qemu-utils       qemu-img              qemu-img       qemu-tools           qemu-img
curl                              curl             curl                  curl           curl                 curl
/usr/include/libelf.h             libelf-dev       elfutils-libelf-devel libelf         libelf-devel         elfutils-dev
/usr/include/openssl/ssl.h        libssl-dev       openssl-devel         openssl        libopenssl-devel     openssl-dev
/usr/include/linux/types.h        linux-libc-dev   kernel-headers        linux-api-headers linux-glibc-devel linux-headers
musl-gcc                          musl-tools       musl-gcc              musl           -                    -
cc:libc.a                         -                -                     -              glibc-devel-static   musl-dev
/bin/busybox                      busybox-static   -                     -              -                    -
EOF
	[ "$what" != test ] || cat <<'EOF'
python3                           python3          python3               python         python3              python3
py:yaml                           python3-yaml     python3-pyyaml        python-yaml    python3-PyYAML       py3-yaml
git                               git              git                   git            git                  git
busybox                           busybox-static   busybox               busybox        busybox              busybox
EOF
}

# The manager, from os-release's ID and ID_LIKE (derivatives name their base).
osr=${VFSLAB_OS_RELEASE:-/etc/os-release}
[ -r "$osr" ] || osr=/usr/lib/os-release
ids=$( (. "$osr" 2>/dev/null; echo "${ID:-} ${ID_LIKE:-}") )
manager=""
for id in $ids; do
	case $id in
	debian | ubuntu) manager=apt ;;
	fedora | rhel | centos) manager=dnf ;;
	arch) manager=pacman ;;
	opensuse* | suse | sles) manager=zypper ;;
	alpine) manager=apk ;;
	*) continue ;;
	esac
	break
done
col=$(case $manager in apt) echo 2 ;; dnf) echo 3 ;; pacman) echo 4 ;; zypper) echo 5 ;; apk) echo 6 ;; *) echo 0 ;; esac)

install_line() {
	case $manager in
	apt) echo "apt-get update && apt-get install -y --no-install-recommends $*" ;;
	dnf) echo "dnf install -y $*" ;;
	pacman) echo "pacman -S --needed --noconfirm $*" ;;
	zypper) echo "zypper --non-interactive install $*" ;;
	apk) echo "apk add $*" ;;
	esac
}

if [ "$list" = 1 ]; then
	[ -n "$manager" ] || die "unknown distribution '$ids' in $osr"
	pkgs=$(table | awk -v c="$col" '!/^#/ && $c != "-" { print $c }' | sort -u | tr '\n' ' ')
	echo "$manager ${pkgs% }"
	exit 0
fi

have() {
	case $1 in
	/*) [ -e "$1" ] ;;
	cc:*) f=$(gcc -print-file-name="${1#cc:}" 2>/dev/null) && [ "$f" != "${1#cc:}" ] ;;
	py:*) python3 -c "import ${1#py:}" 2>/dev/null ;;
	kernel:) ls /boot/vmlinuz-* >/dev/null 2>&1 ;;
	*) command -v "$1" >/dev/null 2>&1 ;;
	esac
}

# A pinned kernel name is checked here too: `make deps KERNEL=typo` says so.
if [ -z "${KERNEL_TARBALL:-}" ]; then
	kernel=${KERNEL:-6.12}
	lock_field kernel "$kernel" 3 >/dev/null ||
		die "KERNEL=$kernel is not in kernel-config/versions.lock (known: $(kernels_in_lock)); or set KERNEL_TARBALL= and KERNEL_SHA256="
fi

if [ -z "$manager" ]; then
	miss=$(table | awk '!/^#/ { print $1 }' | while read -r c; do have "$c" || printf '%s ' "$c"; done)
	[ -z "$miss" ] && exit 0
	die "unknown distribution '$ids' ($osr): install by hand what provides: $miss"
fi

missing=$(table | awk -v c="$col" '!/^#/ && $c != "-" { print $1, $c }' | while read -r c pkg; do
	have "$c" || echo "$pkg"
done | sort -u | tr '\n' ' ')
missing=${missing% }
# The guest has no libc: Debian's dynamic busybox (also /bin/busybox) would
# not start there; busybox-static replaces it. (Elsewhere fetch.sh brings the
# locked static busybox from Debian's snapshot archive.)
if [ "$what" != inspect ] && [ "$manager" = apt ] && [ -e /bin/busybox ] && readelf -l /bin/busybox 2>/dev/null | grep -q INTERP; then
	missing="$missing busybox-static"
fi

# One line when what is installed is not what the lock file pinned: the lab
# still runs, but its bytes may differ from a locked build (Debian hosts).
warn_drift() {
	command -v dpkg-query >/dev/null || return 0
	# one dpkg-query for every pinned package (a query each cost 0.4 s)
	# shellcheck disable=SC2046 # one word per package
	d=$(dpkg-query -W -f='${Package} ${Version}\n' $(awk '$1 == "package" { print $2 }' "$LOCK") 2>/dev/null |
		awk 'NR == FNR { have[$1] = $2; next }
			$1 == "package" && ($2 in have) && have[$2] != $3 { printf "%s %s (lock: %s); ", $2, have[$2], $3 }' - "$LOCK")
	[ -z "$d" ] || say "warning: installed versions differ from kernel-config/versions.lock: ${d%; }; 'make lock' records them"
}

if [ -z "$missing" ]; then warn_drift; exit 0; fi
line=$(install_line "$missing")
if [ "$(id -u)" != 0 ] || [ -n "${VFSLAB_DEPS_DRY:-}" ]; then
	die "missing packages; as root run: $line"
fi
say "installing: $missing"
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086 # one word per package
case $manager in
apt) apt-get update -qq >/dev/null || die "apt-get update failed (no network or mirror?)"
     apt-get install -y -qq --no-install-recommends $missing >/dev/null ;;
dnf) dnf install -y -q $missing >/dev/null ;;
pacman) pacman -S --needed --noconfirm $missing >/dev/null ;;
zypper) zypper --non-interactive --quiet install $missing >/dev/null ;;
apk) apk add -q $missing >/dev/null ;;
esac || die "install failed: $line"
warn_drift
