#!/bin/bash
# Where a kernel build's wall time went, per source folder, from the times
# the build wrote its outputs (no second build, no changed compiler command).
# Each output is charged the time since the one before it finished: with N
# jobs that is about 1/N of its own cost, so the shares are what matters.
# Meaningful after a cold build on an otherwise idle machine.
# usage: kbuild-profile.sh OBJ_DIR [ROWS]     (make kernel-profile KERNEL=…)
set -u
. "$(dirname "$0")/lib.sh"
obj=${1:-} rows=${2:-25}
[ -f "$obj/.config" ] || die "no kernel build at '$obj': run make kernel first"
[ -f "$obj/vmlinux" ] || die "$obj holds no finished build (no vmlinux): run make kernel first"
# outputs of one build: objects, archives, the links and the image
find "$obj" \( -name '*.o' -o -name '*.a' -o -name vmlinux -o -name bzImage -o -name '*.ko' \) \
	-newer "$obj/.config" -printf '%T@ %P\n' | sort -n | awk -v rows="$rows" '
	NR == 1 { first = $1; prev = $1 }
	{
		gap = $1 - prev; prev = $1; n = split($2, p, "/")
		# one level for the core, two where the tree is wide
		d = (n == 1) ? "(link)" : p[1]
		if (n > 2 && p[1] ~ /^(arch|drivers|fs|net)$/) d = p[1] "/" p[2]
		if ($2 ~ /(^|\/)(vmlinux|bzImage|built-in\.a|vmlinux\.a|lib\.a)$/) d = "(link, archives)"
		t[d] += gap; c[d]++
	}
	END {
		total = prev - first
		printf "%8s %6s %6s  %s\n", "seconds", "share", "files", "folder"
		for (d in t) printf "%8.1f %5.1f%% %6d  %s\n", t[d], 100 * t[d] / total, c[d], d | "sort -rn | head -n " rows
		close("sort -rn | head -n " rows)
		printf "%8.1f %5.1f%% %6d  %s\n", total, 100, NR, "total (first output to bzImage)"
	}'
