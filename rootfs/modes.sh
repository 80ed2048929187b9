# The guest's two other modes, sourced by init when the kernel cmdline says
# vfslab_mode=shell (make shell, tools/shell.sh) or vfslab_mode=trace (make
# trace, tools/trace.sh). Either returns to init, whose EXIT trap ends the VM.

# An interactive root shell on the serial console, with job control.
shell_mode() {
	# busybox's poweroff/halt/reboot signal PID 1, and this init (a script
	# waiting for the shell) cannot act on a signal until the shell ends.
	# In the shell they end the VM directly, as init's EXIT trap does: QEMU
	# runs with -no-reboot. busybox sh runs its applets before any PATH
	# entry, so they are shell functions (ENV file) calling these scripts,
	# which a userland without busybox finds on the PATH.
	mkdir -p /lab/shell-bin
	: > /lab/shellrc
	for c in poweroff halt reboot; do
		printf '#!/bin/sh\nsync\necho "vfslab-guest: %s"\nreboot -f 2>/dev/null || echo b > /proc/sysrq-trigger\n' "$c" > "/lab/shell-bin/$c"
		chmod 755 "/lab/shell-bin/$c"
		echo "$c() { /lab/shell-bin/$c; }" >> /lab/shellrc
	done
	# The host passes its terminal's size; a serial line has none.
	size=$(sed -n 's/.*vfslab_tty=\([0-9]*x[0-9]*\).*/\1/p' /proc/cmdline)
	[ -z "$size" ] || stty -F /dev/ttyS0 rows "${size%x*}" cols "${size#*x}" 2>/dev/null
	cd /lab/work || cd /
	echo "vfslab-guest: shell: try 'vfslab-trace cat -- cat /mnt/loopfs/a.txt'; 'poweroff' or Ctrl-A X ends the VM"
	# /dev/console cannot be a controlling tty: the shell gets the serial
	# port itself (setsid -c, in busybox and util-linux alike), so Ctrl-C
	# and job control work.
	HOME=/lab/work TERM=${TERM:-vt100} PS1='vfslab:\w# ' ENV=/lab/shellrc \
		PATH=/lab/shell-bin:/bin:/sbin:/usr/bin:/usr/sbin:/lab/bin \
		setsid -c sh -l <> /dev/ttyS0 >&0 2>&1
}

# One traced command, described by the host in /results/input/: name (the
# comm), timeout (seconds) and command.sh (run with sh, in /lab/work).
trace_mode() {
	in=/results/input
	name=$(cat "$in/name") limit=$(cat "$in/timeout")
	cd /lab/work || return 1
	PATH=/bin:/sbin:/lab/bin
	echo "vfslab-guest: trace $name (timeout ${limit}s)"
	# stdin /dev/null: the program runs unattended and its output is saved
	vfslab-trace -q -o "/results/$name" -t "$limit" "$name" -- sh "$in/command.sh" < /dev/null
	echo "vfslab-guest: scenario $name exit $(cat "/results/$name/exit_code" 2>/dev/null)"
	echo done > /results/guest-done
	sync
}
