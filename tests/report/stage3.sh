# Stage 3 suite tests, sourced by run.sh (its helpers: run, expect, bad_ids).
# fixtures/stage3-6.12 is a real `make lab SUITE=stage3` run on 6.12 (each
# scenario's dmesg.txt, stdout.txt, stderr.txt, exit_code; manifest.json):
#   1. every claim of triggers/stage3 passes on it;
#   2. one mutation per stage-3 program (cases 0-16), each breaking the
#      point of its case, fails exactly the claims that read that value
#      (a changed parent or hash also fails its NH recomputation).
# The sed edits anchor on the fixture's own seq numbers and pointers, and
# change an entry and its ret line alike (the report checks they agree).
scn3=${SCN3_DIR:-$top/triggers/stage3}
fx3=$fx/stage3-6.12

fresh3() { rm -rf "$t/run3"; cp -r "$fx3" "$t/run3"; }
# mut3 NAME SCENARIO SED-SCRIPT "IDS": the edit fails exactly IDS (exit 1)
mut3() {
	fresh3
	sed -i "$3" "$t/run3/$2/dmesg.txt"
	if cmp -s "$t/run3/$2/dmesg.txt" "$fx3/$2/dmesg.txt"; then
		not_ok "stage3 $1: the edit changed nothing (fixture moved?)"
		return
	fi
	run "$scn3" "$t/run3"
	expect "stage3 $1" "$t/run3" 1 "$4"
}

fresh3
run "$scn3" "$t/run3"
expect "stage3 fixture (real 6.12 run): every claim of triggers/stage3 passes" "$t/run3" 0 ""

# case 0: delta.txt's parent is not the gamma the mkdir made
mut3 "c0: delta.txt under another parent" s3c0_multipath \
	'/seq=51 probe=d_alloc_parallel/s/parent_name="gamma"/parent_name="beta"/' \
	"s3c0_multipath/parent_name:fail"
# case 1
mut3 "c1 relative: dfd 3 instead of AT_FDCWD" s3c1_relative \
	'/seq=1 probe=do_filp_open phase=entry/s/dfd=-100/dfd=3/' "s3c1_relative/at_fdcwd:fail"
mut3 "c1 at_fdcwd: the raw openat with another dfd" s3c1_at_fdcwd \
	'/seq=27 probe=do_filp_open phase=entry/s/dfd=-100/dfd=5/' "s3c1_at_fdcwd/three_fdcwd:fail"
mut3 "c1 dup_names: the two parents made equal" s3c1_dup_names \
	'/seq=27 probe=__d_alloc phase=ret/s/dentry=ffff888000688b40/dentry=ffff8880006886c0/' \
	"s3c1_dup_names/parents_differ:fail s3c1_dup_names/lookup2_parent:fail s3c1_dup_names/alloc2_parent:fail s3c1_dup_names/nh_2:fail"
mut3 "c1 o_path: the O_PATH open returns another dentry" s3c1_o_path \
	'/seq=17 probe=do_filp_open phase=ret/s/dentry=ffff8880006960c0/dentry=ffff8880006960c8/' \
	"s3c1_o_path/same_dentry:fail"
mut3 "c1 o_pathdir: openat from the cwd, not the fd" s3c1_o_pathdir \
	'/probe=do_filp_open phase=entry.*path="secret_file.txt"/s/dfd=3/dfd=-100/' "s3c1_o_pathdir/dfd_is_fd:fail"
mut3 "c1 o_tmpfile: the tmpfile dentry hashed (its kill line made an __d_add)" s3c1_o_tmpfile \
	'/seq=26 probe=__dentry_kill/s/probe=__dentry_kill/probe=__d_add/' "s3c1_o_tmpfile/never_hashed:fail"
mut3 "c1 threads: the dir-fd thread looks up under dir_B" s3c1_threads \
	'/seq=94 probe=__d_lookup_rcu phase=entry/s/parent=ffff888000696240/parent=ffff888000696d80/' \
	"s3c1_threads/fd_open_under_dir_a:fail s3c1_threads/nh_rcu:fail"
mut3 "c1 toctou: round A's open returns the real file" s3c1_toctou \
	'/seq=124 probe=do_filp_open phase=ret/s/dentry=ffff888000688300/dentry=ffff8880006883c0/' \
	"s3c1_toctou/round_a_follows_link:fail s3c1_toctou/round_a_not_real:fail"
mut3 "c1 loop_link: ELOOP turned ENOENT" s3c1_loop_link \
	'/probe=do_filp_open phase=ret/s/file=ffffffffffffffd8 err=-40/file=fffffffffffffffe err=-2/' \
	"s3c1_loop_link/eloop_ptr:fail s3c1_loop_link/eloop_err:fail"
mut3 "c1 fast_link: the open returns the link itself" s3c1_fast_link \
	'/seq=5 probe=do_filp_open phase=ret/s/dname="fast_target"/dname="fast_link"/' "s3c1_fast_link/out_is_target:fail"
mut3 "c1 vfs_trace: a hash lookup of \"..\"" s3c1_vfs_trace \
	'/seq=7[12] probe=__d_lookup_rcu/s/name="some_relative_file.txt"/name=".."/' \
	"s3c1_vfs_trace/no_dotdot_lookup:fail s3c1_vfs_trace/nh_rcu:fail"
mut3 "c1 vfstrig: GAMMA created under ALPHA" s3c1_vfstrig \
	'/seq=27 probe=d_alloc_parallel/s/parent_name="BETA"/parent_name="ALPHA"/' "s3c1_vfstrig/gamma_parent_name:fail"
# case 2: a second, deeper allocation in the deep miss
mut3 "c2: a deep-miss second __d_alloc (beta)" s3c2_deep_miss \
	'/seq=[56] probe=__d_alloc/s/name="tmp"/name="beta"/g' "s3c2_deep_miss/no_deeper_alloc:fail"
# case 3: the second open misses alpha
mut3 "c3: the second open does not find alpha" s3c3_deep_hit \
	'/seq=46 probe=__d_lookup_rcu phase=ret/s/dentry=ffff888000696300 .*/dentry=0000000000000000/' "s3c3_deep_hit/alpha_2:fail"
# case 4: the created dentry was never negative
mut3 "c4: __d_add with an inode (no negative stage)" s3c4_create \
	'/seq=19 probe=__d_add/s/inode=0000000000000000/inode=ffff8880024c0128/' "s3c4_create/add_negative:fail"
# case 5: the child looked up under the mountpoint (no mount crossed)
mut3 "c5: loop_file.txt looked up under the ext4 mountpoint" s3c5_mount \
	'/seq=6 probe=__d_lookup_rcu phase=entry/s/parent=ffff888000696f00/parent=ffff888000696180/' \
	"s3c5_mount/child_not_under_mountpoint:fail s3c5_mount/child_under_ext2_root:fail s3c5_mount/nh_rcu:fail"
# case 6: one follow fewer than MAXSYMLINKS + 1
mut3 "c6: 40 link lookups, not 41" s3c6_sym_loop \
	'0,/probe=__d_lookup phase=entry.*name="link_b"/{/probe=__d_lookup phase=entry.*name="link_b"/d}' \
	"s3c6_sym_loop/followed_maxsymlinks:fail"
# case 7: the fast link resolves to itself
mut3 "c7: good_link's open returns good_link" s3c7_sym_fast \
	'/seq=8 probe=do_filp_open phase=ret/s/dname="target.txt"/dname="good_link"/' "s3c7_sym_fast/out_is_target:fail"
# case 8
mut3 "c8 create: d_lookup finds a dentry before the O_EXCL create" s3c8_create \
	'/seq=4 probe=d_lookup phase=ret/s/dentry=0000000000000000/dentry=ffff888000688a80 dname_ptr=ffff888000688ab8 dname="creation_proof_1000.txt" inode=ffff8880024c0128/' "s3c8_create/d_lookup_miss:fail"
mut3 "c8 crt_deep: the parent is not mkdir's subdir" s3c8_crt_deep \
	'/seq=5 probe=__d_alloc phase=ret/s/dentry=ffff8880006880c0/dentry=ffff8880006880c8/' "s3c8_crt_deep/parent_is_mkdir:fail s3c8_crt_deep/nh:fail"
mut3 "c8 crt_long: the 65-byte name stored inline" s3c8_crt_long \
	'/seq=7 probe=__d_alloc phase=ret/s/dname_ptr=[0-9a-f]*/dname_ptr=ffff8880006881b8/' \
	"s3c8_crt_long/external_name:fail s3c8_crt_long/out_name_is_alloc:fail"
mut3 "c8 open_ex: the open returns another dentry than the lookup" s3c8_open_ex \
	'/seq=4 probe=do_filp_open phase=ret/s/dentry=ffff888000688d80/dentry=ffff888000688d88/' "s3c8_open_ex/hit:fail"
mut3 "c8 hashes: two hashes made equal" s3c8_hashes \
	'/seq=16 probe=d_alloc_parallel/s/hash=457830064/hash=91154645/' "s3c8_hashes/alpha_beta_differ:fail s3c8_hashes/nh_alloc:fail"
mut3 "c8 rename: rename's d_lookup finds the throwaway, not the file" s3c8_rename \
	'/seq=16 probe=d_lookup phase=ret/s/dentry=ffff888000688a80/dentry=ffff888000688480/' "s3c8_rename/rename_finds_d:fail"
# case 10: the new name hashes like the old one
mut3 "c10: dir_new hashes as dir_old" s3c10_dir_ren \
	'/seq=1[02] probe=d_lookup/s/hash=3803629421/hash=1601712166/' "s3c10_dir_ren/hashes_differ:fail s3c10_dir_ren/nh_lookups:fail s3c10_dir_ren/nh_new:fail"
# case 11: one child fewer
mut3 "c11: 99 children allocated" s3c11_bulk_ren \
	'/seq=12[12] probe=__d_alloc/s/name="child_7.txt"/name="kid_7.txt"/g' "s3c11_bulk_ren/hundred_children:fail"
# case 12: the two parents made equal
mut3 "c12: dir_B is dir_A" s3c12_puzzle \
	'/seq=11 probe=__d_alloc phase=ret/s/dentry=ffff888000688f00/dentry=ffff888000688540/' \
	"s3c12_puzzle/parents_differ:fail s3c12_puzzle/parent_after:fail s3c12_puzzle/hash_from_rename:fail s3c12_puzzle/nh_b:fail"
# case 13: equal hashes under two salts
mut3 "c13: hash_Z = hash_X" s3c13_avalanch \
	'/seq=36 probe=d_alloc_parallel/s/hash=2473986936/hash=3211710580/' "s3c13_avalanch/hashes_differ:fail s3c13_avalanch/nh_alloc:fail s3c13_avalanch/nh_z:fail"
# case 14: break_@ created under dir_1
mut3 "c14: break_@ under dir_1" s3c14_symmetry \
	'/seq=36 probe=d_alloc_parallel/s/parent=ffff8880006bd840/parent=ffff8880006bd540/' "s3c14_symmetry/at_parent:fail s3c14_symmetry/nh_alloc:fail"
# case 15: the create does not reuse the unlinked dentry
mut3 "c15 create: a new dentry instead of the negative one" s3c15_create \
	'/seq=8 probe=d_lookup phase=ret/s/dentry=ffff8880006bdb40/dentry=ffff8880006bdb48/' "s3c15_create/create_reuses:fail"
mut3 "c15 open: the create returned another dentry than the open finds" s3c15_create \
	'/seq=9 probe=do_filp_open phase=ret/s/dentry=ffff8880006bdb40/dentry=ffff8880006bdb48/' \
	"s3c15_create/out_is_d:fail s3c15_open/hit:fail s3c15_open/out:fail"
# case 16
mut3 "c16 exists: the reopen returns another dentry" s3c16_exists \
	'/seq=11 probe=do_filp_open phase=ret/s/dentry=ffff8880006880c0/dentry=ffff8880006880c8/' "s3c16_exists/same_dentry:fail"
mut3 "c16 missing: a positive dentry added" s3c16_missing \
	'/seq=12 probe=__d_add/s/inode=0000000000000000/inode=ffff8880007af308/' "s3c16_missing/add_negative:fail"
mut3 "c16 openat2: EACCES instead of ENOENT" s3c16_openat2 \
	'/seq=13 probe=do_filp_open phase=ret/s/file=fffffffffffffffe err=-2/file=fffffffffffffff3 err=-13/' "s3c16_openat2/missing_enoent:fail s3c16_openat2/missing_ptr:fail"
