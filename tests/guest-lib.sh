#!/bin/sh
# Unit tests of the guest runner's parsing (rootfs/lab-lib.sh), run with
# busybox sh, the shell the guest has.
[ -n "${IN_BUSYBOX:-}" ] || IN_BUSYBOX=1 exec busybox sh "$0" "$@"
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib/tap.sh"
. "$top/rootfs/lab-lib.sh"
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
# busybox's awk, sed, sort... too, as in the guest, not the host's
mkdir "$t/bb" && busybox --install -s "$t/bb" && PATH=$t/bb:$PATH

mkdir "$t/s"
printf 'order = 20\ncwd = /tmp/x\nsetup = rm -f a\nsetup = touch b\nlet X = y\n' > "$t/s/b.scn"
printf '# c\norder=10\n' > "$t/s/a.scn"
printf 'order = 30\ntimeout = 5\n' > "$t/s/c.scn"

check "scn_get reads a setting" [ "$(scn_get "$t/s/b.scn" cwd)" = /tmp/x ]
check "scn_get default when absent" [ "$(scn_get "$t/s/b.scn" timeout 30)" = 30 ]
check "scn_get without spaces" [ "$(scn_get "$t/s/a.scn" order)" = 10 ]
check "scn_all keeps repeats in order" [ "$(scn_all "$t/s/b.scn" setup | tr '\n' ';')" = "rm -f a;touch b;" ]
check "scn_order sorts by order" [ "$(scn_order "$t/s" | awk '{printf "%s ", $2}')" = "a b c " ]
check "scn_order subset keeps order" [ "$(scn_order "$t/s" c,a | awk '{printf "%s ", $2}')" = "a c " ]
mkdir "$t/o" "$t/o/x=y"
printf 'timeout = 5\n' > "$t/o/late.scn"
printf 'order =\n' > "$t/o/empty.scn"
printf 'order = 7\n' > "$t/o/first.scn"
printf 'order = 3\n' > "$t/o/x=y/a.scn"
check "scn_order: no order, or an empty one, runs last (9999)" \
	[ "$(scn_order "$t/o" | tr '\n' ';')" = "3 a;7 first;9999 empty;9999 late;" ]
check "scn_order: a relative folder named like an awk assignment" [ "$(cd "$t/o" && scn_order x=y)" = "3 a" ]
check "scn_order rejects an unknown name" sh -c ". '$top/rootfs/lab-lib.sh'; ! scn_order '$t/s' a,nope 2>/dev/null"
# suites: a root of suite folders (the host's triggers/) lists them all
mkdir -p "$t/r/s2" "$t/r/s3"
cp "$t/s/a.scn" "$t/s/c.scn" "$t/r/s2/"; printf 'order = 15\n' > "$t/r/s3/d.scn"
check "scn_order over suite folders sorts across suites" [ "$(scn_order "$t/r" | awk '{printf "%s ", $2}')" = "a d c " ]
check "scn_order over one suite" [ "$(scn_order "$t/r/s3" | awk '{printf "%s ", $2}')" = "d " ]
check "scn_suites names the suite folders" [ "$(scn_suites "$t/r")" = "s2 s3" ]
cp "$t/s/a.scn" "$t/r/s3/"
check "scn_order rejects a name two suites share" sh -c ". '$top/rootfs/lab-lib.sh'; ! scn_order '$t/r' 2>/dev/null"

line='[  3.26] vfslab: seq=14 probe=d_alloc_parallel phase=entry pid=87 comm="user_trigger" parent=ffff888000666840 parent_name="work" name_ptr=ffff888000ac8025 name="missing_case17_filp_87.txt" len=26 hash=184496850 sb_magic=0xef53 blocksize=4096'
check "kv reads a pointer" [ "$(kv parent "$line")" = ffff888000666840 ]
check "kv reads a quoted string" [ "$(kv name "$line")" = missing_case17_filp_87.txt ]
check "kv does not confuse parent_name with name" [ "$(kv parent_name "$line")" = work ]
check "kv reads the last key" [ "$(kv blocksize "$line")" = 4096 ]
printf '%s\n%s\n' 'unrelated' "$line" > "$t/log"
check "replay_args from the d_alloc_parallel line" \
	[ "$(replay_args "$t/log")" = "parent_addr=0xffff888000666840 child_name=missing_case17_filp_87.txt child_hash=184496850" ]
printf 'nothing here\n' > "$t/empty"
check "replay_args fails without a capture" sh -c ". '$top/rootfs/lab-lib.sh'; ! replay_args '$t/empty' 2>/dev/null"
finish
