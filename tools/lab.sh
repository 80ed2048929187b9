#!/bin/bash
# lab.sh: the boot and report steps of `make lab` (the Makefile sets the
# variables run-lab.sh reads, and REPORT). The boot holds the build folder's
# lock shared, so no build replaces the image under it. The report is made
# for the run just made (RUN_FILE), never for results/latest; an interrupted
# run gets none. Exit: the run's code when it failed, else the report's.
set -u
. "$(dirname "$0")/lib.sh"
rf=${RUN_FILE:-}
if [ -z "$rf" ]; then
	mkdir -p "$BUILD" && rf=$BUILD/run-file.$$ || exit 1
	trap 'rm -f "$rf"' EXIT
fi
: > "$rf" || die "cannot write RUN_FILE=$rf"
build_lock sh
RUN_FILE=$rf fwd "$VFSLAB_TOP/run-lab.sh"
rc=$?
[ "$rc" -lt 128 ] || exit "$rc"
run=$(cat "$rf")
# no run folder (it never started), or no manifest (the disk filled up): no report
[ -n "$run" ] && [ -f "$run/manifest.json" ] || exit "$rc"
fwd "$VFSLAB_TOP/tools/report.sh" "$run"
rr=$?
# GOLDEN=file: the whole trace against a saved reference (its own lines; not the exit code)
[ -z "${GOLDEN:-}" ] || fwd "$VFSLAB_TOP/tools/golden.sh" check "$run" "$GOLDEN"
[ "$rc" -ne 0 ] && exit "$rc"
exit "$rr"
