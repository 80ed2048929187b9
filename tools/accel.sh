# Which accelerator and clock a boot uses. Sourced by run-lab.sh.
#
# KVM is only trusted once a KVM guest has been seen to print: on some hosts
# (nested virtualisation, this project's build machines) /dev/kvm opens fine
# and the guest then hangs without a word. That verdict is stored per QEMU
# version and host kernel in the user's cache, so a host pays the probe once,
# not on every run.
#
# TCG runs on virtual time by default (CLOCK=virtual): the guest clock follows
# the instruction count, idle time is skipped, and the RTC starts at the
# lock file's SOURCE_DATE_EPOCH. The guest's sleep() calls then cost no wall
# time, while the kernel still sees the same timeline (RCU, dcache). KVM keeps
# real time: icount is a TCG feature.

kvm_usable() { [ -r /dev/kvm ] && [ -w /dev/kvm ]; }

# kvm_verdict_file: where this host's "works"/"hangs" verdict lives.
kvm_verdict_file() {
	key=$( { "$QEMU" --version 2>/dev/null | head -n 1; uname -r; } | sha256sum | cut -c1-16)
	printf '%s/kvm-verdict/%s\n' "$(vfslab_cache)" "$key"
}

# kvm_verdict: print the cached verdict ("works" or "hangs"), if any.
kvm_verdict() { sed -n 1p "$(kvm_verdict_file)" 2>/dev/null; }

# kvm_record VERDICT: remember it (best effort: a read-only cache only costs
# the probe again next time).
kvm_record() {
	f=$(kvm_verdict_file)
	mkdir -p "${f%/*}" 2>/dev/null &&
		printf '%s\n%s, %s, recorded %s\n' "$1" "$("$QEMU" --version 2>/dev/null | head -n 1)" \
			"host kernel $(uname -r)" "$(date -u +%Y-%m-%dT%H:%MZ)" > "$f.tmp.$$" 2>/dev/null &&
		mv "$f.tmp.$$" "$f" 2>/dev/null
	rm -f "$f.tmp.$$" 2>/dev/null
	return 0
}

# choose_accel ACCEL: print kvm or tcg for the first boot; one line to stderr
# when the choice needs explaining. Dies when ACCEL=kvm cannot work.
choose_accel() {
	case $1 in
	tcg) echo tcg ;;
	kvm)
		if ! kvm_usable; then
			if [ -e /dev/kvm ]; then
				die "ACCEL=kvm but you cannot open /dev/kvm: add yourself to its group (sudo usermod -aG $(stat -c %G /dev/kvm) $(id -un), then log in again), or use ACCEL=tcg"
			fi
			die "ACCEL=kvm but this host has no /dev/kvm (no KVM): use ACCEL=tcg or ACCEL=auto"
		fi
		echo kvm ;;
	auto)
		if ! kvm_usable; then
			[ -e /dev/kvm ] && say "/dev/kvm exists but you cannot open it: using TCG (slower); to use KVM: sudo usermod -aG $(stat -c %G /dev/kvm) $(id -un), then log in again"
			echo tcg
		elif [ "$(kvm_verdict)" = hangs ]; then
			say "KVM: a KVM guest hangs on this host (cached verdict, $(kvm_verdict_file)): using TCG; 'make kvm-reprobe' probes again"
			echo tcg
		else
			echo kvm
		fi ;;
	esac
}

# accel_args ACCEL: QEMU's -accel and clock options.
accel_args() {
	if [ "$1" = tcg ] && [ "$CLOCK" = virtual ]; then
		# shift=5: one instruction = 32 ns of guest time (a 31 MIPS CPU).
		# The boot's busy-waits last guest time (the local APIC timer's
		# calibration spins 100 ms reading the TSC, each read slow under
		# icount): shift=3 spent 1.4 s of host time in it, shift=5 a
		# quarter. sleep=off: idle time is skipped instead of waited for;
		# align=off: never slowed to the host's clock. (The kernel's
		# nolapic_timer would skip the calibration, but the PIT ticking
		# instead made two boots differ.)
		printf '%s\n' -accel tcg -icount shift=5,sleep=off,align=off \
			-rtc "base=$(date -u -d "@$(source_date_epoch)" +%Y-%m-%dT%H:%M:%S),clock=vm"
	else
		printf '%s\n' -accel "$1"
	fi
}
