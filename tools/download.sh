#!/bin/bash
# One verified download: DEST appears only once its sha256 is the one asked
# for. The bytes arrive in DEST.part, which a later call resumes (HTTP Range)
# after an interrupted transfer; a finished file with the wrong sha256 is
# deleted, never kept, never used.
# curl, else wget: every host the lab supports has one, and both already do
# TLS, proxies, redirects, resume and a progress bar, which a C downloader
# would have to redo (C is kept for what runs in or reads from the guest).
# usage: download.sh URL DEST SHA256
# exit: 0 DEST verified, 2 wrong sha256 (nothing kept), 3 unreachable (.part kept)
set -u
. "$(dirname "$0")/lib.sh"
url=$1 dest=$2 sha=$3
part=$dest.part
vfslab_cache_init; mkdir -p "$(dirname "$dest")" || die "cannot create $(dirname "$dest") (set VFSLAB_CACHE= to a writable folder)"

[ -s "$part" ] && say "resuming ${dest##*/} at byte $(stat -c %s "$part")"
say "downloading $url"
tmp=$(mktemp); trap 'rm -f "$tmp"' EXIT; err=$tmp
# On a terminal the tool draws its progress bar there; otherwise it is quiet
# and its error line is kept for the one-line summary.
get() {
	if command -v curl >/dev/null; then
		if [ -t 2 ]; then set -- -#; else set -- -sS; fi
		curl "$@" -fL --connect-timeout 20 --retry 2 -C - -o "$part" "$url" 2>>"$err"
	elif command -v wget >/dev/null; then
		if [ -t 2 ]; then set -- --progress=bar:force; else set -- -nv; fi
		wget "$@" -c -T 20 -t 3 -O "$part" "$url" 2>>"$err"
	else
		echo "neither curl nor wget is installed" >>"$err"; return 127
	fi
}
[ -t 2 ] && err=/dev/stderr

get; rc=$?
# curl 33: the server ignores Range. Start over rather than append.
if [ "$rc" -eq 33 ]; then
	say "the server cannot resume; downloading ${dest##*/} from the start"
	rm -f "$part"; get; rc=$?
fi
if [ "$rc" -ne 0 ]; then
	[ -s "$part" ] || rm -f "$part"
	[ "$err" = /dev/stderr ] || say "download failed: $(grep -v '^ *$' "$err" | tail -n 1)"
	exit 3
fi
got=$(sha256sum <"$part" | cut -c1-64)
if [ "$got" != "$sha" ]; then
	rm -f "$part"
	echo "$got"
	exit 2
fi
mv -f "$part" "$dest"
