#!/bin/bash
# make ci: the lab for a CI job. No TTY, no colour; one tarball with the run
# (console, logs, manifest, report.md/json, KTAP) and the built bzImage and
# root image, named after kernel release and commit. Exits with the lab's
# (the report's) exit code.
set -u
. "$(dirname "$0")/lib.sh"
export_build_identity
export TERM=dumb NO_COLOR=1
cd "$VFSLAB_TOP" || exit 3
results=${RESULTS:-results}
kernel=${KERNEL:-6.12}
runfile=$(mktemp)
make --no-print-directory lab RUN_FILE="$runfile" </dev/null
rc=$?
run=$(cat "$runfile"); rm -f "$runfile"
[ -n "$run" ] || die "no run folder: the lab stopped before booting (exit $rc)"
# make turns every failing recipe into 2: take the report's own code (0/1/2)
code=$(grep '"summary"' "$run/report.json" 2>/dev/null | sed -n 's/.*"exit_code": \([0-9]*\).*/\1/p')
[ -n "$code" ] && [ "$rc" -ne 0 ] && rc=$code
release=${run%/*}; release=${release##*/}
commit=$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
mkdir -p "$results/ci"
out=$results/ci/vfslab-$release-$commit.tar.gz
stage=$(mktemp -d); trap 'rm -rf "$stage"' EXIT
name=vfslab-$release-$commit
mkdir -p "$stage/$name"
cp -a "$run/." "$stage/$name/run/"
kd=$(kernel_dir "$kernel")
cp "$kd/obj/arch/x86/boot/bzImage" "$kd/rootfs-$(basename "${TRIGGERS:-triggers}").img" "$stage/$name/" ||
	die "bzImage or root image missing in $kd"
tar -C "$stage" --sort=name --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 --numeric-owner \
	-cf - "$name" | gzip -n > "$out"
say "ci: $out (lab exit $rc)"
exit "$rc"
