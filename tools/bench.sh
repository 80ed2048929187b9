#!/bin/bash
# make bench: the lab's wall times side by side, for the numbers in README
# and notes. Rows:
#   warm auto      `make lab` with everything built, ACCEL=auto (what a user pays)
#   warm tcg-real  ACCEL=tcg CLOCK=real: software emulation on the host's clock
#   warm tcg-virt  ACCEL=tcg CLOCK=virtual: the guest's sleeps cost no wall time
#   module edit    module/vfslab_trace.c touched -> module, image, boot, report
#   cold kernel    (BENCH_COLD=1) the kernel from an empty build folder
# boot-to-init is host wall time from QEMU's start to init's first line.
# Runs go to a scratch RESULTS folder, never results/.
set -u
. "$(dirname "$0")/lib.sh"
cd "$VFSLAB_TOP" || exit 1
kernel=${KERNEL:-6.12}
scratch=$(mktemp -d "${TMPDIR:-/tmp}/vfslab-bench.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

ms_to_s() { echo "scale=1; ${1:-0} / 1000" | bc; }
manifest_num() { sed -n "s/.*\"$1\": \([0-9]*\).*/\1/p" "$2" 2>/dev/null | head -n 1; }

# time_lab LABEL [make args...]: one `make lab`, its wall time and verdict
time_lab() {
	label=$1; shift
	t0=$(now_ms)
	make --no-print-directory lab KERNEL="$kernel" RESULTS="$scratch/results" "$@" > "$scratch/$label.log" 2>&1
	rc=$?
	ms=$(( $(now_ms) - t0 ))
	run=$(cd "$scratch/results/latest" 2>/dev/null && pwd -P)
	m=$run/manifest.json
	accel=$(sed -n 's/.*"accel": "\([a-z]*\)".*/\1/p' "$m" 2>/dev/null)
	clock=$(sed -n 's/.*"clock": "\([a-z]*\)".*/\1/p' "$m" 2>/dev/null)
	claims=$(grep -o '[0-9]* claims: [0-9]* passed, [0-9]* failed' "$scratch/$label.log" | tail -n 1)
	printf '%-13s %7s s  exit %s  %-3s %-7s  boot-to-init %5s s  boot+scenarios %6s s  %s\n' \
		"$label" "$(ms_to_s "$ms")" "$rc" "${accel:-?}" "${clock:-?}" \
		"$(ms_to_s "$(manifest_num boot_to_init "$m")")" "$(ms_to_s "$(manifest_num boot_and_scenarios "$m")")" "$claims"
}

echo "vfslab bench, KERNEL=$kernel${SUITE:+ SUITE=$SUITE}, $(nproc) cores, load $(cut -d" " -f1 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
make --no-print-directory lab KERNEL="$kernel" RESULTS="$scratch/results" > /dev/null 2>&1 # bring it up to date
time_lab "warm auto" ACCEL=auto
time_lab "warm tcg-real" ACCEL=tcg CLOCK=real
time_lab "warm tcg-virt" ACCEL=tcg CLOCK=virtual
touch module/vfslab_trace.c
time_lab "module edit" ACCEL=tcg
if [ -n "${BENCH_COLD:-}" ]; then
	t0=$(now_ms)
	# from source: the build cache would restore it in seconds
	VFSLAB_NO_CACHE=1 make --no-print-directory kernel KERNEL="$kernel" BUILD="$scratch/build" > "$scratch/cold.log" 2>&1
	rc=$?
	printf '%-13s %7s s  exit %s  (kernel only, %s jobs, load %s)\n' "cold kernel" "$(ms_to_s $(( $(now_ms) - t0 )))" "$rc" "$(nproc)" "$(cut -d' ' -f1 /proc/loadavg)"
	tools/kbuild-profile.sh "$scratch/build/kernel-$kernel/obj" 12 | sed 's/^/  /'
fi
bz=build/kernel-$kernel/obj/arch/x86/boot/bzImage img=build/kernel-$kernel/rootfs-triggers.img
printf 'sizes: bzImage %s KiB; rootfs image %s MiB apparent, %s KiB used\n' \
	"$(( $(stat -c %s "$bz") / 1024 ))" "$(( $(stat -c %s "$img") / 1048576 ))" "$(du -k "$img" | cut -f1)"
