#!/bin/bash
# Misuse that needs real boots (issue 14; the rest is in tests/cli.sh):
#   1-2. two `make lab` at once after a module edit: one waits for the build
#      lock, both pass, the root image keeps the bytes of a serial build; both
#      are subset runs (SCENARIOS=a,b), which pass: unselected is not missing;
#   3. SIGTERM to make during the boot: QEMU and run-lab.sh end at once, the
#      run says "interrupted" (line and manifest), gets no report, and
#      results/latest keeps pointing at the run before;
#   4. the results disk fills up during the run: one error line, no report.
# ACCEL=tcg, two scenarios per boot, four boots (two at once): about two minutes.
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib/tap.sh"
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
cd "$top" || exit 1
R=$t/results
sub=${MISUSE_SCENARIOS:-te_miss,tm_miss}
lab() { make --no-print-directory lab ACCEL=tcg SCENARIOS="$sub" "$@"; }
# this tree's triggers/ image only: e2e leaves images of other scenario folders beside it
img() { sha256sum build/kernel-6.12/rootfs-triggers.img | cut -c1-64; }
errs() { grep -c '^vfslab: error:' "$1"; }

# ---- 1. a serial build: the root image's reference bytes ---------------------------
make --no-print-directory -s kernel module triggers rootfs > "$t/serial.log" 2>&1
check "serial build" [ $? -eq 0 ]
serial=$(img)

# ---- 2. two make lab at once after a module edit; both are subset runs ---------------
touch module/vfslab_trace.c
lab RESULTS="$R" > "$t/a.log" 2>&1 & a=$!
lab RESULTS="$R" > "$t/b.log" 2>&1 & b=$!
wait $a; ra=$?
wait $b; rb=$?
echo "# concurrent: exits $ra $rb; $(cat "$t/a.log" "$t/b.log" | grep -c 'module: building') module build(s)"
for l in a b; do grep -E 'FAILED|error|waiting' "$t/$l.log" | sed "s/^/# $l: /"; done
check "two concurrent make lab: both pass (subset runs SCENARIOS=$sub exit 0)" test_all [ "$ra" -eq 0 ] [ "$rb" -eq 0 ]
check "subset run: the report says the others were left out" grep -q 'subset run: [0-9]* scenarios not selected' "$t/a.log"
# one waits for the other's build; the first may then wait for the second's
# (empty) build before its boot: at least one line, at most one per wait
check "two concurrent make lab: one waited for the lock, saying so in one line" \
	[ "$(cat "$t/a.log" "$t/b.log" | grep -c 'waiting for .*another make')" -ge 1 ]
check "two concurrent make lab: the module was rebuilt once" [ "$(cat "$t/a.log" "$t/b.log" | grep -c 'module: building')" -eq 1 ]
check "two concurrent make lab: root image has the serial build's sha256" [ "$(img)" = "$serial" ]
check "two concurrent make lab: no raw shell errors" sh -c "! grep -E 'syntax error|No such file|debugfs' '$t/a.log' '$t/b.log'"
for l in a b; do
	run=$(sed -n 's/^vfslab: run folder: \([^ ]*\) .*/\1/p' "$t/$l.log")
	check "run $l: its manifest records the image on disk" grep -q "\"rootfs.img\": \"$serial\"" "$run/manifest.json"
done

# ---- 3. SIGTERM to make during the boot --------------------------------------------
before=$(readlink "$R/latest")
# make itself in the background (a backgrounded function would be a subshell)
make --no-print-directory lab ACCEL=tcg SCENARIOS="$sub" RESULTS="$R" > "$t/term.log" 2>&1 &
mk=$!
for _ in $(seq 120); do grep -q 'booting under' "$t/term.log" && break; sleep 0.5; done
sleep 2
# every process make started, to see that none outlives it
tree() { for c in $(ps -o pid= --ppid "$1"); do echo "$c"; tree "$c"; done; }
kids=$(tree $mk)
qemus=$(for p in $kids; do ps -o comm= -p "$p"; done | grep -c qemu)
t0=$(date +%s%N)
kill -TERM $mk; wait $mk; rc=$?
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
left=""
for _ in $(seq 50); do
	left=$(for p in $kids; do kill -0 "$p" 2>/dev/null && echo "$p"; done)
	[ -z "$left" ] && break; sleep 0.1
done
run=$(sed -n 's/^vfslab: run folder: \([^ ]*\) .*/\1/p' "$t/term.log")
echo "# SIGTERM: make exit $rc after ${ms} ms; $qemus QEMU among $(echo $kids | wc -w) processes; left: ${left:-none}"
check "SIGTERM to make: QEMU was running" [ "$qemus" -eq 1 ]
check "SIGTERM to make: make ends within 10 s" [ "$ms" -lt 10000 ]
check "SIGTERM to make: QEMU, run-lab.sh and every other child gone with it" [ -z "$left" ]
check "SIGTERM to make: one 'run interrupted' line" [ "$(grep -c 'vfslab: run interrupted (SIGTERM)' "$t/term.log")" -eq 1 ]
check "SIGTERM to make: manifest says interrupted" grep -q '"status": "interrupted"' "$run/manifest.json"
no_report() { [ ! -e "$run/report.md" ] && ! grep -q 'report:' "$t/term.log"; }
check "SIGTERM to make: no report for the interrupted run" no_report
check "SIGTERM to make: results/latest still points at the run before" [ "$(readlink "$R/latest")" = "$before" ]
check "SIGTERM to make: no temp file left" sh -c "! ls build/run-file.* 2>/dev/null | grep -q ."

# ---- 4. the results disk fills up during the run ----------------------------------
# The filler starts once the guest prints (its console.log): earlier, the run's
# disk overlay (made beside the run folder just before the boot) would find
# the disk full and the run would end before it booted.
if unshare -m true 2>/dev/null; then
	mkdir -p "$t/small"
	unshare -m bash -c "mount -t tmpfs -o size=72m tmpfs '$t/small' || exit 99
		( for _ in \$(seq 600); do [ -s \"\$(ls -d '$t/small/r/'*/*/console.log 2>/dev/null | head -n 1)\" ] && break; sleep 0.1; done
		  dd if=/dev/zero of='$t/small/fill' bs=1M >/dev/null 2>&1 ) &
		make --no-print-directory lab ACCEL=tcg SCENARIOS='$sub' RESULTS='$t/small/r'" > "$t/full.log" 2>&1
	rc=$?
	grep '^vfslab: error:' "$t/full.log" | sed 's/^/# /'
	full_disk_named() {
		[ "$rc" -ne 0 ] && [ "$(errs "$t/full.log")" -eq 1 ] && grep -q '^vfslab: error: the results disk filled up .*free space' "$t/full.log"
	}
	check "full disk mid-run: exit != 0, one error line naming free space" full_disk_named
	check "full disk mid-run: no 'run complete', no write errors, no report" \
		sh -c "! grep -E 'run complete|write error|report:' '$t/full.log'"
else
	ok "full disk mid-run # skip (no mount namespace)"
fi
finish
