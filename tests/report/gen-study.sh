#!/bin/bash
# Writes tests/report/fixtures/study/: one run directory in the tracing
# module's exact line format (module/vfslab_trace.c, docs/trace-format.md),
# carrying the study's published numbers (seed 001; case17 from seed 002).
# The committed fixture is this script's output; run.sh checks they agree.
#
# What the study printed is used as printed: name pointers, copy sources,
# hashes, lengths, ERR_PTRs, case17's dentry/parent/sb values. What it did
# not print is filled in the way a 6.12 boot would show it, and marked
# "(lab)" where it is chosen: dentry addresses (dname_ptr - 0x38 for inline
# names: d_iname's offset in struct dentry, as case17's dentry/name_ptr pair
# shows; every one is a multiple of 192 into its page, as slab objects of
# dentry_size=192 are), parents, inodes, struct file pointers, the path
# copies of opens the study did not grep for, and the 6.12 call paths
# (lookup_fast -> __d_lookup_rcu, lookup_open -> d_lookup, d_alloc_parallel
# -> __d_alloc, d_splice_alias standing in for the inlined __d_add).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/fixtures/study}
rm -rf "$out"
mkdir -p "$out"

# ---- one boot's fixed objects (lab) ---------------------------------------
ROOT=ffff8f2940a24180      # "/" of the ext4 root
TMP=ffff8f2940a25e40       # /tmp (freed by each drop, reallocated in place)
LAB=ffff8f2940a26300       # /lab
WORK=ffff8dda3ba6f0c0      # /lab/work, the cwd (pinned by it): seed 002's case17 parent
PROC=ffff8f2940a24c00      # /proc, a mountpoint
PROCROOT=ffff8f2940a19180  # procfs "/"
SYS=ffff8f2940c1e0c0 VM=ffff8f2940c1e240 DROPC=ffff8f2940c1e3c0
MNT=ffff8f2940a26900 LOOPFS=ffff8f2940a269c0 E2ROOT=ffff8f2948b40780
SB_EXT4=ffff8dda0bce8000   # seed 002: the ext4 superblock of case17's parent
SB_EXT2=ffff8f2948b3d800 SB_PROC=ffff8f2940a19800
NULLP=0000000000000000 ENOENT_PTR=fffffffffffffffe

# ---- line writers -----------------------------------------------------------
us=4100000    # boot clock in microseconds, across scenarios like one dmesg
seq=0 pid=0 comm="" f=""
line() { us=$((us + 37)); printf '[%5d.%06d] %s\n' $((us / 1000000)) $((us % 1000000)) "$*" >> "$f"; }
ev() { seq=$((seq + 1)); line "vfslab: seq=$seq probe=$1 phase=$2 pid=$pid comm=\"$comm\" ${*:3}"; }
add_ev() { seq=$((seq + 1)); line "vfslab: seq=$seq probe=__d_add phase=entry via=d_splice_alias pid=$pid comm=\"$comm\" $*"; }
# inline name pointer of a dentry: dentry + 0x38
nm() { printf '%016x' $((0x$1 + 0x38)); }
dn() { printf '%016x' $((0x$1 - 0x38)); }
plus() { printf '%016x' $((0x$1 + $2)); }

# Hash of a name: the study's value where it printed one, else a stand-in
# (cksum of parent+name, so equal inputs give equal hashes within the boot).
hash() {
	case $2 in
	t_e.txt) echo 1730118631 ;;
	t_m.txt) echo 1429044786 ;;
	l_m.txt) echo 4284383268 ;;
	a.txt) echo 3098233830 ;;
	test_file_very_long_name_to_force_external_allocation_1770489275) echo 151322490 ;;
	missing_case17_filp_75221.txt) echo 4050178378 ;;   # 0xf168d14a
	*) printf '%s/%s' "$1" "$2" | cksum | cut -d' ' -f1 ;;
	esac
}

# ---- one event per probe hit ------------------------------------------------
open_in() { ev do_filp_open entry "dfd=-100 path_ptr=$1 path=\"$2\""; }
open_ok() { ev do_filp_open ret "path_ptr=$1 path=\"$2\" file=$3 err=0 dentry=$4 dname_ptr=${6:-$(nm "$4")} dname=\"$5\" inode=$7"; }
open_err() { ev do_filp_open ret "path_ptr=$1 path=\"$2\" file=$3 err=$4"; }
qstr() { echo "name_ptr=$2 name=\"$3\" len=${#3} hash=$(hash "$1" "$3")"; }
rcu_in() { ev __d_lookup_rcu entry "parent=$1 $(qstr "$@")"; }
rcu_null() { ev __d_lookup_rcu ret "name=\"$2\" len=${#2} hash=$(hash "$1" "$2") dentry=$NULLP"; }
rcu_hit() { ev __d_lookup_rcu ret "name=\"$2\" len=${#2} hash=$(hash "$1" "$2") dentry=$3 dname_ptr=$(nm "$3") dname=\"$2\" inode=$4"; }
ref_in() { ev __d_lookup entry "parent=$1 $(qstr "$@")"; }
dl_in() { ev d_lookup entry "parent=$1 $(qstr "$@")"; }
dl_null() { ev d_lookup ret "name=\"$2\" len=${#2} hash=$(hash "$1" "$2") dentry=$NULLP"; }
dl_hit() { ev d_lookup ret "name=\"$2\" len=${#2} hash=$(hash "$1" "$2") dentry=$3 dname_ptr=${5:-$(nm "$3")} dname=\"$2\" inode=$4"; }
kill_ev() { ev __dentry_kill entry "dentry=$1 dname_ptr=${4:-$(nm "$1")} dname=\"$2\" inode=$3"; }
del_ev() { ev d_delete entry "dentry=$1 dname_ptr=${4:-$(nm "$1")} dname=\"$2\" inode=$3"; }

# rcu_walk PARENT NAMEPTR NAME DENTRY INODE: a cached component, RCU walk.
rcu_walk() { rcu_in "$1" "$2" "$3"; rcu_hit "$1" "$3" "$4" "$5"; }

# alloc PARENT PNAME NAMEPTR NAME SB BLOCKSIZE DENTRY INODE [DNAME_PTR]:
# d_alloc_parallel -> __d_alloc -> its __d_lookup_rcu recheck -> the fs's
# ->lookup -> d_splice_alias (the __d_add fallback); INODE 0 = negative.
alloc() {
	local p=$1 pn=$2 np=$3 n=$4 sb=$5 bs=$6 d=$7 ino=$8 dp=${9:-$(nm "$7")} h
	h=$(hash "$p" "$n")
	local magic=0xef53   # ext2 and ext4 share it
	[ "$sb" = "$SB_PROC" ] && magic=0x9fa0
	ev d_alloc_parallel entry "parent=$p parent_name=\"$pn\" name_ptr=$np name=\"$n\" len=${#n} hash=$h sb_magic=$magic blocksize=$bs"
	ev __d_alloc entry "sb=$sb name_ptr=$np name=\"$n\" len=${#n} hash=$h"
	ev __d_alloc ret "name=\"$n\" dentry=$d dname_ptr=$dp dname=\"$n\" inode=$NULLP len=${#n} hash=$h unhashed=1"
	rcu_in "$p" "$np" "$n"
	rcu_null "$p" "$n"
	add_ev "dentry=$d dname_ptr=$dp dname=\"$n\" inode=$ino"
}
# miss_last: the last component missed by lookup_fast: lookup_open's d_lookup.
miss_last() {
	dl_in "$1" "$3" "$4"
	ref_in "$1" "$3" "$4"
	dl_null "$1" "$4"
	alloc "$@"
}

# ---- scenario frame ---------------------------------------------------------
begin() {   # begin NAME PID
	us=$((us + 2500000))   # the runner's setup and insmod between scenarios
	comm=$1 pid=$2 seq=0 f=$out/$1/dmesg.txt
	mkdir -p "$out/$1"
	: > "$f"
	[ -z "${PRE-}" ] || line "$PRE"
	PRE=""
	line "vfslab: meta=load format=1 target_comm=\"$1\" release=\"6.12.117\" dentry_size=192 dname_inline_len=40"
	local p
	for p in do_filp_open:kretprobe d_lookup:kretprobe __d_lookup:kprobe __d_lookup_rcu:kretprobe \
		__d_alloc:kretprobe; do
		line "vfslab: meta=probe symbol=${p%%:*} kind=${p##*:} status=active err=0"
	done
	line "vfslab: meta=probe symbol=__d_add kind=kprobe status=unavailable err=-2"
	for p in d_delete __dentry_kill d_alloc_parallel; do
		line "vfslab: meta=probe symbol=$p kind=kprobe status=active err=0"
	done
	line "vfslab: meta=probe symbol=d_splice_alias kind=kprobe status=active err=0 as=__d_add"
	line "vfslab: meta=probe symbol=d_add kind=kprobe status=active err=0 as=__d_add"
	line "vfslab: meta=probes active=10 unavailable=1"
}
end() {     # end EXIT_CODE STDOUT
	local p
	for p in d_add:kprobe d_splice_alias:kprobe d_alloc_parallel:kprobe __dentry_kill:kprobe \
		d_delete:kprobe __d_alloc:kretprobe __d_lookup_rcu:kretprobe __d_lookup:kprobe \
		d_lookup:kretprobe do_filp_open:kretprobe; do
		line "vfslab: meta=unload symbol=${p%%:*} kind=${p##*:} nmissed=0"
	done
	echo "$1" > "$out/$comm/exit_code"
	printf '%s' "$2" > "$out/$comm/stdout.txt"
}

# drop_caches_if_root(): open /proc/sys/vm/drop_caches (procfs entries
# looked up from disk the first time in the boot), then the write frees
# unused dentries in this task: KILLS is "dentry:name:inode[:dname_ptr] ...".
drop() {    # drop PATH_PTR FIRST(0/1) KILLS...
	local pp=$1 first=$2 k
	shift 2
	open_in "$pp" /proc/sys/vm/drop_caches
	rcu_walk "$ROOT" "$(plus "$pp" 1)" proc "$PROC" ffff8f2941b02a38
	if [ "$first" = 1 ]; then
		rcu_in "$PROCROOT" "$(plus "$pp" 6)" sys
		rcu_null "$PROCROOT" sys
		alloc "$PROCROOT" / "$(plus "$pp" 6)" sys "$SB_PROC" 4096 "$SYS" ffff8f2942c0d3b8
		ref_in "$SYS" "$(plus "$pp" 10)" vm
		alloc "$SYS" sys "$(plus "$pp" 10)" vm "$SB_PROC" 4096 "$VM" ffff8f2942c0e1f0
		ref_in "$VM" "$(plus "$pp" 13)" drop_caches
		miss_last "$VM" vm "$(plus "$pp" 13)" drop_caches "$SB_PROC" 4096 "$DROPC" ffff8f2942c0f028
	else
		rcu_walk "$PROCROOT" "$(plus "$pp" 6)" sys "$SYS" ffff8f2942c0d3b8
		rcu_walk "$SYS" "$(plus "$pp" 10)" vm "$VM" ffff8f2942c0e1f0
		rcu_walk "$VM" "$(plus "$pp" 13)" drop_caches "$DROPC" ffff8f2942c0f028
	fi
	open_ok "$pp" /proc/sys/vm/drop_caches ffff8f2947c41f00 "$DROPC" drop_caches "" ffff8f2942c0f028
	line "$comm ($pid): drop_caches: 2"
	for k in "$@"; do
		IFS=: read -r d n i dp <<< "$k"
		kill_ev "$d" "$n" "$i" "$dp"
	done
}

# the /tmp component after a drop freed it: lookup_slow from the root
tmp_again() {   # tmp_again PATH_PTR
	rcu_in "$ROOT" "$(plus "$1" 1)" tmp
	rcu_null "$ROOT" tmp
	alloc "$ROOT" / "$(plus "$1" 1)" tmp "$SB_EXT4" 4096 "$TMP" ffff8f2941b2c5e8
}
unrelated() { line "$*"; }
nap() { us=$((us + $1 * 1000000)); }   # the trigger's sleep(N)

. "$here/gen-study-scenarios.sh"

cat > "$out/manifest.json" <<'EOF'
{
  "kernel": "6.12",
  "kernel_release": "6.12.117",
  "source_sha256": "585a4a074597aefa2b1a68ada83a3184ba351c127544dea80618bbcceaa3961f",
  "accel": "tcg",
  "fixture": "tests/report/gen-study.sh: the study's published numbers (seeds 001, 002) in the module's format",
  "steps": {"boot_s": 21.4, "scenarios_s": 48.0}
}
EOF
printf '%s\n' "vfslab-guest: fixture run (no console captured)" > "$out/console.log"
