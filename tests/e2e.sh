#!/bin/bash
# End-to-end: really build, boot (ACCEL=auto) and run every scenario, then
# check what came back over 9p. Also: a warm rebuild builds nothing, a hung
# scenario is killed by TIMEOUT with results kept. Slow (a kernel build when
# cold, about a minute of boots when warm).
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib/tap.sh"
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
cd "$top" || exit 1
R=$t/results

# ---- 1. the full lab -----------------------------------------------------------
make --no-print-directory lab RESULTS="$R" > "$t/lab.log" 2>&1
rc=$?
tail -n 3 "$t/lab.log" | sed 's/^/# /'
check "make lab exits 0 (every scenario ran, every firm claim passed)" [ "$rc" -eq 0 ]
run=$(cd "$R/latest" 2>/dev/null && pwd -P)
check "results/latest points at a run folder" [ -n "$run" ]
check "console.log and manifest.json arrived" test_all [ -s "$run/console.log" ] [ -s "$run/manifest.json" ]
grep -q 'falling back to TCG' "$t/lab.log" && echo "# KVM hung here: fell back to TCG"

scns=$(ls triggers/*/*.scn | sed 's|.*/||; s|\.scn$||')
for s in $scns; do
	check "$s: dmesg, stdout, exit code arrived" \
		test_all [ -f "$run/$s/dmesg.txt" ] [ -f "$run/$s/stdout.txt" ] [ -f "$run/$s/exit_code" ]
	check "$s: module loaded and unloaded" grep -q 'vfslab: meta=unload' "$run/$s/dmesg.txt"
	check "$s: every probe has nmissed=0" sh -c "! grep 'meta=unload' '$run/$s/dmesg.txt' | grep -v 'nmissed=0\$'"
done

# ---- 2. the lines each scenario's claims need ------------------------------------
has() { grep -qE "vfslab: seq=[0-9]+ probe=$2 phase=$3 .*$4" "$run/$1/dmesg.txt"; }
count() { grep -cE "vfslab: seq=[0-9]+ probe=$2 phase=$3 .*$4" "$run/$1/dmesg.txt"; }
check "te_miss: d_lookup ret NULL for t_e.txt" has te_miss d_lookup ret 'name="t_e.txt".* dentry=0{16}'
te_miss_alloc() { has te_miss __d_alloc entry 'name="t_e.txt"' && has te_miss __d_alloc ret 'dname="t_e.txt"'; }
check "te_miss: __d_alloc entry and ret" te_miss_alloc
check "te_miss: __d_add for t_e.txt" has te_miss __d_add entry 'dname="t_e.txt"'
check "te_miss: do_filp_open ret for /tmp/t_e.txt" has te_miss do_filp_open ret 'path="/tmp/t_e.txt".* err=0'
check "tm_miss: two do_filp_open errors" [ "$(count tm_miss do_filp_open ret 'path="/tmp/t_m.txt".* err=-2')" -eq 2 ]
check "tm_miss: __d_lookup_rcu ret finds the negative dentry" has tm_miss __d_lookup_rcu ret 'name="t_m.txt".* dentry=[0-9a-f]*[1-9a-f][0-9a-f]* dname_ptr=[0-9a-f]+ dname="t_m.txt"'
check "minimal_open: 64-byte d_lookup" has minimal_open d_lookup entry 'name="test_file_very_long_name_to_force_external_allocation_[0-9]+" len=64'
check "a_miss: ext2 lookup of a.txt" has a_miss __d_alloc entry 'name="a.txt"'
evict_both() { has evict __dentry_kill entry 'dname="l_e.txt"' && has evict __dentry_kill entry 'dname="t_e.txt"'; }
check "evict: __dentry_kill of l_e.txt and t_e.txt" evict_both
delete_both() { has delete d_delete entry 'dname="l_e.txt"' && has delete d_delete entry 'dname="t_e.txt"'; }
check "delete: d_delete of both names" delete_both
check "openat_raw: exactly one do_filp_open" [ "$(count openat_raw do_filp_open entry '')" -eq 1 ]
check "user_trigger: d_alloc_parallel with ext4 magic" has user_trigger d_alloc_parallel entry 'sb_magic=0xef53 blocksize=4096'
check "user_trigger: replay HIT on a negative hashed dentry" grep -qE 'vfslab_replay: result=HIT .*negative=1 unhashed=0' "$run/user_trigger/dmesg.txt"
check "console.log has no BUG, Oops, WARNING or Call Trace" sh -c "! grep -aE 'BUG|Oops|WARNING|Call Trace' '$run/console.log'"

# ---- 3. report and manifest ---------------------------------------------------------
check "report.md, report.json and KTAP written" test_all [ -s "$run/report.md" ] [ -s "$run/report.json" ] [ -s "$run/report.ktap" ]
check "KTAP has a plan and no failures" sh -c "grep -q '^1\.\.' '$run/report.ktap' && ! grep -q '^not ok' '$run/report.ktap'"
manifest_ok=1
for f in build/kernel-6.12/obj/arch/x86/boot/bzImage build/kernel-6.12/module/*.ko build/kernel-6.12/rootfs-triggers.img; do
	grep -q "$(sha256sum "$f" | cut -c1-64)" "$run/manifest.json" || { manifest_ok=0; echo "# manifest lacks $f"; }
done
check "manifest.json sha256s match the files on disk" [ "$manifest_ok" = 1 ]
# what the guest wrote is kept for make inspect, and stays small (README: 6 MiB)
kb=$(du -k "$run/disk.qcow2" 2>/dev/null | cut -f1)
echo "# disk.qcow2 of the full lab: ${kb:-none} KiB"
check "the run keeps its disk.qcow2, under 16 MiB" [ "${kb:-99999}" -lt 16384 ]

# ---- 4. a warm make lab rebuilds nothing -----------------------------------------------
stamp() { stat -c '%n %Y' build/kernel-6.12/obj/arch/x86/boot/bzImage build/kernel-6.12/module/*.ko build/kernel-6.12/rootfs-triggers.img; }
s1=$(stamp)
make --no-print-directory kernel module triggers rootfs > "$t/warm.log" 2>&1
rebuilt_nothing() { [ "$(stamp)" = "$s1" ] && ! grep -q 'building\|assembling' "$t/warm.log"; }
check "a second build rebuilds nothing" rebuilt_nothing

# ---- 4a. identical runs: a second boot of the same build gives the same module
# lines, timestamps aside (virtual time, disk in guest RAM, results read from it)
make --no-print-directory golden RUN="$run" GOLDEN="$t/first.trace" > "$t/golden.log" 2>&1
make --no-print-directory lab RESULTS="$R" GOLDEN="$t/first.trace" > "$t/again.log" 2>&1
run2=$(cd "$R/latest" 2>/dev/null && pwd -P)
sed 's/^/# /' "$run2/golden.txt" 2>/dev/null | head -n 3
check "a second boot: a new run folder" test_all [ -n "$run2" ] [ "$run2" != "$run" ]
check "a second boot: every scenario's trace identical to the first (pointers, pids, hashes)" \
	grep -q '^identical to the reference' "$run2/golden.txt"
check "the guest's disk writes kept as a small qcow2 overlay" \
	sh -c "[ -s '$run2/disk.qcow2' ] && [ \$(stat -c %s '$run2/disk.qcow2') -lt 33554432 ]"
check "no guest memory file left behind" sh -c "! ls build/kernel-6.12/guest-ram.* 2>/dev/null | grep -q ."

# ---- 4a'. real time: results come back over virtio-9p instead
make --no-print-directory lab RESULTS="$R" ACCEL=tcg CLOCK=real SCENARIOS=te_miss,tm_miss > "$t/real.log" 2>&1
rc=$?
run3=$(cd "$R/latest" 2>/dev/null && pwd -P)
real_over_9p() {
	[ "$rc" -eq 0 ] && [ -s "$run3/te_miss/dmesg.txt" ] && [ -s "$run3/tm_miss/exit_code" ] && grep -q 'results over 9p' "$t/real.log"
}
check "CLOCK=real: two scenarios pass with results over 9p" real_over_9p
check "CLOCK=real: the disk overlay is kept too" [ -s "$run3/disk.qcow2" ]

# ---- 4b. a lab that cannot boot reports nothing, and touches no earlier run ----
before=$(stat -c %Y "$run/report.md" "$run/report.json")
make --no-print-directory lab RESULTS="$R" QEMU=/nonexistent/qemu > "$t/noqemu.log" 2>&1
rc=$?
check "lab without QEMU: exit != 0 with one error line" \
	test_all [ "$rc" -ne 0 ] [ "$(grep -c '^vfslab: error:' "$t/noqemu.log")" -eq 1 ]
report_untouched() { [ "$(stat -c %Y "$run/report.md" "$run/report.json")" = "$before" ] && ! grep -q 'report:' "$t/noqemu.log"; }
check "lab without QEMU: the earlier run's report is untouched" report_untouched

# ---- 5. make ci: one tarball with the run, report.json, KTAP, bzImage, rootfs --
make --no-print-directory ci RESULTS="$R" > "$t/ci.log" 2>&1
rc=$?
tarball=$(ls "$R"/ci/vfslab-*.tar.gz 2>/dev/null | head -n 1)
check "make ci exits with the report's code (0)" [ "$rc" -eq 0 ]
check "make ci tarball is named after release and commit" \
	sh -c "echo '$tarball' | grep -qE 'vfslab-6\.12\.[0-9]+-[0-9a-f]{12}\.tar\.gz\$'"
check "make ci tarball holds report.json, KTAP, bzImage and the root image" sh -c \
	"tar tzf '$tarball' | grep -q 'run/report.json' && tar tzf '$tarball' | grep -q 'run/report.ktap' &&
	 tar tzf '$tarball' | grep -q '/bzImage\$' && tar tzf '$tarball' | grep -q 'rootfs-triggers.img\$'"

# ---- 6. a hung scenario: TIMEOUT ends the run, results kept ----------------------------
# A fixed folder under build/, so its builds are reused, not piled up per run.
hang=$top/build/e2e-hang/triggers
rm -rf "$hang" && mkdir -p "$hang/hang"
cp triggers/Makefile triggers/*.h "$hang/"
cp triggers/stage2/te_miss.* tests/fixtures/hang/hang.* "$hang/hang/"
start=$(date +%s)
make --no-print-directory lab TRIGGERS="$hang" RESULTS="$R" TIMEOUT=60 > "$t/hang.log" 2>&1
rc=$?; took=$(( $(date +%s) - start ))
hrun=$(cd "$R/latest" && pwd -P)
echo "# hang run: exit $rc after ${took}s (includes image build); $(grep -m1 FAILED "$t/hang.log")"
check "hung guest: exit != 0" [ "$rc" -ne 0 ]
check "hung guest: one line names the timeout" grep -q 'run FAILED: timed out after 60s' "$t/hang.log"
check "hung guest: ended near TIMEOUT=60" [ "$took" -lt 120 ]
check "hung guest: earlier scenario's results kept" test_all [ -f "$hrun/te_miss/exit_code" ] [ -s "$hrun/console.log" ]
# under virtual time the files stay on the guest's disk: the host reads the
# killed scenario's too (its journal replayed on a copy), as 9p would show them
check "hung guest: the killed scenario's files come back from its disk" \
	test_all [ -f "$hrun/hang/stdout.txt" ] [ ! -f "$hrun/hang/exit_code" ] [ "$(cat "$hrun/hang/stdout.txt")" = "hang: sleeping forever" ]
check "hung guest: the first run is still there" test_all [ -f "$run/report.md" ] [ "$hrun" != "$run" ]

# ---- 7. a panicking guest: the run ends at once, the panic is the reason -------
pan=$top/build/e2e-panic/triggers
rm -rf "$pan" && mkdir -p "$pan/panic"
cp triggers/Makefile triggers/*.h "$pan/"
cp triggers/stage2/te_miss.* tests/fixtures/panic/panic.* "$pan/panic/"
make --no-print-directory triggers rootfs TRIGGERS="$pan" > "$t/panic-build.log" 2>&1
start=$(date +%s)
make --no-print-directory lab TRIGGERS="$pan" RESULTS="$R" ACCEL=tcg TIMEOUT=300 > "$t/panic.log" 2>&1
rc=$?; took=$(( $(date +%s) - start ))
prun=$(cd "$R/latest" && pwd -P)
# seconds from the panic line on the console to QEMU's end, from the file's own times
echo "# panic run: exit $rc after ${took}s; $(grep -m1 FAILED "$t/panic.log")"
check "panicking guest: exit != 0" [ "$rc" -ne 0 ]
check "panicking guest: the panic's text is the run's reason" grep -q 'run FAILED: guest panicked: Kernel panic' "$t/panic.log"
check "panicking guest: the whole run took < 60 s (QEMU ends at the panic, not at TIMEOUT=300)" [ "$took" -lt 60 ]
check "panicking guest: the panic trigger really ran" grep -q 'sysrq: Trigger a crash' "$prun/console.log"
ms=$(sed -n 's/.*QEMU ended at most \([0-9]*\) ms after the host saw the panic.*/\1/p' "$t/panic.log")
check "panicking guest: QEMU ended < 5 s after the panic (${ms:-?} ms)" test_all [ -n "$ms" ] [ "$ms" -lt 5000 ]
check "panicking guest: te_miss before it kept and reported" \
	sh -c "[ -f '$prun/te_miss/exit_code' ] && grep -q 'te_miss' '$prun/report.ktap' && grep -q 'ok .* te_miss' '$prun/report.ktap'"
check "panicking guest: KTAP names the panic as the reason" grep -q 'Kernel panic' "$prun/report.ktap"
finish
