#!/bin/bash
# The results stream (tools/guest-io.sh): files the guest ships over its
# second serial port (rootfs/lab-lib.sh: ship, run with busybox sh as in the
# guest) come back byte for byte; a cut, damaged or badly named block is not
# written; nothing lands outside the run folder.
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib/tap.sh"
. "$top/tools/lib.sh"
. "$top/tools/guest-io.sh"
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT

# the guest side: two scenarios and guest-done, shipped as init does
mkdir -p "$t/out/s_one" "$t/out/s_two" "$t/run"
printf 'line one\nline two\n' > "$t/out/s_one/dmesg.txt"
printf '0\n' > "$t/out/s_one/exit_code"
head -c 3000 /dev/urandom > "$t/out/s_two/blob"	# any bytes, no newline at the end
: > "$t/out/s_two/empty.txt"
echo done > "$t/out/guest-done"
ship_all() { # ship_all STREAM
	VFSLAB_RESULTS=stream VFSLAB_STREAM_DEV=$1 busybox sh -c \
		". '$top/rootfs/lab-lib.sh'; ship '$t/out' s_one; ship '$t/out' s_two guest-done"
}
ship_all "$t/run/results.stream"
# the serial line turns \n into \r\n unless told otherwise: unstream copes
sed -i 's/$/\r/' "$t/run/results.stream"
unstream "$t/run" 2>"$t/err"
check "every shipped file arrives byte for byte" diff -r "$t/out" "$t/run"
check "a clean stream is removed once decoded" [ ! -e "$t/run/results.stream" ]
check "nothing is said about a clean stream" [ ! -s "$t/err" ]

# a stream cut inside a block (a panic mid-write): the whole blocks only
mkdir "$t/cut"
ship_all "$t/full"
head -n "$(( $(grep -n 'vfslab-file: s_two/blob' "$t/full" | cut -d: -f1) + 3 ))" "$t/full" > "$t/cut/results.stream"
unstream "$t/cut" 2>/dev/null
check "a cut stream keeps the files before the cut" cmp -s "$t/cut/s_one/dmesg.txt" "$t/out/s_one/dmesg.txt"
check "a cut stream writes no half file" [ ! -e "$t/cut/s_two/blob" ]

# a block whose size does not match (a byte lost on the line)
mkdir "$t/dmg"
awk '/^vfslab-end: s_one\/dmesg.txt/ { $3 = $3 + 1 } { print }' "$t/full" > "$t/dmg/results.stream"
unstream "$t/dmg" 2>"$t/err"
check "a damaged file is not written" [ ! -e "$t/dmg/s_one/dmesg.txt" ]
check "a damaged file is named" grep -q 'ignored a damaged result: s_one/dmesg.txt' "$t/err"
check "a damaged stream is kept" [ -s "$t/dmg/results.stream" ]
check "the other files still arrive" cmp -s "$t/dmg/s_one/exit_code" "$t/out/s_one/exit_code"

# names that would leave the run folder, or hide in it
for bad in ../escape /abs/x s/../../x .hidden a/b/c 's p'; do
	mkdir -p "$t/bad"; rm -rf "${t:?}/bad/"*
	printf 'vfslab-file: %s\neAo=\nvfslab-end: %s 2\n' "$bad" "$bad" > "$t/bad/results.stream"
	( cd "$t/bad" && unstream "$t/bad" ) 2>"$t/err"
	check "a result named '$bad' is refused" sh -c "grep -q 'ignored a' '$t/err' && [ ! -e '$t/bad/s' ] && [ -z \"\$(find '$t' -name escape -o -name x -o -name c -o -name .hidden)\" ]"
done
finish
