// SPDX-License-Identifier: GPL-2.0
/*
 * vfslab_replay: case17's post-proof. After the traced open() failed, look the
 * captured (parent, name, hash) up again with the exported d_lookup() and say
 * whether the negative dentry is in the hash table.
 *
 * The parent is resolved by path (kern_path) and only compared with the
 * captured pointer: a raw address from the command line is never dereferenced.
 * Prints one line (docs/trace-format.md) and stays loaded until rmmod.
 */
#include <linux/dcache.h>
#include <linux/err.h>
#include <linux/module.h>
#include <linux/namei.h>
#include <linux/path.h>
#include <linux/string.h>
#include <linux/stringhash.h>

static char *parent_path;
module_param(parent_path, charp, 0444);
MODULE_PARM_DESC(parent_path, "absolute path of the parent directory (required)");
static unsigned long parent_addr;
module_param(parent_addr, ulong, 0444);
MODULE_PARM_DESC(parent_addr, "parent dentry pointer captured by vfslab_trace (required, compared only)");
static char *child_name;
module_param(child_name, charp, 0444);
MODULE_PARM_DESC(child_name, "the missing file's name (required, no '/')");
/* wider than the hash, so "not given" (the default) cannot be a real hash */
static unsigned long long child_hash = ULLONG_MAX;
module_param(child_hash, ullong, 0444);
MODULE_PARM_DESC(child_hash, "the 32-bit hash captured at d_alloc_parallel/__d_alloc (required)");

/* The one ERROR line, at KERN_ERR; init returns err, so insmod fails. */
static int vr_error(int err, const char *why)
{
	pr_err("vfslab_replay: result=ERROR err=%d why=\"%s\"\n", err, why);
	return err;
}

/* Why the parameters cannot be replayed, or NULL. */
static const char *vr_bad_params(void)
{
	if (!parent_path || parent_path[0] != '/')
		return "parent_path= must be an absolute path";
	if (!parent_addr)
		return "parent_addr= is required (the captured parent pointer)";
	if (!child_name || !child_name[0] || strchr(child_name, '/'))
		return "child_name= is required, without '/'";
	if (child_hash > U32_MAX)
		return "child_hash= is required (a 32-bit hash)";
	return NULL;
}

static int __init vr_init(void)
{
	struct dentry *parent, *dentry;
	const char *bad = vr_bad_params();
	struct path path;
	struct qstr q;
	u32 computed;
	int err;

	if (bad)
		return vr_error(-EINVAL, bad);
	err = kern_path(parent_path, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &path);
	if (err)
		return vr_error(err, "kern_path(parent_path) failed");
	parent = path.dentry;
	q = (struct qstr)QSTR_INIT(child_name, strlen(child_name));
	computed = full_name_hash(parent, q.name, q.len);
	q.hash = (u32)child_hash;	/* replay exactly what was captured */
	dentry = d_lookup(parent, &q);
	pr_info("vfslab_replay: result=%s parent=%px parent_path=\"%s\" parent_match=%d name=\"%s\" hash=%u computed_hash=%u dentry=%px inode=%px negative=%d unhashed=%d\n",
		dentry ? "HIT" : "MISS", parent, parent_path,
		(unsigned long)parent == parent_addr, child_name, q.hash, computed,
		dentry, dentry ? d_inode(dentry) : NULL,
		dentry ? d_is_negative(dentry) : 0, dentry ? d_unhashed(dentry) : 0);
	dput(dentry);
	path_put(&path);
	return 0;
}

static void __exit vr_exit(void)
{
}

module_init(vr_init);
module_exit(vr_exit);
MODULE_DESCRIPTION("vfslab: replay case17's d_lookup on the captured parent and name");
MODULE_LICENSE("GPL");
