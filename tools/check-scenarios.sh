#!/bin/bash
# check-scenarios.sh TRIGGERS SCNDIR REPORT [SCENARIOS]: the scenario folder's
# own `make check` (every .scn has its program and back, in suite folders)
# and the report tool's parser over every .scn of SCNDIR (TRIGGERS, or one
# suite of it; --check: with a subset, that it keeps the scenarios its claims
# read), before anything is built or booted. One line on error.
set -u
. "$(dirname "$0")/lib.sh"
dir=$1 scndir=$2 report=$3 subset=${4:-}
[ -d "$dir" ] || die "TRIGGERS=$dir: no such folder: set TRIGGERS=<folder of suite folders>"
[ -f "$dir/Makefile" ] || die "TRIGGERS=$dir has no Makefile: copy triggers/Makefile into it (it builds each <suite>/<name>.c or .S)"
if ! out=$(make -s --no-print-directory -C "$dir" check 2>&1); then
	die "TRIGGERS=$dir: $(printf '%s\n' "$out" | grep -v '^make' | head -n 3 | paste -sd ';' | sed 's/;/; /g')"
fi
if ! out=$("$report" --scenarios "$scndir" --check ${subset:+--only "$subset"} 2>&1); then
	msg=$(printf '%s\n' "$out" | sed -n 's/^vfslab-report: error: //p' | head -n 1)
	case $msg in *SCENARIOS*) die "$msg" ;; esac
	die "${msg:-$out}: fix it (docs/scenario-format.md)"
fi
