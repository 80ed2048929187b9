#!/bin/bash
# make inspect end to end: a test-only scenario (tests/fixtures/inspect)
# writes files under /lab/work and /mnt/loopfs and hangs until the run's
# TIMEOUT kills QEMU; make inspect recovers them from the run's disk.qcow2
# with libguestfs, rootless and without booting the lab kernel. Then the bad
# inputs: one error line each. About 5 minutes under TCG (a boot to its
# timeout, five appliance starts); libguestfs must be installed (make
# test-inspect installs it).
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib/tap.sh"
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
cd "$top" || exit 1
R=$t/results

# expect_error NAME PATTERN CMD...: exit != 0 and exactly one "vfslab: error:"
# line matching PATTERN
expect_error() {
	name=$1 pat=$2; shift 2
	out=$("$@" 2>&1); rc=$?
	errs=$(printf '%s\n' "$out" | grep -c '^vfslab: error:')
	if [ "$rc" -eq 0 ]; then not_ok "$name (exit 0)"
	elif [ "$errs" -ne 1 ]; then not_ok "$name ($errs error lines): $out"
	elif ! printf '%s\n' "$out" | grep '^vfslab: error:' | grep -qE "$pat"; then not_ok "$name (wrong message): $out"
	else ok "$name"; fi
}
inspect() { make --no-print-directory -s inspect RESULTS="$R" "$@"; }
# holds 'A && B': check runs one command, so `check NAME [ A ] && [ B ]`
# would test A alone; a whole condition goes through holds.
holds() { eval "$1"; }
# processes still naming this test's folder (an appliance QEMU, guestfish);
# read in the shell, as a grep for it would find itself
ours() {
	for p in /proc/[0-9]*; do
		c=$(tr '\0' ' ' 2>/dev/null < "$p/cmdline")
		case $c in *"$t"*) echo "${p#/proc/}: $c" ;; esac
	done
}

# ---- a run that writes, syncs and hangs until TIMEOUT ---------------------------
# A fixed folder under build/, so its builds are reused; the token is new
# per run, so a file an earlier run left cannot pass.
d=$top/build/test-inspect/triggers
rm -rf "$d" && mkdir -p "$d/inspect"
cp triggers/Makefile triggers/*.h "$d/"
cp tests/fixtures/inspect/inspect_keep.c "$d/inspect/"
token=vfslab-inspect-$(date +%s)-$$
sed "s/^args = .*/args = $token/" tests/fixtures/inspect/inspect_keep.scn > "$d/inspect/inspect_keep.scn"
make --no-print-directory lab TRIGGERS="$d" RESULTS="$R" ACCEL=tcg TIMEOUT=60 > "$t/lab.log" 2>&1
rc=$?
run=$(cd "$R/latest" 2>/dev/null && pwd -P)
echo "# $(grep -m1 'run FAILED' "$t/lab.log")"
check "the hanging run ended by its TIMEOUT" holds '[ "$rc" -ne 0 ] && grep -q "run FAILED: timed out after 60s" "$t/lab.log"'
# under virtual time a killed scenario's own files never left the guest: its
# partial stdout is on the disk, under /lab/results (checked with inspect below)
check "the run folder keeps disk.qcow2, none left beside it" \
	holds '[ -f "$run/disk.qcow2" ] && [ -z "$(find "$R" -maxdepth 2 -name ".*.disk.qcow2")" ]'
kb=$(du -k "$run/disk.qcow2" | cut -f1)
echo "# disk.qcow2: $kb KiB on disk"
check "disk.qcow2 is small (${kb} KiB < 32 MiB)" [ "$kb" -lt 32768 ]
info=$(qemu-img info -U "$run/disk.qcow2")
img=$(printf '%s\n' "$info" | sed -n 's/^backing file: //p')
check "its backing file is the booted root image: absolute path, raw, the manifest's sha256" \
	sh -c "case '$img' in /*) ;; *) exit 1 ;; esac && printf '%s\n' '$info' | grep -qx 'backing file format: raw' &&
	       grep -q \"\$(sha256sum '$img' | cut -c1-64)\" '$run/manifest.json'"

# ---- make inspect recovers the files --------------------------------------------
start=$(date +%s)
inspect RUN="$run" > "$t/i1.log" 2>&1; rc=$?
echo "# make inspect (/lab/work): exit $rc in $(( $(date +%s) - start )) s"
sed 's/^/#   /' "$t/i1.log"
check "make inspect exits 0" [ "$rc" -eq 0 ]
check "the file the guest wrote is in inspect/1 with its contents" \
	[ "$(cat "$run/inspect/1/guest/lab/work/kept/token.txt" 2>/dev/null)" = "$token" ]
check "the listing names the file and the guest's symlink" \
	sh -c "grep -q '^-.* ./kept/token.txt\$' '$run/inspect/1/listing.txt' && grep -q '^l.* ./kept/link -> /etc/passwd\$' '$run/inspect/1/listing.txt'"
check "the guest's symlink is not made on the host" \
	holds '[ ! -L "$run/inspect/1/guest/lab/work/kept/link" ] && [ ! -e "$run/inspect/1/guest/lab/work/kept/link" ]'
check "no temporary files left in inspect/1" [ ! -e "$run/inspect/1/.work" ]
check "no appliance or guestfish process left" [ -z "$(ours)" ]

inspect RUN="$run" GUEST_PATH=/mnt/loopfs > "$t/i2.log" 2>&1; rc=$?
check "the ext2 loop image's file, in a new inspect/2" \
	holds '[ "$rc" -eq 0 ] && [ "$(cat "$run/inspect/2/guest/mnt/loopfs/token.txt" 2>/dev/null)" = "$token" ]'
check "inspect/1 is untouched" [ "$(cat "$run/inspect/1/guest/lab/work/kept/token.txt" 2>/dev/null)" = "$token" ]
inspect RUN="$run" GUEST_PATH=/lab/work/kept/token.txt > "$t/i3.log" 2>&1; rc=$?
check "a single file: GUEST_PATH=/lab/work/kept/token.txt" \
	holds '[ "$rc" -eq 0 ] && [ "$(cat "$run/inspect/3/guest/lab/work/kept/token.txt" 2>/dev/null)" = "$token" ]'
inspect RUN="$run" GUEST_PATH=/lab/results/inspect_keep > "$t/i4.log" 2>&1; rc=$?
check "the killed scenario's partial stdout is on its disk (it wrote and synced before the timeout)" \
	holds '[ "$rc" -eq 0 ] && grep -q "files written and synced" "$run/inspect/4/guest/lab/results/inspect_keep/stdout.txt"'

# ---- bad input: one line each, nothing kept ---------------------------------------
expect_error "no RUN" "RUN is empty" inspect RUN=
expect_error "no run yet (RUN defaults to results/latest)" "RUN=.*/latest: no such folder" make --no-print-directory -s inspect RESULTS="$t/none"
mkdir "$t/nodisk" && echo '{}' > "$t/nodisk/manifest.json"
expect_error "RUN without disk.qcow2" "has no disk.qcow2" inspect RUN="$t/nodisk"
expect_error "relative GUEST_PATH" "give an absolute path" inspect RUN="$run" GUEST_PATH=lab/work
expect_error "PATH= instead of GUEST_PATH=" "PATH= is the search path .*GUEST_PATH=/lab/work" inspect RUN="$run" PATH=/lab/work
# the root image gone: the same run, its overlay pointed at a file that is not there
mkdir "$t/gone" && cp "$run/manifest.json" "$run/disk.qcow2" "$t/gone/"
qemu-img rebase -u -F raw -b "$t/no-such-rootfs.img" "$t/gone/disk.qcow2"
expect_error "backing image missing" "over the root image .*no-such-rootfs.img, which is gone" inspect RUN="$t/gone"
# the root image rebuilt since the run: the manifest's sha256 no longer matches
mkdir "$t/rebuilt" && cp "$run/disk.qcow2" "$t/rebuilt/"
sed 's/"rootfs.img": "[0-9a-f]*"/"rootfs.img": "'"$(printf '0%.0s' $(seq 64))"'"/' "$run/manifest.json" > "$t/rebuilt/manifest.json"
expect_error "root image rebuilt since the run" "was rebuilt since this run" inspect RUN="$t/rebuilt"
expect_error "a path the guest never had (after the appliance)" "GUEST_PATH=/lab/nothing-here: .*No such file" inspect RUN="$run" GUEST_PATH=/lab/nothing-here
expect_error "a symlink of the guest's (the appliance would follow it outside the guest)" "GUEST_PATH=/lab/work/kept/link is a symlink in the guest" inspect RUN="$run" GUEST_PATH=/lab/work/kept/link
check "failed inspects leave no folder" \
	holds '[ ! -e "$run/inspect/5" ] && [ ! -e "$t/gone/inspect/1" ] && [ ! -e "$t/rebuilt/inspect/1" ]'
check "no appliance or guestfish process left after the errors" [ -z "$(ours)" ]
finish
