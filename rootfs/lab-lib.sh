# Shell functions of the guest runner (busybox sh). Sourced by
# run-scenarios.sh, and by tests/guest-lib.sh on the host.

# scn_get FILE KEY [DEFAULT]: the value of a "key = value" setting.
scn_get() {
	v=$(sed -n "s/^$2[ 	]*=[ 	]*//p" "$1" | tail -n 1)
	[ -n "$v" ] && printf '%s\n' "$v" || printf '%s\n' "${3-}"
}

# scn_all FILE KEY: every value of a repeatable setting, one per line.
scn_all() { sed -n "s/^$2[ 	]*=[ 	]*//p" "$1"; }

# scn_order DIR [LIST]: "order name" lines of the scenarios to run, sorted by
# order. DIR holds <name>.scn files (the guest's flat copy, or one suite) or
# suite folders of them (DIR/<suite>/<name>.scn, the host's triggers/). A name
# is a task comm, so two suites may not share one. LIST (comma-separated)
# selects a subset; an unknown name fails.
scn_order() {
	_so_want=${2-}
	set -- "$1"
	for f in "$1"/*.scn "$1"/*/*.scn; do
		case $f in /*) ;; *) f=./$f ;; esac	# awk would take x=y/a.scn for an assignment
		[ -f "$f" ] && set -- "$@" "$f"
	done
	shift
	# one awk for every file (scn_get's two processes per file cost the host
	# 0.4 s per call for 11 scenarios); order: the file's last value, or 9999
	{ [ $# -eq 0 ] || awk '
		/^order[ \t]*=/ { v = $0; sub(/^order[ \t]*=[ \t]*/, "", v); order[FILENAME] = v }
		END { for (i = 1; i < ARGC; i++) { f = ARGV[i]; n = f; sub(/.*\//, "", n); sub(/\.scn$/, "", n)
			print ((f in order) && order[f] != "" ? order[f] : 9999), n } }' "$@"; } |
		sort -n -k1,1 -k2 | {
		all=$(cat)
		dup=$(echo "$all" | awk '{print $2}' | sort | uniq -d | head -n 1)
		[ -z "$dup" ] || { echo "scenario $dup is in two suites: rename one" >&2; return 1; }
		if [ -z "$_so_want" ]; then [ -z "$all" ] || echo "$all"; return; fi
		for want in $(echo "$_so_want" | tr ',' ' '); do
			echo "$all" | grep -q " $want\$" || { echo "unknown scenario: $want" >&2; return 1; }
		done
		echo "$all" | while read -r o n; do
			case ",$_so_want," in *",$n,"*) echo "$o $n" ;; esac
		done
	}
}

# scn_suites DIR: the suite folders of DIR (those holding *.scn), one line.
scn_suites() {
	for f in "$1"/*/*.scn; do [ -f "$f" ] && { f=${f%/*}; echo "${f##*/}"; }; done | uniq | tr '\n' ' ' | sed 's/ $//'
}

# kv KEY LINE: the value of key=value in a module log line (quotes removed).
kv() {
	printf '%s\n' "$2" | sed -n "s/.* $1=\"\\([^\"]*\\)\".*/\\1/p; t; s/.* $1=\\([^ ]*\\).*/\\1/p"
}

# replay_args LOG: module parameters for vfslab_replay.ko, from the last
# d_alloc_parallel entry of the traced task (parent, child name, hash).
replay_args() {
	line=$(grep 'vfslab: seq=.* probe=d_alloc_parallel phase=entry' "$1" | tail -n 1)
	[ -n "$line" ] || { echo "no d_alloc_parallel entry in $1" >&2; return 1; }
	printf 'parent_addr=0x%s child_name=%s child_hash=%s\n' \
		"$(kv parent "$line")" "$(kv name "$line")" "$(kv hash "$line")"
}
