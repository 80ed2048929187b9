#!/bin/bash
# with-lock.sh ex|sh CMD...: run CMD holding the build folder's lock
# (tools/lib.sh build_lock): ex for builds, sh for boots. Exits with CMD's
# status; a SIGTERM (make's stop) is passed on to CMD.
set -u
. "$(dirname "$0")/lib.sh"
mode=$1; shift
build_lock "$mode"

fwd "$@"
