#!/bin/bash
# make bench: wall times of the lab, for the numbers in README and notes.
# warm = `make lab` with everything built (what a user pays per run);
# cold = the same from an empty build folder (BENCH_COLD=1; a kernel build).
# Prints one table; results go to a scratch RESULTS folder, not results/.
set -u
. "$(dirname "$0")/lib.sh"
cd "$VFSLAB_TOP" || exit 1
kernel=${KERNEL:-6.12}
scratch=$(mktemp -d "${TMPDIR:-/tmp}/vfslab-bench.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

# time_lab LABEL [make args...]: one `make lab`, its wall time and verdict
time_lab() {
	label=$1; shift
	t0=$(now_ms)
	make --no-print-directory lab KERNEL="$kernel" RESULTS="$scratch/results" "$@" > "$scratch/$label.log" 2>&1
	rc=$?
	ms=$(( $(now_ms) - t0 ))
	run=$(cd "$scratch/results/latest" 2>/dev/null && pwd -P)
	accel=$(sed -n 's/.*"accel": "\([a-z]*\)".*/\1/p' "$run/manifest.json" 2>/dev/null)
	boot=$(sed -n 's/.*"boot_and_scenarios": \([0-9]*\).*/\1/p' "$run/manifest.json" 2>/dev/null)
	printf '%-6s %8.1f s   exit %s   accel %-4s   boot+scenarios %6.1f s\n' \
		"$label" "$(echo "$ms / 1000" | bc -l)" "$rc" "${accel:-?}" "$(echo "${boot:-0} / 1000" | bc -l)"
}

echo "vfslab bench, KERNEL=$kernel, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
if [ -n "${BENCH_COLD:-}" ]; then
	time_lab cold BUILD="$scratch/build"
fi
make --no-print-directory lab KERNEL="$kernel" RESULTS="$scratch/results" > /dev/null 2>&1 # bring it up to date
time_lab warm
time_lab warm
bz=build/kernel-$kernel/obj/arch/x86/boot/bzImage img=build/kernel-$kernel/rootfs-triggers.img
printf 'sizes: bzImage %s KiB; rootfs image %s MiB apparent, %s KiB used\n' \
	"$(( $(stat -c %s "$bz") / 1024 ))" "$(( $(stat -c %s "$img") / 1048576 ))" "$(du -k "$img" | cut -f1)"
