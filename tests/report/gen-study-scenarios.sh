# The scenarios of the study fixture, in run order. Sourced by gen-study.sh
# (which defines the line writers). Study values are marked "seed 001" /
# "seed 002"; everything else is the lab's stand-in (see gen-study.sh).

LONG=test_file_very_long_name_to_force_external_allocation_1770489275

# -- minimal_open: O_RDWR|O_CREAT of the 64-byte name, sleep, close, unlink.
PRE="vfslab_trace: loading out-of-tree module taints kernel."
begin minimal_open 201
IN=ffff8f29432f2020            # seed 001: do_filp_open entry = __d_alloc entry
MO=ffff8f2940b52c00            # (lab) the dentry; its name is external:
MO_NAME=ffff8f2bb97842b8       # seed 001: __d_alloc ret = __d_add = OUT = d_lookup hit
open_in $IN $LONG
rcu_in $WORK $IN $LONG
rcu_null $WORK $LONG
miss_last $WORK work $IN $LONG $SB_EXT4 4096 $MO $NULLP $MO_NAME
open_ok $IN $LONG ffff8f2947a3c300 $MO $LONG $MO_NAME ffff8f2941d6a7c8
nap 5
unrelated "EXT4-fs (vda): mounted filesystem 5f1ab000-0000-4000-8000-00000000cafe r/w with ordered data mode. Quota mode: none."
# unlink(): lookup_dcache -> d_lookup finds the cached dentry, then d_delete
dl_in $WORK ffff8f29432f3020 $LONG
ref_in $WORK ffff8f29432f3020 $LONG
dl_hit $WORK $LONG $MO ffff8f2941d6a7c8 $MO_NAME
del_ev $MO $LONG ffff8f2941d6a7c8 $MO_NAME
end 0 "fd=3
"

# -- te_miss: creat+close /tmp/t_e.txt, drop caches, open.
begin te_miss 214
TE0=ffff8f2940a31840           # (lab) the creat's dentry, freed by the drop
P=ffff8f2943a7c020
open_in $P /tmp/t_e.txt
rcu_walk $ROOT $(plus $P 1) tmp $TMP ffff8f2941b2c5e8
rcu_in $TMP $(plus $P 5) t_e.txt
rcu_null $TMP t_e.txt
miss_last $TMP tmp $(plus $P 5) t_e.txt $SB_EXT4 4096 $TE0 $NULLP
open_ok $P /tmp/t_e.txt ffff8f2947a3d100 $TE0 t_e.txt "" ffff8f2941e01d38
drop ffff8f2943a7e020 1 $TE0:t_e.txt:ffff8f2941e01d38 $TMP:tmp:ffff8f2941b2c5e8 \
	$MO:$LONG:$NULLP:$MO_NAME ffff8f2940b6f0c0:minimal_open:ffff8f2941a0c120
nap 1
IN=ffff8f29465fd020            # seed 001 te_miss
TE=$(dn ffff8f29406394b8)      # seed 001: DST = __d_add = OUT (inline name)
open_in $IN /tmp/t_e.txt
tmp_again $IN
ref_in $TMP $(plus $IN 5) t_e.txt
miss_last $TMP tmp $(plus $IN 5) t_e.txt $SB_EXT4 4096 $TE ffff8f2941e01d38
open_ok $IN /tmp/t_e.txt ffff8f2947a3d100 $TE t_e.txt "" ffff8f2941e01d38
end 0 ""

# -- tm_miss: drop caches, open the missing /tmp/t_m.txt twice.
begin tm_miss 227
drop ffff8f2943a7e020 0 $TE:t_e.txt:ffff8f2941e01d38 $TMP:tmp:ffff8f2941b2c5e8 \
	ffff8f2940b6f600:te_miss:ffff8f2941a0c5d8
nap 1
IN=ffff8f294aea6020            # seed 001 tm_miss
TM=$(dn ffff8f29404744b8)      # seed 001: DST = __d_add = second open's __d_lookup_rcu
open_in $IN /tmp/t_m.txt
tmp_again $IN
ref_in $TMP $(plus $IN 5) t_m.txt
miss_last $TMP tmp $(plus $IN 5) t_m.txt $SB_EXT4 4096 $TM $NULLP
open_err $IN /tmp/t_m.txt $ENOENT_PTR -2
# the second open: the freed path copy is reused; the RCU walk finds both
open_in $IN /tmp/t_m.txt
rcu_walk $ROOT $(plus $IN 1) tmp $TMP ffff8f2941b2c5e8
rcu_walk $TMP $(plus $IN 5) t_m.txt $TM $NULLP
open_err $IN /tmp/t_m.txt $ENOENT_PTR -2
end 0 "tm_miss first open fd=-1
tm_miss second open fd=-1
"

# -- lm_miss: drop caches, open the missing l_m.txt relative to /lab/work.
begin lm_miss 240
unrelated "clocksource: Long readout interval, skipping watchdog check: cs_nsec: 1047683221 wd_nsec: 1047682754"
drop ffff8f2943a7e020 0 $TM:t_m.txt:$NULLP $TMP:tmp:ffff8f2941b2c5e8 \
	ffff8f2940b6f780:tm_miss:ffff8f2941a0c8b0
nap 1
IN=ffff8f2940f32020            # seed 001 lm_miss: SRC = IN
LM=$(dn ffff8f2961c271b8)      # seed 001: DST = __d_add
open_in $IN l_m.txt
rcu_in $WORK $IN l_m.txt
rcu_null $WORK l_m.txt
miss_last $WORK work $IN l_m.txt $SB_EXT4 4096 $LM $NULLP
open_err $IN l_m.txt $ENOENT_PTR -2
end 0 ""

# -- a_miss: drop caches, open /mnt/loopfs/a.txt on the ext2 loop mount.
begin a_miss 253
drop ffff8f2943a7e020 0 $LM:l_m.txt:$NULLP ffff8f2940b6f900:lm_miss:ffff8f2941a0cb88
nap 1
IN=ffff8f29477d2020            # seed 001 a_miss: SRC = IN + 12
AM=$(dn ffff8f294ca50ab8)      # seed 001: DST = __d_add = OUT
open_in $IN /mnt/loopfs/a.txt
rcu_walk $ROOT $(plus $IN 1) mnt $MNT ffff8f2941b2d0f0
rcu_walk $MNT $(plus $IN 5) loopfs $LOOPFS ffff8f2941b2d3c8
rcu_in $E2ROOT $(plus $IN 12) a.txt
rcu_null $E2ROOT a.txt
unrelated "hrtimer: interrupt took 2147620 ns"
miss_last $E2ROOT / $(plus $IN 12) a.txt $SB_EXT2 1024 $AM ffff8f2948c1e2a0
open_ok $IN /mnt/loopfs/a.txt ffff8f2947a3e600 $AM a.txt "" ffff8f2948c1e2a0
end 0 ""

# -- hits: creat both, drop caches, open both (misses), open both (hits).
# seed 001 prints one pointer per name across hits -> delete -> evict:
LE=$(dn ffff8f2995d00578)      # seed 001: l_e.txt
TE=$(dn ffff8f2ba0a0b3f8)      # seed 001: t_e.txt
begin hits 266
LE0=ffff8f2940a31c00 TE0=ffff8f2940a31cc0   # (lab) the creats' dentries, dropped
P=ffff8f2943a7c020
open_in $P l_e.txt             # l_e.txt is new: negative insert, then create
rcu_in $WORK $P l_e.txt
rcu_null $WORK l_e.txt
miss_last $WORK work $P l_e.txt $SB_EXT4 4096 $LE0 $NULLP
open_ok $P l_e.txt ffff8f2947a3d100 $LE0 l_e.txt "" ffff8f2941e05a10
open_in $P /tmp/t_e.txt        # t_e.txt exists since te_miss; /tmp was dropped
tmp_again $P
ref_in $TMP $(plus $P 5) t_e.txt
miss_last $TMP tmp $(plus $P 5) t_e.txt $SB_EXT4 4096 $TE0 ffff8f2941e01d38
open_ok $P /tmp/t_e.txt ffff8f2947a3d100 $TE0 t_e.txt "" ffff8f2941e01d38
drop ffff8f2943a7e020 0 $LE0:l_e.txt:ffff8f2941e05a10 $TE0:t_e.txt:ffff8f2941e01d38 \
	$TMP:tmp:ffff8f2941b2c5e8 $AM:a.txt:ffff8f2948c1e2a0
nap 1
for pass in 1 2; do
	P=ffff8f2943b10020
	open_in $P l_e.txt
	rcu_in $WORK $P l_e.txt
	if [ $pass = 1 ]; then
		rcu_null $WORK l_e.txt
		miss_last $WORK work $P l_e.txt $SB_EXT4 4096 $LE ffff8f2941e05a10
	else
		rcu_hit $WORK l_e.txt $LE ffff8f2941e05a10
	fi
	open_ok $P l_e.txt ffff8f2947a3d100 $LE l_e.txt "" ffff8f2941e05a10
	open_in $P /tmp/t_e.txt
	if [ $pass = 1 ]; then
		tmp_again $P
		ref_in $TMP $(plus $P 5) t_e.txt
		miss_last $TMP tmp $(plus $P 5) t_e.txt $SB_EXT4 4096 $TE ffff8f2941e01d38
	else
		rcu_walk $ROOT $(plus $P 1) tmp $TMP ffff8f2941b2c5e8
		rcu_walk $TMP $(plus $P 5) t_e.txt $TE ffff8f2941e01d38
	fi
	open_ok $P /tmp/t_e.txt ffff8f2947a3d200 $TE t_e.txt "" ffff8f2941e01d38
done
end 0 ""

# -- delete: creat, open, close both (all cached: RCU hits), unlink both.
begin delete 279
P=ffff8f2943a7c020
for i in 1 2; do
	open_in $P l_e.txt
	rcu_walk $WORK $P l_e.txt $LE ffff8f2941e05a10
	open_ok $P l_e.txt ffff8f2947a3d100 $LE l_e.txt "" ffff8f2941e05a10
	open_in $P /tmp/t_e.txt
	rcu_walk $ROOT $(plus $P 1) tmp $TMP ffff8f2941b2c5e8
	rcu_walk $TMP $(plus $P 5) t_e.txt $TE ffff8f2941e01d38
	open_ok $P /tmp/t_e.txt ffff8f2947a3d200 $TE t_e.txt "" ffff8f2941e01d38
done
# unlink(): lookup_dcache -> d_lookup hits, then d_delete (the dentry
# stays, negative: d_delete on the last reference unlinks the inode only)
dl_in $WORK $P l_e.txt
ref_in $WORK $P l_e.txt
dl_hit $WORK l_e.txt $LE ffff8f2941e05a10
del_ev $LE l_e.txt ffff8f2941e05a10
rcu_walk $ROOT $(plus $P 1) tmp $TMP ffff8f2941b2c5e8
dl_in $TMP $(plus $P 5) t_e.txt
ref_in $TMP $(plus $P 5) t_e.txt
dl_hit $TMP t_e.txt $TE ffff8f2941e01d38
del_ev $TE t_e.txt ffff8f2941e01d38
end 0 ""

# -- evict: creat (finds delete's negative dentries), open, close, drop.
begin evict 292
P=ffff8f2943a7c020
open_in $P l_e.txt
rcu_walk $WORK $P l_e.txt $LE $NULLP
dl_in $WORK $P l_e.txt
ref_in $WORK $P l_e.txt
dl_hit $WORK l_e.txt $LE $NULLP
open_ok $P l_e.txt ffff8f2947a3d100 $LE l_e.txt "" ffff8f2941e06c80
open_in $P /tmp/t_e.txt
rcu_walk $ROOT $(plus $P 1) tmp $TMP ffff8f2941b2c5e8
rcu_walk $TMP $(plus $P 5) t_e.txt $TE $NULLP
dl_in $TMP $(plus $P 5) t_e.txt
ref_in $TMP $(plus $P 5) t_e.txt
dl_hit $TMP t_e.txt $TE $NULLP
open_ok $P /tmp/t_e.txt ffff8f2947a3d200 $TE t_e.txt "" ffff8f2941e07158
open_in $P l_e.txt
rcu_walk $WORK $P l_e.txt $LE ffff8f2941e06c80
open_ok $P l_e.txt ffff8f2947a3d100 $LE l_e.txt "" ffff8f2941e06c80
open_in $P /tmp/t_e.txt
rcu_walk $ROOT $(plus $P 1) tmp $TMP ffff8f2941b2c5e8
rcu_walk $TMP $(plus $P 5) t_e.txt $TE ffff8f2941e07158
open_ok $P /tmp/t_e.txt ffff8f2947a3d200 $TE t_e.txt "" ffff8f2941e07158
drop ffff8f2943a7e020 0 $LE:l_e.txt:ffff8f2941e06c80 $TE:t_e.txt:ffff8f2941e07158 \
	$TMP:tmp:ffff8f2941b2c5e8 ffff8f2940b6fc00:delete:ffff8f2941a0d4e0
nap 1
end 0 ""

# -- rebuild: creat both, open both, drop caches, reopen /tmp/t_e.txt.
begin rebuild 305
BEFORE=$(dn ffff8f294cae1cf8)  # seed 001: before drop_caches (__d_add = OUT)
AFTER=$(dn ffff8f294045e638)   # seed 001: after drop_caches
L1=ffff8f2940a31f00            # (lab) l_e.txt's dentry here
P=ffff8f2943a7c020
open_in $P l_e.txt
rcu_in $WORK $P l_e.txt
rcu_null $WORK l_e.txt
miss_last $WORK work $P l_e.txt $SB_EXT4 4096 $L1 ffff8f2941e06c80
open_ok $P l_e.txt ffff8f2947a3d100 $L1 l_e.txt "" ffff8f2941e06c80
open_in $P /tmp/t_e.txt
tmp_again $P
ref_in $TMP $(plus $P 5) t_e.txt
miss_last $TMP tmp $(plus $P 5) t_e.txt $SB_EXT4 4096 $BEFORE ffff8f2941e07158
open_ok $P /tmp/t_e.txt ffff8f2947a3d200 $BEFORE t_e.txt "" ffff8f2941e07158
open_in $P l_e.txt
rcu_walk $WORK $P l_e.txt $L1 ffff8f2941e06c80
open_ok $P l_e.txt ffff8f2947a3d100 $L1 l_e.txt "" ffff8f2941e06c80
open_in $P /tmp/t_e.txt
rcu_walk $ROOT $(plus $P 1) tmp $TMP ffff8f2941b2c5e8
rcu_walk $TMP $(plus $P 5) t_e.txt $BEFORE ffff8f2941e07158
open_ok $P /tmp/t_e.txt ffff8f2947a3d200 $BEFORE t_e.txt "" ffff8f2941e07158
drop ffff8f2943a7e020 0 $L1:l_e.txt:ffff8f2941e06c80 $BEFORE:t_e.txt:ffff8f2941e07158 \
	$TMP:tmp:ffff8f2941b2c5e8 ffff8f2940b6fcc0:evict:ffff8f2941a0d7b8
nap 1
P=ffff8f2943b10020
open_in $P /tmp/t_e.txt
tmp_again $P
ref_in $TMP $(plus $P 5) t_e.txt
miss_last $TMP tmp $(plus $P 5) t_e.txt $SB_EXT4 4096 $AFTER ffff8f2941e07158
open_ok $P /tmp/t_e.txt ffff8f2947a3d200 $AFTER t_e.txt "" ffff8f2941e07158
end 0 ""

# -- post: the same with l_e.txt; the study saw the same address again.
begin post 318
PL=$(dn ffff8f2b77cdab78)      # seed 001: before = after (slab reuse)
T1=ffff8f2940a32080            # (lab) t_e.txt's dentry here
P=ffff8f2943a7c020
open_in $P l_e.txt
rcu_in $WORK $P l_e.txt
rcu_null $WORK l_e.txt
miss_last $WORK work $P l_e.txt $SB_EXT4 4096 $PL ffff8f2941e06c80
open_ok $P l_e.txt ffff8f2947a3d100 $PL l_e.txt "" ffff8f2941e06c80
open_in $P /tmp/t_e.txt
tmp_again $P
ref_in $TMP $(plus $P 5) t_e.txt
miss_last $TMP tmp $(plus $P 5) t_e.txt $SB_EXT4 4096 $T1 ffff8f2941e07158
open_ok $P /tmp/t_e.txt ffff8f2947a3d200 $T1 t_e.txt "" ffff8f2941e07158
open_in $P l_e.txt
rcu_walk $WORK $P l_e.txt $PL ffff8f2941e06c80
open_ok $P l_e.txt ffff8f2947a3d100 $PL l_e.txt "" ffff8f2941e06c80
open_in $P /tmp/t_e.txt
rcu_walk $ROOT $(plus $P 1) tmp $TMP ffff8f2941b2c5e8
rcu_walk $TMP $(plus $P 5) t_e.txt $T1 ffff8f2941e07158
open_ok $P /tmp/t_e.txt ffff8f2947a3d200 $T1 t_e.txt "" ffff8f2941e07158
drop ffff8f2943a7e020 0 $PL:l_e.txt:ffff8f2941e06c80 $T1:t_e.txt:ffff8f2941e07158 \
	$TMP:tmp:ffff8f2941b2c5e8 $AFTER:t_e.txt:ffff8f2941e07158
nap 1
P=ffff8f2943b10020
open_in $P l_e.txt
rcu_in $WORK $P l_e.txt
rcu_null $WORK l_e.txt
miss_last $WORK work $P l_e.txt $SB_EXT4 4096 $PL ffff8f2941e06c80
open_ok $P l_e.txt ffff8f2947a3d100 $PL l_e.txt "" ffff8f2941e06c80
end 0 ""

# -- user_trigger (case17): seed 002's DLOOKUP_REPLAY_RUN_LOG, pid 75221.
# The lab's directory is /lab/work (the study's was its repository's case
# folder): parent_name is "work", and the path copy's address IN is seed
# 002's name_ptr - strlen("/lab/work/"), which the study did not print.
C17=missing_case17_filp_75221.txt
SRC=ffff8dda082a8083           # seed 002: __d_alloc entry name_ptr
IN=$(printf '%016x' $((0x$SRC - 10)))
D17=ffff8ddc063cb3c0           # seed 002: dentry; dname_ptr ffff8ddc063cb3f8
begin user_trigger 75221
open_in $IN /lab/work/$C17
rcu_walk $ROOT $(plus $IN 1) lab $LAB ffff8f2941b2e140
rcu_walk $LAB $(plus $IN 5) work $WORK ffff8ddb28e95d98   # seed 002: parent_inode
rcu_in $WORK $SRC $C17
rcu_null $WORK $C17
miss_last $WORK work $SRC $C17 $SB_EXT4 4096 $D17 $NULLP
open_err $IN /lab/work/$C17 $ENOENT_PTR -2
line "vfslab_replay: result=HIT parent=$WORK parent_path=\"/lab/work\" parent_match=1 name=\"$C17\" hash=4050178378 computed_hash=4050178378 dentry=$D17 inode=$NULLP negative=1 unhashed=0"
end 0 "[USER] My PID: 75221
[USER] Starting Case 17 Trigger
[USER] Target: /lab/work/$C17
[USER] open() failed as expected. Result: -1, Errno: 2 (No such file or directory)
"

# -- openat_raw (case17): one raw openat on a missing name. Seed 002 gives
# only counts for it (1 do_filp_open, ERR_PTR(-ENOENT)); its run found the
# negative dentry already cached (__d_alloc: 0), a fresh boot allocates it:
# the pointers here are the lab's. (run.sh replays the study's cached case.)
RAW=missing_case17_raw_syscall.txt
begin openat_raw 331
IN=ffff8f2943d5e020
open_in $IN /lab/work/$RAW
rcu_walk $ROOT $(plus $IN 1) lab $LAB ffff8f2941b2e140
rcu_walk $LAB $(plus $IN 5) work $WORK ffff8ddb28e95d98
rcu_in $WORK $(plus $IN 10) $RAW
rcu_null $WORK $RAW
miss_last $WORK work $(plus $IN 10) $RAW $SB_EXT4 4096 ffff8f2940a32140 $NULLP
open_err $IN /lab/work/$RAW $ENOENT_PTR -2
end 0 ""
