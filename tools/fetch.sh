#!/bin/bash
# Get the bytes of one locked input (a kernel source tarball, the guest's
# busybox) and print the path of a copy whose sha256 is the lock's.
# Tried in order: BUSYBOX= (busybox only; KERNEL_TARBALL= is build-kernel.sh's),
# a file of the locked name in the cache's downloads/, then the lock's "get"
# lines as listed. Every way's result is verified before it is printed.
# usage: fetch.sh kernel NAME | fetch.sh file NAME
# VFSLAB_GET="snapshot url" limits the ways (tests force the apt way off);
# VFSLAB_SNAPSHOT_URL replaces https://snapshot.debian.org (tests: loopback).
set -eu
. "$(dirname "$0")/lib.sh"
kind=${1:?usage: fetch.sh kernel|file NAME} name=${2:?usage: fetch.sh kernel|file NAME}
if ! as=$(lock_field "$kind" "$name" 3); then
	[ "$kind" = kernel ] || die "$name is not in $LOCK"
	die "KERNEL=$name is not in kernel-config/versions.lock (known: $(kernels_in_lock)); or set KERNEL_TARBALL= and KERNEL_SHA256="
fi
sha=$(lock_field "$kind" "$name" 4)
dl=$VFSLAB_CACHE/downloads
snapshot=${VFSLAB_SNAPSHOT_URL:-https://snapshot.debian.org}
what="$kind $name"; [ "$kind" = kernel ] || what=$name

sha_of() { sha256sum <"$1" | cut -c1-64; }
verified() { [ -f "$1" ] && [ "$(sha_of "$1")" = "$sha" ]; }
use() { printf '%s\n' "$1"; exit 0; }
allowed() { case " ${VFSLAB_GET:-apt snapshot url} " in *" $1 "*) return 0 ;; esac; return 1; }
# What the final error line says, from the ways tried: a wrong file beats
# "offline", which beats "not installed".
mismatch="" url1="" hand1="" aptline=""

# apt PACKAGE VERSION PATH: the file the package installs. A missing package
# is installed at the pinned version when root; an installed one of another
# version is never replaced (its file just fails the check).
way_apt() {
	verified "$3" && use "$3"
	if [ -e "$3" ]; then say "$what: $3 is not the locked $1 $2 (sha256 differs); trying the next way"; return; fi
	command -v apt-get >/dev/null || return 0
	aptline="apt-get install $1=$2"
	if [ "$(id -u)" != 0 ]; then say "$what: $1 $2 is not installed (as root: $aptline); trying the next way"; return; fi
	if ! apt-cache show "$1=$2" >/dev/null 2>&1; then say "$what: $1 $2 is not in this host's apt archive; trying the next way"; return; fi
	say "$what: installing $1=$2"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$1=$2" >/dev/null 2>&1 ||
		{ say "$what: $aptline failed; trying the next way"; return; }
	verified "$3" && use "$3"
	say "$what: $3 from $1 $2 does not have the locked sha256; trying the next way"
}

# fetch_one URL FILE SHA256: FILE verified in downloads/, or a note for the error line.
fetch_one() {
	[ -n "$url1" ] || { url1=$1; hand1="$dl/$2"; }
	verified_as "$dl/$2" "$3" && return 0
	got=$("$VFSLAB_TOP/tools/download.sh" "$1" "$dl/$2" "$3"); rc=$?
	case $rc in
	0) return 0 ;;
	2) mismatch="sha256 mismatch for $1: got $got, lock says $3 (deleted, nothing used)"
	   say "$what: $mismatch; trying the next way" ;;
	esac
	return 1
}
verified_as() { [ -f "$1" ] && [ "$(sha_of "$1")" = "$2" ]; }

# snapshot DEB SHA1 DEB_SHA256 MEMBER: the same .deb from Debian's snapshot
# archive by its sha1 (/file/<sha1>), unpacked with ar + tar, no dpkg.
way_snapshot() {
	fetch_one "$snapshot/file/$2" "$1" "$3" || return 0
	deb=$dl/$1
	data=$(ar t "$deb" | grep -m1 '^data\.tar') || { say "$what: $deb has no data.tar member"; return; }
	case $data in
	*.xz) unz="xz -dc" ;; *.zst) unz="zstd -dc" ;; *.gz) unz="gzip -dc" ;; *) unz=cat ;;
	esac
	say "$what: unpacking $4 from $1"
	if ! ar p "$deb" "$data" | $unz | tar -xOf - "./$4" >"$dl/$as.part"; then
		rm -f "$dl/$as.part"; say "$what: could not unpack ./$4 from $deb"; return
	fi
	if ! verified "$dl/$as.part"; then
		mismatch="sha256 mismatch for ./$4 in $1: got $(sha_of "$dl/$as.part"), lock says $sha (deleted, nothing used)"
		rm -f "$dl/$as.part"; say "$what: $mismatch"; return
	fi
	# a program (busybox) runs, with the mode its package gives it
	[ "$kind" = kernel ] || chmod 0755 "$dl/$as.part"
	mv -f "$dl/$as.part" "$dl/$as"
	# the tarball is what the build reads; the .deb would double the cache
	rm -f "$deb"
	use "$dl/$as"
}

way_url() { fetch_one "$1" "$as" "$sha" && use "$dl/$as"; return 0; }

if [ "$kind/$name" = file/busybox ] && [ -n "${BUSYBOX:-}" ]; then
	verified "$BUSYBOX" && use "$BUSYBOX"
	[ -f "$BUSYBOX" ] || die "BUSYBOX=$BUSYBOX: no such file"
	die "BUSYBOX=$BUSYBOX: sha256 $(sha_of "$BUSYBOX"), lock says $sha; unset BUSYBOX to fetch the locked one"
fi
if [ -f "$dl/$as" ]; then
	verified "$dl/$as" && use "$dl/$as"
	say "$what: ignoring $dl/$as: its sha256 is not the lock's"
fi
ways=$(lock_gets "$name")
while read -r way a b c d; do
	[ -n "$way" ] && allowed "$way" || continue
	case $way in
	apt) way_apt "$a" "$b" "$c" ;;
	snapshot) way_snapshot "$a" "$b" "$c" "$d" ;;
	url) way_url "$a" ;;
	*) die "$LOCK: unknown way '$way' for $name (apt, snapshot, url)" ;;
	esac
done <<<"$ways"

[ -z "$mismatch" ] || die "$what: $mismatch"
also=", or put $as (sha256 $sha) at $dl/$as"; [ "$hand1" != "$dl/$as" ] || also=""
[ -z "$url1" ] || die "$what: cannot download $url1 (offline?): fetch it by hand and put it at $hand1$also"
[ -z "$aptline" ] || die "$what: $as is missing: as root run $aptline, or put $as (sha256 $sha) at $dl/$as"
die "$what: no way to $as in the lock worked: put it (sha256 $sha) at $dl/$as"
