# The guest's two other modes, sourced by init when the kernel cmdline says
# vfslab_mode=shell (make shell, tools/shell.sh) or vfslab_mode=trace (make
# trace, tools/trace.sh). Either returns to init, whose EXIT trap ends the VM.

# An interactive root shell on the serial console, with job control.
shell_mode() {
	# busybox poweroff/halt signal PID 1, which a shell script as init
	# ignores: in this shell they end the VM the way init does (QEMU runs
	# with -no-reboot, so a reboot is the end).
	mkdir -p /lab/shell-bin
	for c in poweroff halt reboot; do
		printf '#!/bin/sh\nsync\necho "vfslab-guest: %s"\nexec /bin/reboot -f\n' "$c" > /lab/shell-bin/$c
		chmod 755 /lab/shell-bin/$c
	done
	# The host passes its terminal's size; a serial line has none.
	size=$(sed -n 's/.*vfslab_tty=\([0-9]*x[0-9]*\).*/\1/p' /proc/cmdline)
	[ -z "$size" ] || stty rows "${size%x*}" cols "${size#*x}" 2>/dev/null
	cd /lab/work || cd /
	echo "vfslab-guest: shell: try 'vfslab-trace cat -- cat /mnt/loopfs/a.txt'; 'poweroff' or Ctrl-A X ends the VM"
	# setsid + cttyhack: the console becomes the shell's controlling tty,
	# so Ctrl-C and job control work.
	HOME=/lab/work TERM=${TERM:-vt100} PS1='vfslab:\w# ' PATH=/lab/shell-bin:/bin:/sbin \
		setsid cttyhack sh -l
}

# One traced command, described by the host in /results/input/: name (the
# comm), timeout (seconds) and command.sh (run with sh, in /lab/work).
trace_mode() {
	in=/results/input
	name=$(cat "$in/name") limit=$(cat "$in/timeout")
	cd /lab/work || return 1
	PATH=/bin:/sbin:/lab/bin
	echo "vfslab-guest: trace $name (timeout ${limit}s)"
	vfslab-trace -q -o "/results/$name" -t "$limit" "$name" -- sh "$in/command.sh"
	echo "vfslab-guest: scenario $name exit $(cat "/results/$name/exit_code" 2>/dev/null)"
	echo done > /results/guest-done
	sync
}
