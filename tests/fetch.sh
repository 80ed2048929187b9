#!/bin/bash
# The lock's ways to a file (tools/fetch.sh, tools/download.sh) against a real
# HTTP server on 127.0.0.1 (busybox httpd, which answers Range requests):
# a good file, a wrong sha256, a truncated download resumed, the server down,
# and a .deb from a snapshot-style /file/<sha1> URL unpacked with ar + tar
# (tests/fetch-deb.sh does it with the real linux-source-6.12 .deb). No
# kernel is built. Well under a minute.
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib/tap.sh"
t=$(mktemp -d); httpd=""
trap '[ -z "$httpd" ] || kill "$httpd" 2>/dev/null; rm -rf "$t"' EXIT
export VFSLAB_CACHE=$t/cache VFSLAB_LOCK=$t/lock
dl=$VFSLAB_CACHE/downloads
# never a real proxy or mirror: anything not on loopback is "offline"
export http_proxy= https_proxy=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9 no_proxy=127.0.0.1
sha() { sha256sum <"$1" | cut -c1-64; }
fetch() { "$top/tools/fetch.sh" "$@"; }

. "$top/tests/lib/httpd.sh"
www=$t/www; mkdir -p "$www/file"
httpd_start "$www"
down=http://127.0.0.1:9	# discard port: nothing listens

# Small real tarballs (a few hundred KiB: enough bytes for a Range request).
mkt() { mkdir -p "$t/mk/$1" && head -c 300000 /dev/urandom >"$t/mk/$1/data" &&
	tar -C "$t/mk" -cJf "$2" "$1"; }
mkt good "$www/good.tar.xz"
mkt other "$www/bad.tar.xz"
mkt res "$t/resume.tar.xz"
# The server's copy of the resumed file is wrong in its first half, right in
# its second: only a real resume (Range from the .part's end) gives the right sha256.
size=$(stat -c %s "$t/resume.tar.xz") half=$((size / 2))
{ head -c "$half" /dev/zero; tail -c +$((half + 1)) "$t/resume.tar.xz"; } >"$www/resume.tar.xz"

# A small .deb like Debian's: debian-binary, control.tar.xz, data.tar.xz
# holding ./usr/src/linux-source-9.0.tar.xz; served at /file/<sha1>.
mkt nine "$t/linux-source-9.0.tar.xz"
mkdir -p "$t/deb/data/usr/src" "$t/deb/ctl"
cp "$t/linux-source-9.0.tar.xz" "$t/deb/data/usr/src/"
printf 'Package: linux-source-9.0\nVersion: 9.0-1\nArchitecture: all\n' >"$t/deb/ctl/control"
echo 2.0 >"$t/deb/debian-binary"
tar -C "$t/deb/ctl" -cJf "$t/deb/control.tar.xz" .
tar -C "$t/deb/data" -cJf "$t/deb/data.tar.xz" .
(cd "$t/deb" && ar rc "$t/nine.deb" debian-binary control.tar.xz data.tar.xz)
deb_sha1=$(sha1sum <"$t/nine.deb" | cut -c1-40)
cp "$t/nine.deb" "$www/file/$deb_sha1"
cp "$t/nine.deb" "$www/file/0000000000000000000000000000000000000000"

zero=0000000000000000000000000000000000000000000000000000000000000000
cat >"$VFSLAB_LOCK" <<EOF
kernel  good   linux-good.tar.xz    $(sha "$www/good.tar.xz")
get     good   apt  linux-source-good 1.0 $t/www/bad.tar.xz
get     good   url  $url/good.tar.xz
kernel  bad    linux-bad.tar.xz     $(sha "$www/good.tar.xz")
get     bad    url  $url/bad.tar.xz
kernel  res    linux-res.tar.xz     $(sha "$t/resume.tar.xz")
get     res    url  $url/resume.tar.xz
kernel  down   linux-down.tar.xz    $(sha "$www/good.tar.xz")
get     down   url  $down/linux-down.tar.xz
kernel  nine   linux-source-9.0.tar.xz  $(sha "$t/linux-source-9.0.tar.xz")
get     nine   apt       linux-source-9.0  9.0-1  $t/nonexistent/linux-source-9.0.tar.xz
get     nine   snapshot  linux-source-9.0_9.0-1_all.deb  $deb_sha1  $(sha "$t/nine.deb")  usr/src/linux-source-9.0.tar.xz
kernel  baddeb linux-source-9.0.tar.xz  $(sha "$t/linux-source-9.0.tar.xz")
get     baddeb snapshot  linux-source-9.0_9.0-1_all.deb  0000000000000000000000000000000000000000  $zero  usr/src/linux-source-9.0.tar.xz
file    busybox busybox  $(sha "$bb")
epoch   1763856000
EOF
export VFSLAB_SNAPSHOT_URL=$url

# expect_one_error NAME PATTERN CMD...: exit != 0 and exactly one "vfslab: error:" line matching PATTERN
expect_one_error() {
	name=$1 pat=$2; shift 2
	out=$("$@" 2>&1); rc=$?
	n=$(printf '%s\n' "$out" | grep -c '^vfslab: error:')
	if [ "$rc" -eq 0 ]; then not_ok "$name (exit 0): $out"
	elif [ "$n" -ne 1 ]; then not_ok "$name ($n error lines): $out"
	elif ! printf '%s\n' "$out" | grep '^vfslab: error:' | grep -qE "$pat"; then not_ok "$name (wrong message): $out"
	else ok "$name"; fi
}
no_partial() { [ -z "$(find "$dl" -name '*.part' 2>/dev/null)" ]; }
# none_left FILE: FILE is not there, and no .part either
none_left() { [ ! -e "$1" ] && no_partial; }

# good file: the apt way's file has the wrong bytes, so the url way is used
p=$(fetch kernel good 2>"$t/err")
check "good file: fetched into the cache" [ "$p" = "$dl/linux-good.tar.xz" ]
check "good file: sha256 is the lock's" [ "$(sha "$p")" = "$(sha "$www/good.tar.xz")" ]
check "good file: a wrong apt-way file is skipped with a note" grep -q "is not the locked linux-source-good" "$t/err"
check "good file: nothing partial left" no_partial
check "good file: later runs need no server (dropped/cached file)" \
	env VFSLAB_SNAPSHOT_URL=$down "$top/tools/fetch.sh" kernel good >/dev/null

# wrong sha256: one line, nothing kept, nothing used
expect_one_error "wrong sha256: one error line" "sha256 mismatch for $url/bad.tar.xz: got [0-9a-f]{64}, lock says" fetch kernel bad
check "wrong sha256: no file and no .part kept" none_left "$dl/linux-bad.tar.xz"

# truncated, then resumed: an interrupted transfer's .part is never used;
# the next call asks for the rest only
head -c "$half" "$t/resume.tar.xz" >"$dl/linux-res.tar.xz.part"
sed -i "s|$url/resume.tar.xz|$down/resume.tar.xz|" "$VFSLAB_LOCK"
expect_one_error "truncated, server down: one error line" "cannot download $down/resume.tar.xz \(offline\?\)" fetch kernel res
check "truncated, server down: the .part is kept, nothing used" test_all [ -s "$dl/linux-res.tar.xz.part" ] [ ! -e "$dl/linux-res.tar.xz" ]
sed -i "s|$down/resume.tar.xz|$url/resume.tar.xz|" "$VFSLAB_LOCK"
p=$(fetch kernel res 2>"$t/err")
check "resumed: says where it resumes" grep -q "resuming linux-res.tar.xz at byte $half" "$t/err"
check "resumed: only the missing bytes came (Range), sha256 is the lock's" [ "$(sha "$p")" = "$(sha "$t/resume.tar.xz")" ]
# without the truncated start the server's copy is wrong: the resume above was real
rm -f "$dl/linux-res.tar.xz"
expect_one_error "control: the server's whole copy fails the sha256" "sha256 mismatch" fetch kernel res

# server down: one line naming the URL and where to put the file by hand
expect_one_error "server down: one line with the URL and the file's place" \
	"cannot download $down/linux-down.tar.xz \(offline\?\): fetch it by hand and put it at $dl/linux-down.tar.xz" fetch kernel down
check "server down: nothing left" none_left "$dl/linux-down.tar.xz"
# a dropped file with the wrong bytes is ignored, never used
cp "$www/bad.tar.xz" "$dl/linux-down.tar.xz"
expect_one_error "dropped file with the wrong bytes: not used" "cannot download" fetch kernel down
cp "$www/good.tar.xz" "$dl/linux-down.tar.xz"
check "dropped file with the right bytes: used offline" [ "$(fetch kernel down 2>/dev/null)" = "$dl/linux-down.tar.xz" ]

# a server that ignores Range (python's http.server answers 200 to a range
# request): the .part cannot be resumed, so the file comes again from byte 0
py=$(command -v python3)
if [ -n "$py" ]; then
	pport=$((port + 1))
	(cd "$www" && exec "$py" -m http.server "$pport" --bind 127.0.0.1 >/dev/null 2>&1) & pyd=$!
	for _ in $(seq 40); do curl -sfo /dev/null "http://127.0.0.1:$pport/good.tar.xz" && break; sleep 0.25; done
	rm -f "$dl/linux-good.tar.xz"; head -c 1000 /dev/zero >"$dl/linux-good.tar.xz.part"
	sed -i "s|$url/good.tar.xz|http://127.0.0.1:$pport/good.tar.xz|" "$VFSLAB_LOCK"
	p=$(fetch kernel good 2>"$t/err")
	started_over() { [ "$(sha "$p")" = "$(sha "$www/good.tar.xz")" ] && grep -q "cannot resume" "$t/err"; }
	check "no Range support: starts over, never appends to the .part" started_over
	sed -i "s|http://127.0.0.1:$pport/good.tar.xz|$url/good.tar.xz|" "$VFSLAB_LOCK"
	kill "$pyd" 2>/dev/null
fi

# snapshot way: /file/<sha1>, .deb verified, unpacked with ar + tar, no dpkg
p=$(fetch kernel nine 2>"$t/err")
check "snapshot .deb: unpacked tarball has the lock's sha256" [ "$(sha "$p")" = "$(sha "$t/linux-source-9.0.tar.xz")" ]
check "snapshot .deb: the .deb is not kept once unpacked" none_left "$dl/linux-source-9.0_9.0-1_all.deb"
rm -f "$dl/linux-source-9.0.tar.xz"
expect_one_error "snapshot .deb with the wrong sha256: one line" "sha256 mismatch for $url/file/0{40}" fetch kernel baddeb
check "snapshot .deb with the wrong sha256: nothing kept" [ -z "$(ls "$dl" | grep -E 'linux-source-9|\.part$')" ]

# busybox: BUSYBOX= is checked against the lock too
check "busybox: BUSYBOX= with the locked bytes is used" [ "$(BUSYBOX=$bb fetch file busybox 2>/dev/null)" = "$bb" ]
expect_one_error "busybox: BUSYBOX= with other bytes" "BUSYBOX=.*sha256 [0-9a-f]{64}, lock says" env BUSYBOX="$www/good.tar.xz" "$top/tools/fetch.sh" file busybox

# the real lock: KERNEL=6.8 offline is one line (https goes to a dead proxy)
unset VFSLAB_LOCK
expect_one_error "KERNEL=6.8 offline: one line naming kernel.org and the cache" \
	"cannot download https://cdn.kernel.org/pub/linux/kernel/v6.x/linux-6.8.tar.xz \(offline\?\): fetch it by hand and put it at $dl/linux-6.8.tar.xz" \
	make -s --no-print-directory -C "$top" kernel KERNEL=6.8 BUILD="$t/build"
check "KERNEL=6.8 offline: nothing extracted" [ ! -e "$t/build/kernel-6.8/src" ]
printf 'not linux\n' >"$t/linux-6.8.tar.xz"
expect_one_error "KERNEL=6.8 KERNEL_TARBALL= without KERNEL_SHA256: checked against the lock's sha256" \
	"sha256 mismatch for $t/linux-6.8.tar.xz: got [0-9a-f]{64}, lock/KERNEL_SHA256 says c969dea4e8bb" \
	make -s --no-print-directory -C "$top" kernel KERNEL=6.8 KERNEL_TARBALL="$t/linux-6.8.tar.xz" BUILD="$t/build"
check "KERNEL=6.8 with a wrong tarball: nothing extracted" [ ! -e "$t/build/kernel-6.8/src" ]

finish
