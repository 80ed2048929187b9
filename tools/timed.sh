#!/bin/bash
# timed.sh NAME DIR CMD...: run CMD, record its wall time in DIR/NAME.ms for
# the run's manifest.json, and keep CMD's exit status. A SIGTERM from make
# reaches CMD (tools/lib.sh fwd).
. "$(dirname "$0")/lib.sh"
name=$1 dir=$2; shift 2
mkdir -p "$dir"
t0=$(now_ms)
fwd "$@"
rc=$?
echo $(( $(now_ms) - t0 )) > "$dir/$name.ms"
exit $rc
