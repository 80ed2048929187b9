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

# ---- issue 14: misuse. Each case fails before anything is built or booted ----
# A copy of the scenario folder with te_miss.scn (wherever its suite is) broken by BREAK.
bad=$t/trig-bad
badcopy() { rm -rf "$bad" && cp -r "$top/triggers" "$bad" && badte=$(ls "$bad"/te_miss.scn "$bad"/*/te_miss.scn 2>/dev/null | head -n 1); }
snap() { find "$t/build" 2>/dev/null | sort | sha256sum; }

# Variables are checked before deps, build or boot.
b0=$(snap)
expect_error "TIMEOUT=0 refused" "TIMEOUT=0: give whole seconds above 0" mk lab TIMEOUT=0 ACCEL=tcg
check "TIMEOUT=0: nothing built" [ "$(snap)" = "$b0" ]
expect_error "make lab SCENARIOS=nope: before the build" "SCENARIOS=nope: unknown scenario" mk lab SCENARIOS=nope
check "SCENARIOS=nope: nothing built" [ "$(snap)" = "$b0" ]

# Paths make cannot carry are refused in one line, nothing created anywhere.
expect_error "RESULTS with a space" "RESULTS='$t/res dir' has a space" mk lab RESULTS="$t/res dir"
check "RESULTS with a space: no folder created" test_all [ ! -e "$t/res dir" ] [ ! -e "$t/res" ] [ ! -e "$top/dir" ]
expect_error "RESULTS with a backquote: refused, not run" "RESULTS=.* has a space or one of" \
	mk lab RESULTS="$t/a\`touch $t/ran\`b"
check "RESULTS with a backquote: nothing ran" [ ! -e "$t/ran" ]
# A copy of this clone (tracked and new files) under a path with a space.
mkdir -p "$t/a b/clone"
(git ls-files --cached --others --exclude-standard -z | xargs -0 cp --parents -t "$t/a b/clone") 2>/dev/null
ls -A "$t" | sort > "$t/top.before"
expect_error "clone path with a space" "the clone's path .*a b/clone' has a space" \
	make --no-print-directory -s -C "$t/a b/clone" lab
# (it once failed in a clean-clone run: the name says which entry appeared or went)
changed=$(ls -A "$t" | sort | diff "$t/top.before" - | sed -n 's/^[<>] //p' | tr '\n' ' ')
check "clone path with a space: nothing written in or beside the clone${changed:+ (changed beside it: $changed)}" test_all \
	[ ! -e "$t/a b/clone/build" ] [ ! -e "$t/a b/clone/results" ] [ "$(ls -A "$t/a b")" = clone ] [ -z "$changed" ]

# KERNEL_TARBALL: never lands in (or wipes) another kernel's folder, and only
# a tarball that extracts to a kernel tree replaces a working one.
mkdir -p "$t/build/kernel-6.12/src" "$t/build/kernel-fake/src"
echo warm > "$t/build/kernel-6.12/src/keep"; echo warm > "$t/build/kernel-fake/src/keep"
echo 1111111111111111111111111111111111111111111111111111111111111111 > "$t/build/kernel-fake/src.sha256"
head -c 4096 /dev/urandom > "$t/garbage.tar.xz"
gsha=$(sha256sum "$t/garbage.tar.xz" | cut -c1-64)
expect_error "KERNEL_TARBALL without KERNEL=" "needs a kernel name of its own: KERNEL=6.12 is pinned .* add e.g. KERNEL=garbage" \
	mk kernel KERNEL_TARBALL="$t/garbage.tar.xz" KERNEL_SHA256="$gsha"
check "KERNEL_TARBALL without KERNEL=: build/kernel-6.12 untouched" \
	sh -c "[ \"\$(ls -A '$t/build/kernel-6.12/src')\" = keep ] && [ ! -e '$t/build/kernel-6.12/src.sha256' ]"
expect_error "right sha256, garbage content" "garbage.tar.xz does not extract \(.*\): give a Linux source tarball" \
	mk kernel KERNEL=fake KERNEL_TARBALL="$t/garbage.tar.xz" KERNEL_SHA256="$gsha"
check "garbage tarball: the working tree is kept" sh -c \
	"[ -f '$t/build/kernel-fake/src/keep' ] && [ ! -e '$t/build/kernel-fake/src.new' ] && grep -q 1111 '$t/build/kernel-fake/src.sha256'"
mkdir -p "$t/notkernel/linux-9.9" && echo hi > "$t/notkernel/linux-9.9/README"
mkdir -p "$t/sp ace" && tar -C "$t/notkernel" -cJf "$t/sp ace/linux-9.9.tar.xz" linux-9.9
nsha=$(sha256sum "$t/sp ace/linux-9.9.tar.xz" | cut -c1-64 | tr a-f A-F)
expect_error "uppercase sha256, non-kernel tarball, path with a space" \
	"sp ace/linux-9.9.tar.xz holds no Linux source tree" \
	mk kernel KERNEL=fake KERNEL_TARBALL="$t/sp ace/linux-9.9.tar.xz" KERNEL_SHA256="$nsha"
check "non-kernel tarball: the working tree is kept" [ -f "$t/build/kernel-fake/src/keep" ]
expect_error "sha256 that is not 64 hex digits" "KERNEL_SHA256=xyz: give the 64 hex digits" \
	mk kernel KERNEL=fake KERNEL_TARBALL="$t/garbage.tar.xz" KERNEL_SHA256=xyz

# Scenario files are checked (report parser, the folder's make check) before
# the kernel, module, triggers or image are built.
breakclaim() { sed -i '0,/^claim /s/^claim \([a-z0-9_]*\) *:.*/claim \1 : count(d_lookup.entry =/' "$1"; }
badcopy && breakclaim "$badte"
expect_error "malformed claim: found before the build" "te_miss.scn:[0-9]+: .*fix it \(docs/scenario-format.md\)" \
	mk lab TRIGGERS="$bad" ACCEL=tcg
check "malformed claim: nothing built" sh -c "! ls -d '$t'/build/*/module '$t'/build/*/*.img '$t'/build/triggers-* 2>/dev/null | grep -q ."
badcopy && cp "$badte" "${badte%/*}/noprog.scn"
expect_error "scenario without a program" "noprog.scn: no .*noprog.c or .*noprog.S" mk lab TRIGGERS="$bad"
badcopy && rm "$bad/Makefile"
expect_error "TRIGGERS folder without a Makefile" "has no Makefile: copy triggers/Makefile into it" mk lab TRIGGERS="$bad"
expect_error "subset leaving out a scenario its claims read" "delete reads scenario 'hits', .*add it: SCENARIOS=delete,hits" \
	mk lab SCENARIOS=delete

# make report RUN=: checks the folder before writing; replaces files whole.
expect_error "make report RUN=missing" "RUN=$t/nope: no such folder" mk report RUN="$t/nope"
mkdir -p "$t/notrun" && echo mine > "$t/notrun/file"
expect_error "make report RUN=not a run" "is not a vfslab run \(no manifest.json\)" mk report RUN="$t/notrun"
check "not a run: nothing written into it" [ "$(ls -A "$t/notrun")" = file ]
saved=$t/saved/6.12.117/20260101T000000Z
mkdir -p "$saved" && cp -r "$top/tests/report/fixtures/real-6.12/." "$saved/"
echo "old ktap" > "$saved/report.ktap"; echo "old md" > "$saved/report.md"
badcopy && breakclaim "$badte"
expect_error "make report on a saved run with a bad .scn" "te_miss.scn:[0-9]+: " mk report RUN="$saved" TRIGGERS="$bad"
check "bad .scn: the saved report files are untouched" \
	sh -c "grep -qx 'old ktap' '$saved/report.ktap' && grep -qx 'old md' '$saved/report.md' && ! ls -A '$saved' | grep -q tmp"
out=$(mk report RUN="$t/saved/6.12.117/../6.12.117/20260101T000000Z" 2>&1); rc=$?
check "make report on a saved run: exit 0, KTAP replaced, real path named" \
	sh -c "[ $rc -eq 0 ] && grep -q '^KTAP' '$saved/report.ktap' && printf '%s' '$out' | grep -q 'report: $saved/report.md'"

# Subset runs: scenarios the run did not select are left out, not missing.
sub=$t/saved/6.12.117/20260101T000001Z
mkdir -p "$sub" && cp -r "$top/tests/report/fixtures/real-6.12/." "$sub/"
sed -i 's/"scenarios": "[^"]*"/"scenarios": "te_miss tm_miss"/' "$sub/manifest.json"
for d in "$sub"/*/; do case ${d%/} in */te_miss | */tm_miss) ;; *) rm -rf "$d" ;; esac; done
out=$(mk report RUN="$sub" 2>&1); rc=$?
check "subset run (SCENARIOS=te_miss,tm_miss): exit 0, others left out" \
	sh -c "[ $rc -eq 0 ] && printf '%s' '$out' | grep -q 'subset run: [0-9]* scenarios not selected'"
rm -rf "$sub/tm_miss"
mk report RUN="$sub" > /dev/null 2>&1; rc=$?
check "subset run with a selected scenario absent: still incomplete (exit != 0)" [ "$rc" -ne 0 ]

# The build folder's lock: a second holder waits (one line), then runs.
lock() { env BUILD="$t/lockb" "$top/tools/with-lock.sh" "$@"; }
lock ex sleep 2 & holder=$!
sleep 0.5
out=$(lock ex echo ran 2>&1); rc=$?
wait $holder
check "second build waits for the lock with one line, then runs" \
	sh -c "[ $rc -eq 0 ] && [ \"\$(printf '%s\n' '$out' | grep -c 'waiting for .*another make')\" = 1 ] && printf '%s' '$out' | grep -qx ran"
lock sh sleep 2 & holder=$!
sleep 0.5
out=$(lock sh echo ran 2>&1)
wait $holder
check "two boots share the lock (no wait)" [ "$out" = ran ]
lock ex sleep 3 & holder=$!
sleep 0.5
lock ex true > /dev/null 2>&1 & waiter=$!
sleep 0.5
kill -TERM $waiter; wait $waiter; rc=$?
sleep 0.2
check "a waiting make stopped by SIGTERM: exits, leaves no flock behind" \
	sh -c "[ $rc -ne 0 ] && ! pgrep -P $waiter > /dev/null"
wait $holder

# A build folder another user (root, after `sudo make lab`) owns: one line.
if id nobody > /dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
	cp -r "$t/a b/clone" "$t/copy" && mkdir -p "$t/copy/build" && chmod -R a+rX "$t/copy" && chmod a+x "$t"
	out=$(cd "$t/copy" && setpriv --reuid=nobody --regid=nogroup --clear-groups env HOME=/nonexistent \
		make --no-print-directory -s lab ACCEL=tcg RESULTS=/nonexistent/r 2>&1); rc=$?
	errs=$(printf '%s\n' "$out" | grep -c '^vfslab: error:')
	if [ "$rc" -ne 0 ] && [ "$errs" = 1 ] &&
		printf '%s\n' "$out" | grep -q "^vfslab: error: build folder .* is not writable by nobody: .* belongs to root .*sudo chown -R nobody"; then
		ok "root-owned build/ for a normal user: one line naming chown"
	else
		not_ok "root-owned build/ for a normal user: $out"
	fi
	check "root-owned build/: nothing written" [ -z "$(ls -A "$t/copy/build")" ]
else
	ok "root-owned build/ for a normal user # skip (needs root and user nobody)"
fi

# Free space is checked before the boot (a run folder on a full disk would
# get empty files); a tiny tmpfs in a private mount namespace stands for it.
if unshare -m true 2> /dev/null; then
	out=$(unshare -m sh -c "mkdir -p '$t/small' && mount -t tmpfs -o size=8m tmpfs '$t/small' &&
		BZIMAGE='$t/bzImage' IMAGE='$t/rootfs.img' SCENARIO_DIR='$top/triggers' RESULTS='$t/small/r' ACCEL=tcg '$top/run-lab.sh'" 2>&1); rc=$?
	if [ "$rc" -ne 0 ] && [ "$(printf '%s\n' "$out" | grep -c '^vfslab: error:')" = 1 ] &&
		printf '%s\n' "$out" | grep -q "^vfslab: error: only [0-9]* MiB free for results .* set RESULTS="; then
		ok "full results disk: refused before the boot"
	else
		not_ok "full results disk: $out"
	fi
else
	ok "full results disk # skip (no mount namespace)"
fi

# make inspect checks RUN and GUEST_PATH before it installs libguestfs
# (tests/inspect.sh has the rest, with the appliance).
old=$t/results/6.12.117/20260101T000000Z
expect_error "make inspect RUN=" "RUN is empty" mk inspect RUN=
expect_error "make inspect on a run without disk.qcow2" "RUN=$old has no disk.qcow2" mk inspect RUN="$old"
expect_error "make inspect PATH= (make's own)" "PATH= is the search path of make's commands: give the guest's path as GUEST_PATH=/lab/work" \
	mk inspect RUN="$old" PATH=/lab/work

check "the earlier run survived every case" [ "$(cd "$t/results" && find . | sort | sha256sum)" = "$before" ]
finish
