# new_run_folder RESULTS RELEASE: make a fresh RESULTS/RELEASE/<UTC time>[-N]
# folder (never reusing one), point RESULTS/latest at it, set $run to its
# absolute path. Sourced after tools/lib.sh by tools/shell.sh and
# tools/trace.sh; same layout as run-lab.sh's runs.
new_run_folder() {
	mkdir -p "$1/$2" 2>/dev/null && [ -w "$1/$2" ] ||
		die "results folder '$1' is not writable: fix its permissions or set RESULTS=<dir>"
	_stamp=$(date -u +%Y%m%dT%H%M%SZ)
	run=$1/$2/$_stamp
	_n=1
	until mkdir "$run" 2>/dev/null; do
		[ -e "$run" ] || die "cannot create a run folder in '$1/$2' (disk full or read-only?)"
		_n=$((_n + 1)); run=$1/$2/$_stamp-$_n
	done
	run=$(cd "$run" && pwd)
	ln -sfn "$2/${run##*/}" "$1/latest.tmp.$$" && mv -T "$1/latest.tmp.$$" "$1/latest"
}

# guest_cmdline MODE: the kernel command line of the lab guest (run-lab.sh's,
# with vfslab_mode=MODE instead of a scenario list).
guest_cmdline() {
	printf 'console=ttyS0 root=/dev/vda rw rootfstype=ext4 init=/init panic=-1 oops=panic %sloglevel=5 vfslab_mode=%s' \
		"$([ "${FLAVOR:-}" = debug ] && echo 'panic_on_warn=1 ')" "$1"
}

# check_boot_inputs: the checks run-lab.sh makes before anything is created
# (tools/accel.sh sourced: ACCEL and CLOCK are checked by its rules).
check_boot_inputs() {
	command -v "$QEMU" >/dev/null 2>&1 || die "QEMU '$QEMU' not found: install qemu-system-x86 (make deps) or set QEMU="
	[ -f "${BZIMAGE:-}" ] || die "no kernel image at '${BZIMAGE:-}': run 'make kernel' first"
	[ -f "${IMAGE:-}" ] || die "no root image at '${IMAGE:-}': run 'make rootfs' first"
	case $ACCEL in auto | kvm | tcg) ;; *) die "ACCEL=$ACCEL: use ACCEL=auto, kvm or tcg" ;; esac
	case $CLOCK in virtual | real) ;; *) die "CLOCK=$CLOCK: use CLOCK=virtual or CLOCK=real" ;; esac
}
