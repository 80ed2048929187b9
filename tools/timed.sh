#!/bin/sh
# timed.sh NAME DIR CMD...: run CMD, record its wall time in DIR/NAME.ms for
# the run's manifest.json, and keep CMD's exit status.
name=$1 dir=$2; shift 2
mkdir -p "$dir"
t0=$(date +%s%3N)
"$@"
rc=$?
echo $(( $(date +%s%3N) - t0 )) > "$dir/$name.ms"
exit $rc
