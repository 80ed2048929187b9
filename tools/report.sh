#!/bin/bash
# report.sh RUN_DIR: judge a saved run with the report tool (REPORT, against
# the scenario files in SCNDIR: triggers/ or one suite of it). Nothing in the run folder changes
# until its inputs are checked: a folder that is not a run is refused, and
# report.ktap is replaced whole, only when the tool could judge the run.
# Exit: the tool's (0 pass, 1 a claim failed, 2 incomplete, 3 bad input).
set -u
. "$(dirname "$0")/lib.sh"
run=${1:-}
report=${REPORT:-$BUILD/report/vfslab-report}
scn=${SCNDIR:-${SCENARIO_DIR:-$VFSLAB_TOP/triggers}}
[ -n "$run" ] || die "RUN is empty: pass RUN=results/<release>/<time> (or results/latest)"
[ -d "$run" ] || die "RUN=$run: no such folder: pass RUN=results/<release>/<time> (or results/latest)"
[ -f "$run/manifest.json" ] || die "RUN=$run is not a vfslab run (no manifest.json): pass RUN=results/<release>/<time>"
[ -w "$run" ] || die "RUN=$run is not writable by $(id -un): the report is written into it; fix its permissions"
# the run's real path: reports name the run folder, not the link used to reach it
run=$(cd "$run" && pwd -P)
tmp=$run/.report.ktap.$$
trap 'rm -f "$tmp"' EXIT
trap 'exit 143' TERM HUP INT
# the tool's one error line becomes ours; its summary lines pass through
"$report" --scenarios "$scn" "$run" 2>&1 >"$tmp" | sed 's/^vfslab-report: error: /vfslab: error: /' >&2
rc=${PIPESTATUS[0]}
if [ "$rc" -le 2 ]; then
	mv -f "$tmp" "$run/report.ktap" || die "cannot write $run/report.ktap: free space or fix permissions"
	say "report: $run/report.md"
fi
exit "$rc"
