#!/bin/bash
# make shell, for real: boot the lab kernel on a terminal (a private tmux
# server), wait for the prompt, trace `cat` with vfslab-trace, power off,
# and check that QEMU is gone and nothing is left running. Then once more,
# ended with Ctrl-A X. ACCEL=tcg; about a minute.
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib/tap.sh"
command -v tmux > /dev/null || { not_ok "tmux is installed (apt-get install tmux)"; finish; exit 1; }
t=$(mktemp -d)
sock=vfslab-shell-test-$$
cleanup() { tmux -L "$sock" kill-server 2> /dev/null; rm -rf "$t"; }
trap cleanup EXIT
cd "$top" || exit 1

screen() { tmux -L "$sock" capture-pane -p -J -S -500 -t lab 2> /dev/null; }
# wait_for SECONDS REGEX: until the terminal shows REGEX
wait_for() {
	for _ in $(seq "$1"); do screen | grep -qE "$2" && return 0; sleep 1; done
	return 1
}
# qemu_of RUN_DIR: pids of a QEMU whose command line names this run's folder
qemu_of() { pgrep -f -- "path=$1," 2> /dev/null; }

# start NAME: make shell in a fresh session; the exit code lands in $t/NAME.rc
start() {
	tmux -L "$sock" kill-server 2> /dev/null
	tmux -L "$sock" new-session -d -s lab -x 160 -y 50 \
		"make --no-print-directory shell ACCEL=tcg RESULTS='$t/results-$1'; echo \$? > '$t/$1.rc'"
}
ended() { for _ in $(seq "$2"); do [ -f "$t/$1.rc" ] && return 0; sleep 1; done; return 1; }

# ---- 1. boot, trace, poweroff ---------------------------------------------------
start a
t0=$(date +%s)
if wait_for 90 'vfslab:/lab/work#'; then ok "prompt after $(($(date +%s) - t0)) s"
else not_ok "no prompt in 90 s"; screen | tail -n 15 | sed 's/^/#   /'; finish; exit 1; fi
run=$(cd "$t/results-a/latest" && pwd -P)
check "the run folder exists and QEMU serves it" [ -n "$(qemu_of "$run")" ]
tmux -L "$sock" send-keys -t lab 'vfslab-trace cat -- cat /mnt/loopfs/a.txt' Enter
wait_for 60 'vfslab-trace: cat: [0-9]+ events' || not_ok "vfslab-trace did not finish in 60 s"
screen > "$t/screen.txt"
check "the traced cat printed the file (x)" grep -qx x "$t/screen.txt"
check "a do_filp_open of /mnt/loopfs/a.txt is shown" \
	grep -q 'probe=do_filp_open phase=entry .*comm="cat" .*path="/mnt/loopfs/a.txt"' "$t/screen.txt"
check "its return is shown with the dentry of a.txt" \
	grep -q 'probe=do_filp_open phase=ret .*path="/mnt/loopfs/a.txt" .* err=0 .*dname="a.txt"' "$t/screen.txt"
check "the module lines were saved under /results (host: run/cat/dmesg.txt)" \
	grep -q 'probe=do_filp_open phase=entry .*path="/mnt/loopfs/a.txt"' "$run/cat/dmesg.txt"
check "the tracer was unloaded (meta=unload saved)" grep -q 'meta=unload' "$run/cat/dmesg.txt"
check "exit code saved" [ "$(cat "$run/cat/exit_code" 2> /dev/null)" = 0 ]
tmux -L "$sock" send-keys -t lab 'lsmod | grep -c vfslab_trace' Enter
wait_for 20 '^0$' && ok "no tracer left loaded" || not_ok "vfslab_trace still loaded"
tmux -L "$sock" send-keys -t lab 'poweroff' Enter
if ended a 30; then ok "poweroff ends make shell"; else not_ok "make shell still running 30 s after poweroff"; fi
check "make shell exits 0 after poweroff" [ "$(cat "$t/a.rc" 2> /dev/null)" = 0 ]
check "QEMU is gone" [ -z "$(qemu_of "$run")" ]
check "console.log and manifest.json kept" test_all [ -s "$run/console.log" ] [ -s "$run/manifest.json" ]
check "the guest said it powered off" grep -q 'vfslab-guest: poweroff' "$run/console.log"

# ---- 2. Ctrl-A X ----------------------------------------------------------------
start b
if wait_for 90 'vfslab:/lab/work#'; then
	run=$(cd "$t/results-b/latest" && pwd -P)
	tmux -L "$sock" send-keys -t lab C-a x
	if ended b 20; then ok "Ctrl-A X ends make shell"; else not_ok "make shell still running 20 s after Ctrl-A X"; fi
	check "QEMU is gone after Ctrl-A X" [ -z "$(qemu_of "$run")" ]
else
	not_ok "second boot: no prompt in 90 s"
fi
tmux -L "$sock" kill-server 2> /dev/null
# "[r]" so that the pattern does not match pgrep's own command line
check "no process of this test left (QEMU or make)" sh -c "! pgrep -f -- '$t/[r]esults-' > /dev/null"
finish
