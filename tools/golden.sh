#!/bin/bash
# A run's full module trace as a reference, and a later run compared with it.
#
# usage: golden.sh save RUN_DIR GOLDEN_FILE     write the reference (never over an existing file)
#        golden.sh check RUN_DIR GOLDEN_FILE    compare; append the verdict to RUN_DIR/report.md
#
# The trace is every module line (vfslab: / vfslab_replay:) of every scenario,
# in the run's scenario order, with the kernel's printk timestamps removed:
# the one thing that differs between two boots by design. Pointers, pids,
# hashes and seq numbers stay, so "identical" means what a worksheet needs.
# check exits 0 either way (a difference is information, not a failed run);
# 1 only for bad input.
set -u
. "$(dirname "$0")/lib.sh"

# trace RUN_DIR: the normalised trace on stdout
trace() {
	for s in $(sed -n 's/.*"scenarios": "\([^"]*\)".*/\1/p' "$1/manifest.json"); do
		printf '== %s\n' "$s"
		sed -n 's/^\[ *[0-9]*\.[0-9]*\] //; /^vfslab\(_replay\)\{0,1\}: /p' "$1/$s/dmesg.txt" 2>/dev/null
	done
}

# differing REF NOW: the scenarios whose traces differ (or are in one only)
differing() {
	awk '/^== / { s = substr($0, 4); seen[s] = 1; next }
		FNR == NR { a[s] = a[s] $0 "\n"; next } { b[s] = b[s] $0 "\n" }
		END { for (s in seen) if (a[s] != b[s]) print s }' "$1" "$2" | sort
}

cmd=${1:-} run=${2:-} golden=${3:-}
[ -n "$run" ] && [ -n "$golden" ] || die "usage: make golden RUN=<run folder> GOLDEN=<file>, or make lab GOLDEN=<file>"
[ -f "$run/manifest.json" ] || die "RUN=$run is not a run folder (no manifest.json): pass results/<release>/<time>"
case $cmd in
save)
	[ -e "$golden" ] && die "GOLDEN=$golden exists: references are never overwritten; remove it or pick a new name"
	mkdir -p "$(dirname "$golden")" 2>/dev/null || die "cannot create the folder of GOLDEN=$golden"
	trace "$run" > "$golden.tmp.$$" && mv "$golden.tmp.$$" "$golden" || { rm -f "$golden.tmp.$$"; die "cannot write GOLDEN=$golden"; }
	say "golden: $(grep -vc '^== ' "$golden") module lines of $(grep -c '^== ' "$golden") scenarios saved in $golden"
	;;
check)
	[ -f "$golden" ] || die "GOLDEN=$golden: no such reference; make one with make golden RUN=<run> GOLDEN=$golden"
	now=$(mktemp) && trace "$run" > "$now"
	if cmp -s "$golden" "$now"; then
		verdict="identical to the reference $golden ($(grep -vc '^== ' "$now") module lines)"
	else
		# the first differing line, with the scenario it belongs to
		n=$(cmp "$golden" "$now" 2>/dev/null | sed -n 's/.* line \([0-9]*\).*/\1/p')
		n=${n:-1}
		scen=$(head -n "$n" "$now" | grep '^== ' | tail -n 1 | cut -c4-)
		diff_scn=$(differing "$golden" "$now")
		all=$(cat "$golden" "$now" | grep '^== ' | sort -u | wc -l)
		verdict="differs from the reference $golden: $((all - $(echo "$diff_scn" | wc -l))) of $all scenarios identical; differing: $(echo $diff_scn); first: scenario ${scen:-?}, trace line $n
  reference: $(sed -n "${n}p" "$golden")
  this run:  $(sed -n "${n}p" "$now")"
	fi
	rm -f "$now"
	say "golden: $verdict"
	[ -f "$run/report.md" ] && printf '\n## Reference trace\n\n```\n%s\n```\n' "$verdict" >> "$run/report.md"
	printf '%s\n' "$verdict" > "$run/golden.txt"
	;;
*) die "golden.sh: use save or check" ;;
esac
