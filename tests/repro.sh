#!/bin/bash
# make repro-check in the suite: a second from-scratch build in another
# directory must give identical bzImage, vmlinux, modules, triggers, rootfs.
# Costs one kernel build (the first build is the tree's own).
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib/tap.sh"
out=$("$top/tools/repro-check.sh" 6.12 2>&1); rc=$?
printf '%s\n' "$out" | sed 's/^/# /'
while read -r f _ _ r; do
	case $r in identical) ok "reproducible: $f" ;; DIFFERENT) not_ok "reproducible: $f" ;; esac
done <<< "$out"
check "repro-check exits 0" [ "$rc" -eq 0 ]
finish
