#!/bin/bash
# make compare: run the lab on several kernels (building only what is
# missing) or take saved runs, then put their reports side by side.
# usage: compare.sh kernels "6.1 6.12 6.8=/path/linux-6.8.tar.xz@<sha256>"
#        compare.sh runs "results/6.1.192/<t> results/6.12.117/<t>"
# Writes RESULTS/compare/<UTC time>/compare.md and compare.json; exits like
# the report: 0 all pass, 1 a claim failed on some kernel, 2 a run incomplete.
set -u
. "$(dirname "$0")/lib.sh"
mode=$1 list=$2
results=${RESULTS:-results}
report=${REPORT:-$BUILD/report/vfslab-report}
triggers=${TRIGGERS:-$VFSLAB_TOP/triggers}
# the default folder by the name make lab uses, so the triggers and images a
# plain make lab built are reused, not rebuilt for a different-looking path
[ "$(cd "$triggers" 2>/dev/null && pwd -P)" != "$(cd "$VFSLAB_TOP/triggers" && pwd -P)" ] || triggers=triggers
suite=${SUITE:-}	# one suite folder of $triggers, or every suite
[ -n "$list" ] || die "nothing to compare: give KERNELS=\"6.1 6.12\" or RUNS=\"dirA dirB\""

runs=""
if [ "$mode" = kernels ]; then
	for k in $list; do
		name=${k%%=*} tarball="" sha=""
		if [ "$k" != "$name" ]; then
			spec=${k#*=}; tarball=${spec%@*}; sha=${spec##*@}
			[ "$spec" != "$tarball" ] || die "KERNELS entry '$k': write NAME=TARBALL@SHA256"
		else
			lock_field kernel "$name" 3 >/dev/null ||
				die "KERNELS: $name is not in kernel-config/versions.lock (known: $(kernels_in_lock)); use NAME=TARBALL@SHA256"
		fi
		say "compare: lab on kernel $name"
		runfile=$(mktemp)
		KERNEL_TARBALL=$tarball KERNEL_SHA256=$sha make --no-print-directory -C "$VFSLAB_TOP" lab \
			KERNEL="$name" RESULTS="$results" TRIGGERS="$triggers" SUITE="$suite" RUN_FILE="$runfile" </dev/null
		say "compare: kernel $name: lab exit $?"
		run=$(cat "$runfile"); rm -f "$runfile"
		[ -n "$run" ] || die "kernel $name produced no run folder (its build failed: see above)"
		runs="$runs $run"
	done
else
	for r in $list; do
		[ -d "$r" ] || die "RUNS: '$r' is not a run folder"
		runs="$runs $(cd "$r" && pwd -P)"
	done
fi

out=$results/compare/$(date -u +%Y%m%dT%H%M%SZ)
n=1; base=$out
until mkdir -p "${out%/*}" && mkdir "$out" 2>/dev/null; do n=$((n + 1)); out=$base-$n; done
# shellcheck disable=SC2086 # one word per run folder
"$report" --scenarios "$triggers${suite:+/$suite}" --compare "$out" $runs
rc=$?
say "compare: $out/compare.md (exit $rc)"
exit "$rc"
