#!/bin/bash
# The CLI's errors: each bad input gives ONE line naming the fix, a non-zero
# exit, and loses nothing (an earlier run in the results folder is untouched).
# Runs in seconds: every case fails before a kernel is built or booted.
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib/tap.sh"
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
cd "$top" || exit 1

# An earlier run that must survive every failure below.
mkdir -p "$t/results/6.12.117/20260101T000000Z"
echo "earlier" > "$t/results/6.12.117/20260101T000000Z/keep.txt"
before=$(cd "$t/results" && find . | sort | sha256sum)

# expect_error NAME PATTERN CMD...: exit != 0, exactly one "vfslab: error:"
# line matching PATTERN, and the earlier run still there.
expect_error() {
	name=$1 pat=$2; shift 2
	out=$("$@" 2>&1); rc=$?
	errs=$(printf '%s\n' "$out" | grep -c '^vfslab: error:')
	if [ "$rc" -eq 0 ]; then not_ok "$name (exit 0)"
	elif [ "$errs" -ne 1 ]; then not_ok "$name ($errs error lines): $out"
	elif ! printf '%s\n' "$out" | grep '^vfslab: error:' | grep -qE "$pat"; then not_ok "$name (wrong message): $out"
	elif [ "$(cd "$t/results" && find . | sort | sha256sum)" != "$before" ]; then not_ok "$name (results folder changed)"
	else ok "$name"; fi
}
mk() { make --no-print-directory -s BUILD="$t/build" RESULTS="$t/results" "$@"; }

expect_error "bad KERNEL" "KERNEL=9.99 is not in kernel-config/versions.lock" mk kernel KERNEL=9.99
expect_error "bad KERNEL via deps" "KERNEL=9.99 is not in" mk deps KERNEL=9.99
printf 'not a kernel\n' > "$t/fake.tar.xz"
expect_error "bad checksum" "sha256 mismatch for .*fake.tar.xz" \
	mk kernel KERNEL=fake KERNEL_TARBALL="$t/fake.tar.xz" KERNEL_SHA256=0000000000000000000000000000000000000000000000000000000000000000
check "bad checksum extracts nothing" [ ! -e "$t/build/kernel-fake/src" ]
expect_error "tarball without checksum" "KERNEL_TARBALL needs KERNEL_SHA256" \
	mk kernel KERNEL=fake KERNEL_TARBALL="$t/fake.tar.xz"
expect_error "missing tarball" "no such file" \
	mk kernel KERNEL=fake KERNEL_TARBALL="$t/nope.tar.xz" KERNEL_SHA256=00

# run-lab.sh checks its inputs before creating a run folder; give it
# stand-in files so each case reaches the check it is about.
touch "$t/bzImage" "$t/rootfs.img"
run() { env BZIMAGE="$t/bzImage" IMAGE="$t/rootfs.img" SCENARIO_DIR="$top/triggers" \
	RESULTS="$t/results" "$@" "$top/run-lab.sh"; }
expect_error "bad SCENARIOS" "SCENARIOS=nope: unknown scenario: nope \(known: " run SCENARIOS=nope
expect_error "bad SUITE" "SUITE=nope: no suite folder .*/triggers/nope with \*.scn files \(suites: stage2 stage3\)" run SUITE=nope
expect_error "SCENARIOS outside SUITE" "SCENARIOS=te_miss: unknown scenario: te_miss \(known in stage3: " run SUITE=stage3 SCENARIOS=te_miss
expect_error "bad ACCEL" "ACCEL=fast: use ACCEL=auto, kvm or tcg" run ACCEL=fast
expect_error "bad TIMEOUT" "TIMEOUT=soon: give whole seconds" run TIMEOUT=soon
expect_error "QEMU missing" "QEMU '/nonexistent/qemu' not found: install qemu-system-x86" run QEMU=/nonexistent/qemu
expect_error "no kernel built" "no kernel image at .*: run 'make kernel' first" run BZIMAGE="$t/none"
printf 'a file\n' > "$t/file"
expect_error "unwritable results folder" "results folder .* is not writable" run RESULTS="$t/file/results"
finish
