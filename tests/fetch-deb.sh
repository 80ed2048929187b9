#!/bin/bash
# The snapshot way end to end with the real linux-source-6.12 .deb (apt's
# cache, else apt-get download: 153 MB) served over loopback as
# snapshot.debian.org serves it (/file/<sha1>), the apt way forced off: the
# unpacked tarball must be the lock's, byte for byte. About a minute on a busy
# 2-core machine, so it is its own suite: make test-snapshot.
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib/tap.sh"
t=$(mktemp -d); httpd=""
trap '[ -z "$httpd" ] || kill "$httpd" 2>/dev/null; rm -rf "$t"' EXIT
export VFSLAB_CACHE=$t/cache
unset VFSLAB_LOCK
export http_proxy= https_proxy=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9 no_proxy=127.0.0.1
. "$top/tests/lib/httpd.sh"
www=$t/www; mkdir -p "$www/file"
httpd_start "$www"
export VFSLAB_SNAPSHOT_URL=$url
lock=$top/kernel-config/versions.lock

deb=linux-source-6.12_6.12.117-1~deb12u1_all.deb
src=""
for d in /var/cache/apt/archives "${VFSLAB_TEST_DEBS:-}"; do [ -f "$d/$deb" ] && src=$d/$deb && break; done
if [ -z "$src" ] && command -v apt-get >/dev/null; then
	(cd "$t" && env -u https_proxy -u HTTPS_PROXY apt-get download -qq "linux-source-6.12=6.12.117-1~deb12u1" >/dev/null 2>&1) && src=$t/$deb
fi
if [ -z "$src" ]; then
	echo "ok - real 6.12 .deb over loopback # SKIP no $deb in apt's cache and apt-get download failed"
	finish; exit
fi
sha1=$(awk '$1 == "get" && $2 == "6.12" && $3 == "snapshot" { print $5 }' "$lock")
check "the .deb is the one the lock names (sha1)" [ "$(sha1sum <"$src" | cut -c1-40)" = "$sha1" ]
ln -s "$src" "$www/file/$sha1" 2>/dev/null || cp "$src" "$www/file/$sha1"
p=$(VFSLAB_GET="snapshot url" "$top/tools/fetch.sh" kernel 6.12 2>"$t/err")
want=$(awk '$1 == "kernel" && $2 == "6.12" { print $4 }' "$lock")
check "real 6.12 .deb via the snapshot way: tarball sha256 is the lock's" \
	test_all [ "$p" = "$VFSLAB_CACHE/downloads/linux-source-6.12.tar.xz" ] [ "$(sha256sum <"$p" | cut -c1-64)" = "$want" ]
from_loopback() { grep -q "downloading $url/file/$sha1" "$t/err" && ! grep -q "linux-source-6.12 6.12.117" "$t/err"; }
check "fetched from loopback, the apt way not tried" from_loopback
# a flipped byte in the served .deb: refused, nothing unpacked
rm -f "$p"; rm -f "$www/file/$sha1"
{ head -c 1000 "$src"; printf 'X'; tail -c +1002 "$src"; } >"$www/file/$sha1"
out=$(VFSLAB_GET="snapshot url" "$top/tools/fetch.sh" kernel 6.12 2>&1); rc=$?
check "one flipped byte in the .deb: one error line, nothing unpacked" test_all [ "$rc" -ne 0 ] \
	[ "$(printf '%s\n' "$out" | grep -c '^vfslab: error: .*sha256 mismatch')" -eq 1 ] [ ! -e "$p" ]
finish
