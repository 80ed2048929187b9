// SPDX-License-Identifier: GPL-2.0
/*
 * vfslab_trace: follow one filename pointer from open() into the dentry cache.
 *
 * A table of kprobes/kretprobes in the shape of samples/kprobes: one row per
 * kernel symbol with its entry and return handlers. Events of the task whose
 * comm equals target_comm are printed one per line in the stable key=value
 * format of docs/trace-format.md. Every pointer read goes through the
 * *_nofault helpers and skips NULL and ERR_PTR, so a surprising argument can
 * never oops the kernel under study.
 */
#include <linux/atomic.h>
#include <linux/dcache.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/openat2.h>
#include <linux/path.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/utsname.h>

#define VT_FORMAT 1
#define VT_STR 256		/* bytes read of a string: NAME_MAX + NUL */
#define VT_STR_OUT 320		/* most bytes one escaped string may take on a line */
#define VT_LINE 960		/* + "vfslab: " stays under printk's 992-byte record (6.1) */
#define VT_TRUNC " trunc=1"
#define VT_ROOM (VT_LINE - sizeof(VT_TRUNC))	/* the tail " trunc=1" always fits */
#define VT_MAXACTIVE 64		/* concurrent instances per kretprobe */

static char target_comm[TASK_COMM_LEN];
module_param_string(target_comm, target_comm, sizeof(target_comm), 0444);
MODULE_PARM_DESC(target_comm, "trace only tasks with this comm (required)");

static atomic64_t vt_seq = ATOMIC64_INIT(0);

/* ---- fault-safe reads -------------------------------------------------- */

static bool vt_ptr_ok(const void *p)
{
	return p && !IS_ERR(p);
}

static bool vt_copy(void *dst, const void *base, const void *src, size_t n)
{
	return vt_ptr_ok(base) && copy_from_kernel_nofault(dst, src, n) == 0;
}

/* Copy a kernel object field; false on NULL/ERR_PTR base or a fault. */
#define vt_get(base, dst, field) vt_copy(&(dst), (base), &(base)->field, sizeof(dst))

/* A string as read: ok = readable, cut = longer than VT_STR - 1 bytes. */
struct vt_str {
	char s[VT_STR];
	bool ok, cut;
};

/*
 * Read a kernel string. Byte by byte: strncpy_from_kernel_nofault is not
 * exported, and a wide copy could run into an unmapped page after a short
 * string.
 */
static void vt_read_str(struct vt_str *d, const void *src)
{
	int i;

	d->s[0] = '\0';
	d->ok = d->cut = false;
	if (!vt_ptr_ok(src))
		return;
	for (i = 0; i < VT_STR; i++) {
		if (copy_from_kernel_nofault(&d->s[i], (const char *)src + i, 1)) {
			d->s[0] = '\0';
			return;
		}
		if (!d->s[i]) {
			d->ok = true;
			return;
		}
	}
	/* VT_STR bytes without a NUL: keep VT_STR - 1 of them */
	d->s[VT_STR - 1] = '\0';
	d->ok = d->cut = true;
}

/*
 * A user string (do_sys_openat2's filename); unread when paged out. Byte
 * by byte for the same reason: strncpy_from_user_nofault is not exported.
 */
static void vt_read_user_str(struct vt_str *d, const char __user *src)
{
	int i;

	d->s[0] = '\0';
	d->ok = d->cut = false;
	for (i = 0; i < VT_STR; i++) {
		if (copy_from_user_nofault(&d->s[i], src + i, 1)) {
			d->s[0] = '\0';
			return;
		}
		if (!d->s[i]) {
			d->ok = true;
			return;
		}
	}
	d->s[VT_STR - 1] = '\0';
	d->ok = d->cut = true;
}

/* ---- line building ------------------------------------------------------- */

/*
 * A line never overflows silently: a key that does not fit is left out
 * whole, a string that does not fit ends early but keeps its closing
 * quote, and either sets trunc, printed as the last key (" trunc=1").
 */
struct vt_line {
	char buf[VT_LINE];
	int len;
	bool trunc;
};

static __printf(2, 3) void vt_add(struct vt_line *l, const char *fmt, ...)
{
	int room = VT_ROOM - l->len, n;
	va_list ap;

	va_start(ap, fmt);
	n = vsnprintf(l->buf + l->len, room, fmt, ap);
	va_end(ap);
	if (n >= room) {
		l->buf[l->len] = '\0';
		l->trunc = true;
		return;
	}
	l->len += n;
}

/* key="escaped string", or key=? when the string could not be read. */
static void vt_add_raw_str(struct vt_line *l, const char *key, const char *s, bool ok, bool cut)
{
	int end;

	if (!ok) {
		vt_add(l, " %s=?", key);
		return;
	}
	/* the opening and the closing quote must both fit */
	if (l->len + (int)strlen(key) + 4 >= (int)VT_ROOM) {
		l->trunc = true;
		return;
	}
	l->len += sprintf(l->buf + l->len, " %s=\"", key);
	end = min_t(int, VT_ROOM - 2, l->len + VT_STR_OUT);
	for (; *s; s++) {
		unsigned char c = *s;
		char e[5];
		int n;

		if (c == '"' || c == '\\')
			n = sprintf(e, "\\%c", c);
		else if (c < 0x20 || c > 0x7e)
			n = sprintf(e, "\\x%02x", c);
		else
			n = sprintf(e, "%c", c);
		if (l->len + n > end) {
			cut = true;	/* never half an escape */
			break;
		}
		memcpy(l->buf + l->len, e, n);
		l->len += n;
	}
	l->buf[l->len++] = '"';
	l->buf[l->len] = '\0';
	if (cut)
		l->trunc = true;
}

static void vt_add_str(struct vt_line *l, const char *key, const struct vt_str *s)
{
	vt_add_raw_str(l, key, s->s, s->ok, s->cut);
}

static void vt_add_ptr(struct vt_line *l, const char *key, const void *p)
{
	vt_add(l, " %s=%px", key, p);
}

static bool vt_is_target(void)
{
	return target_comm[0] && !strncmp(current->comm, target_comm, TASK_COMM_LEN);
}

/* Common head of an event line: seq, probe, phase, [via], pid, comm. */
static void vt_begin(struct vt_line *l, const char *probe, const char *via, const char *phase)
{
	l->len = 0;
	l->trunc = false;
	vt_add(l, "seq=%lld probe=%s phase=%s", (long long)atomic64_inc_return(&vt_seq),
	       probe, phase);
	if (via)
		vt_add(l, " via=%s", via);
	vt_add(l, " pid=%d", task_pid_nr(current));
	vt_add_raw_str(l, "comm", current->comm, true, false);
}

static void vt_emit(struct vt_line *l)
{
	if (l->trunc) {
		strcpy(l->buf + l->len, VT_TRUNC);
		l->len += sizeof(VT_TRUNC) - 1;
	}
	pr_info("vfslab: %s\n", l->buf);
}

/* qstr as name_ptr name len hash (entry side of the lookup probes). */
struct vt_qstr {
	const void *name_ptr;
	struct vt_str name;
	u32 len, hash;
};

/*
 * Per-CPU scratch for building a line. Probe handlers run with preemption
 * off and kprobes never nest on a CPU (a probe hit inside a handler is
 * counted in nmissed instead), so one set per CPU is enough, and no event is
 * ever lost to a failed GFP_ATOMIC allocation.
 */
struct vt_scratch {
	struct vt_line l;
	struct vt_qstr q, q2;
	struct vt_str s;	/* a second string: parent_name, link, path */
	struct vt_str dn;	/* vt_add_dentry_name's */
};
static DEFINE_PER_CPU(struct vt_scratch, vt_scratch);

static struct vt_scratch *vt_scratch_get(void)
{
	return this_cpu_ptr(&vt_scratch);
}

static void vt_read_qstr(struct vt_qstr *q, const struct qstr *qs)
{
	struct qstr copy = {};
	u32 n;

	q->name.ok = q->name.cut = false;
	q->name_ptr = NULL;
	q->len = q->hash = 0;
	q->name.s[0] = '\0';
	if (!vt_ptr_ok(qs) || copy_from_kernel_nofault(&copy, qs, sizeof(copy)))
		return;
	q->name_ptr = copy.name;
	q->len = copy.len;
	q->hash = copy.hash;
	/* a qstr is not NUL-terminated at len: in a path walk it points into
	 * the whole remaining path, so copy exactly len bytes */
	n = min_t(u32, copy.len, VT_STR - 1);
	if (n && copy_from_kernel_nofault(q->name.s, copy.name, n))
		return;
	q->name.s[n] = '\0';
	q->name.ok = true;
	q->name.cut = copy.len > n;
}

static void vt_add_qstr(struct vt_line *l, const struct vt_qstr *q)
{
	vt_add_ptr(l, "name_ptr", q->name_ptr);
	vt_add_str(l, "name", &q->name);
	vt_add(l, " len=%u hash=%u", q->len, q->hash);
}

/* dentry as dentry dname_ptr dname. */
static void vt_add_dentry_name(struct vt_line *l, const struct dentry *d)
{
	const unsigned char *dname = NULL;
	struct vt_str *s = &vt_scratch_get()->dn;

	vt_get(d, dname, d_name.name);
	vt_read_str(s, dname);
	vt_add_ptr(l, "dentry", d);
	vt_add_ptr(l, "dname_ptr", dname);
	vt_add_str(l, "dname", s);
}

/* dentry as dentry dname_ptr dname inode (its d_inode: NULL = negative). */
static void vt_add_dentry(struct vt_line *l, const struct dentry *d)
{
	struct inode *inode = NULL;

	vt_get(d, inode, d_inode);
	vt_add_dentry_name(l, d);
	vt_add_ptr(l, "inode", inode);
}

/* ---- per-instance state of the kretprobes -------------------------------- */

struct vt_ret_data {
	const void *ptr;	/* do_filp_open: filename->name; d_move, d_splice_alias: dentry;
				 * path_lookupat: struct path * */
	const void *ptr2;	/* d_splice_alias: inode */
	struct vt_qstr q;	/* lookups/__d_alloc: the qstr; do_filp_open: path */
};

static struct vt_ret_data *vt_data(struct kretprobe_instance *ri)
{
	return (struct vt_ret_data *)ri->data;
}

/* ---- do_filp_open(int dfd, struct filename *pathname, const struct open_flags *op) */

static int vt_do_filp_open_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct vt_ret_data *d = vt_data(ri);
	int dfd = (int)regs_get_kernel_argument(regs, 0);
	struct filename *fn = (struct filename *)regs_get_kernel_argument(regs, 1);
	const int *op = (const int *)regs_get_kernel_argument(regs, 2);
	const char *name = NULL;
	int open_flag;
	struct vt_line *l;

	if (!vt_is_target())
		return 1;	/* no return probe for other tasks */
	vt_get(fn, name, name);
	d->ptr = name;
	vt_read_str(&d->q.name, name);
	l = &vt_scratch_get()->l;
	vt_begin(l, "do_filp_open", NULL, "entry");
	vt_add(l, " dfd=%d", dfd);
	vt_add_ptr(l, "path_ptr", name);
	vt_add_str(l, "path", &d->q.name);
	/* struct open_flags is private to fs/internal.h; open_flag is its
	 * first member in every kernel the lab builds (6.1, 6.12) */
	if (vt_copy(&open_flag, op, op, sizeof(open_flag)))
		vt_add(l, " open_flag=0x%x", open_flag);
	vt_emit(l);
	return 0;
}
NOKPROBE_SYMBOL(vt_do_filp_open_entry);

static int vt_do_filp_open_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct vt_ret_data *d = vt_data(ri);
	struct file *f = (struct file *)regs_return_value(regs);
	struct dentry *dentry = NULL;
	struct vt_line *l = &vt_scratch_get()->l;

	vt_begin(l, "do_filp_open", NULL, "ret");
	vt_add_ptr(l, "path_ptr", d->ptr);
	vt_add_str(l, "path", &d->q.name);
	vt_add_ptr(l, "file", f);
	if (IS_ERR(f) || !f) {
		vt_add(l, " err=%ld", f ? PTR_ERR(f) : 0L);
	} else {
		vt_add(l, " err=0");
		vt_get(f, dentry, f_path.dentry);
		vt_add_dentry(l, dentry);
	}
	vt_emit(l);
	return 0;
}
NOKPROBE_SYMBOL(vt_do_filp_open_ret);

/* ---- d_lookup / __d_lookup_rcu (const struct dentry *parent, const struct qstr *name, ...) */

static void vt_lookup_entry_line(const char *probe, struct pt_regs *regs, struct vt_qstr *q)
{
	const void *parent = (const void *)regs_get_kernel_argument(regs, 0);
	struct vt_line *l;

	vt_read_qstr(q, (const struct qstr *)regs_get_kernel_argument(regs, 1));
	l = &vt_scratch_get()->l;
	vt_begin(l, probe, NULL, "entry");
	vt_add_ptr(l, "parent", parent);
	vt_add_qstr(l, q);
	vt_emit(l);
}

static void vt_lookup_ret_line(const char *probe, struct pt_regs *regs, struct vt_qstr *q)
{
	struct dentry *dentry = (struct dentry *)regs_return_value(regs);
	struct vt_line *l = &vt_scratch_get()->l;

	vt_begin(l, probe, NULL, "ret");
	vt_add_str(l, "name", &q->name);
	vt_add(l, " len=%u hash=%u", q->len, q->hash);
	if (vt_ptr_ok(dentry))
		vt_add_dentry(l, dentry);
	else
		vt_add_ptr(l, "dentry", dentry);
	vt_emit(l);
}

static int vt_d_lookup_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	if (!vt_is_target())
		return 1;
	vt_lookup_entry_line("d_lookup", regs, &vt_data(ri)->q);
	return 0;
}
NOKPROBE_SYMBOL(vt_d_lookup_entry);

static int vt_d_lookup_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	vt_lookup_ret_line("d_lookup", regs, &vt_data(ri)->q);
	return 0;
}
NOKPROBE_SYMBOL(vt_d_lookup_ret);

static int vt_d_lookup_rcu_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	if (!vt_is_target())
		return 1;
	vt_lookup_entry_line("__d_lookup_rcu", regs, &vt_data(ri)->q);
	return 0;
}
NOKPROBE_SYMBOL(vt_d_lookup_rcu_entry);

static int vt_d_lookup_rcu_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	vt_lookup_ret_line("__d_lookup_rcu", regs, &vt_data(ri)->q);
	return 0;
}
NOKPROBE_SYMBOL(vt_d_lookup_rcu_ret);

/* __d_lookup(parent, name): entry only, the ref-walk fallback of d_lookup. */
static int vt_d_lookup_slow_entry(struct kprobe *p, struct pt_regs *regs)
{
	if (vt_is_target())
		vt_lookup_entry_line("__d_lookup", regs, &vt_scratch_get()->q);
	return 0;
}
NOKPROBE_SYMBOL(vt_d_lookup_slow_entry);

/* ---- __d_alloc(struct super_block *sb, const struct qstr *name) ---------- */

static int vt_d_alloc_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct vt_ret_data *d = vt_data(ri);
	const void *sb = (const void *)regs_get_kernel_argument(regs, 0);
	struct vt_line *l;

	if (!vt_is_target())
		return 1;
	vt_read_qstr(&d->q, (const struct qstr *)regs_get_kernel_argument(regs, 1));
	l = &vt_scratch_get()->l;
	vt_begin(l, "__d_alloc", NULL, "entry");
	vt_add_ptr(l, "sb", sb);
	vt_add_qstr(l, &d->q);
	vt_emit(l);
	return 0;
}
NOKPROBE_SYMBOL(vt_d_alloc_entry);

static int vt_d_alloc_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct vt_ret_data *d = vt_data(ri);
	struct dentry *dentry = (struct dentry *)regs_return_value(regs);
	struct hlist_bl_node **pprev = NULL;
	struct inode *inode = NULL;
	struct qstr dn = {};
	struct vt_line *l = &vt_scratch_get()->l;

	vt_begin(l, "__d_alloc", NULL, "ret");
	vt_add_str(l, "name", &d->q.name);
	if (vt_ptr_ok(dentry)) {
		vt_add_dentry_name(l, dentry);
		vt_get(dentry, dn, d_name);
		vt_get(dentry, inode, d_inode);
		vt_get(dentry, pprev, d_hash.pprev);
		vt_add(l, " len=%u hash=%u", dn.len, dn.hash);
		vt_add_ptr(l, "inode", inode);
		/* hlist_bl_unhashed(): pprev is NULL until __d_rehash() */
		vt_add(l, " unhashed=%d", pprev == NULL);
	} else {
		vt_add_ptr(l, "dentry", dentry);
	}
	vt_emit(l);
	return 0;
}
NOKPROBE_SYMBOL(vt_d_alloc_ret);

/* ---- entry-only probes on a dentry --------------------------------------- */

static void vt_dentry_line(const char *probe, const char *via, const struct dentry *dentry)
{
	struct vt_line *l = &vt_scratch_get()->l;

	vt_begin(l, probe, via, "entry");
	vt_add_dentry(l, dentry);
	vt_emit(l);
}

/*
 * The cache insert, __d_add(dentry, inode), or a caller standing in for it.
 * The dentry's own d_inode is still NULL on entry (__d_add sets it), so the
 * line shows the inode being added: NULL means a negative dentry.
 */
static void vt_insert_line(const char *via, const struct dentry *dentry, const void *inode)
{
	struct vt_line *l = &vt_scratch_get()->l;

	vt_begin(l, "__d_add", via, "entry");
	vt_add_dentry_name(l, dentry);
	vt_add_ptr(l, "inode", inode);
	vt_emit(l);
}

static int vt_d_add_inline_entry(struct kprobe *p, struct pt_regs *regs)
{
	if (vt_is_target())
		vt_insert_line(NULL, (void *)regs_get_kernel_argument(regs, 0),
			       (void *)regs_get_kernel_argument(regs, 1));
	return 0;
}
NOKPROBE_SYMBOL(vt_d_add_inline_entry);

/* d_add(dentry, inode) = security hook + __d_add, always. */
static int vt_d_add_entry(struct kprobe *p, struct pt_regs *regs)
{
	if (vt_is_target())
		vt_insert_line("d_add", (void *)regs_get_kernel_argument(regs, 0),
			       (void *)regs_get_kernel_argument(regs, 1));
	return 0;
}
NOKPROBE_SYMBOL(vt_d_add_entry);

/*
 * d_splice_alias(inode, dentry): ->lookup's way into __d_add. It returns
 * NULL exactly when it ended in __d_add; an ERR_PTR inode, a directory
 * alias it moved (returned), and -ELOOP never insert this dentry. So the
 * line is printed at return, and only for NULL.
 */
static int vt_d_splice_alias_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct vt_ret_data *d = vt_data(ri);

	if (!vt_is_target())
		return 1;
	d->ptr2 = (const void *)regs_get_kernel_argument(regs, 0);
	d->ptr = (const void *)regs_get_kernel_argument(regs, 1);
	return IS_ERR(d->ptr2) ? 1 : 0;
}
NOKPROBE_SYMBOL(vt_d_splice_alias_entry);

static int vt_d_splice_alias_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct vt_ret_data *d = vt_data(ri);

	if (regs_return_value(regs) == 0)
		vt_insert_line("d_splice_alias", d->ptr, d->ptr2);
	return 0;
}
NOKPROBE_SYMBOL(vt_d_splice_alias_ret);

static int vt_d_delete_entry(struct kprobe *p, struct pt_regs *regs)
{
	if (vt_is_target())
		vt_dentry_line("d_delete", NULL, (void *)regs_get_kernel_argument(regs, 0));
	return 0;
}
NOKPROBE_SYMBOL(vt_d_delete_entry);

static int vt_dentry_kill_entry(struct kprobe *p, struct pt_regs *regs)
{
	if (vt_is_target())
		vt_dentry_line("__dentry_kill", NULL, (void *)regs_get_kernel_argument(regs, 0));
	return 0;
}
NOKPROBE_SYMBOL(vt_dentry_kill_entry);

/* d_alloc_parallel(parent, name, wq): case17's parent, child and superblock. */
static int vt_d_alloc_parallel_entry(struct kprobe *p, struct pt_regs *regs)
{
	const struct dentry *parent = (void *)regs_get_kernel_argument(regs, 0);
	const unsigned char *pname = NULL;
	struct super_block *sb = NULL;
	unsigned long magic = 0, bsize = 0;
	struct vt_scratch *b;

	if (!vt_is_target())
		return 0;
	b = vt_scratch_get();
	vt_read_qstr(&b->q, (const struct qstr *)regs_get_kernel_argument(regs, 1));
	vt_get(parent, pname, d_name.name);
	vt_read_str(&b->s, pname);
	vt_get(parent, sb, d_sb);
	vt_get(sb, magic, s_magic);
	vt_get(sb, bsize, s_blocksize);
	vt_begin(&b->l, "d_alloc_parallel", NULL, "entry");
	vt_add_ptr(&b->l, "parent", parent);
	vt_add_str(&b->l, "parent_name", &b->s);
	vt_add_qstr(&b->l, &b->q);
	vt_add(&b->l, " sb_magic=0x%lx blocksize=%lu", magic, bsize);
	vt_emit(&b->l);
	return 0;
}
NOKPROBE_SYMBOL(vt_d_alloc_parallel_entry);

/* ---- d_move(dentry, target): a rename keeps the dentry, takes target's name */

static void vt_add_moved(struct vt_line *l, const char *pfx, const struct dentry *d,
			 struct vt_qstr *q)
{
	const void *parent = NULL;

	vt_get(d, parent, d_parent);
	vt_read_qstr(q, vt_ptr_ok(d) ? &d->d_name : NULL);
	vt_add(l, " %s_parent=%px", pfx, parent);
	vt_add_raw_str(l, pfx[0] == 'o' ? "old_name" : "new_name", q->name.s, q->name.ok,
		       q->name.cut);
	vt_add(l, " %s_len=%u %s_hash=%u", pfx, q->len, pfx, q->hash);
}

static int vt_d_move_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	const struct dentry *dentry = (void *)regs_get_kernel_argument(regs, 0);
	const struct dentry *target = (void *)regs_get_kernel_argument(regs, 1);
	struct vt_scratch *b;

	if (!vt_is_target())
		return 1;
	vt_data(ri)->ptr = dentry;
	b = vt_scratch_get();
	vt_begin(&b->l, "d_move", NULL, "entry");
	vt_add_ptr(&b->l, "dentry", dentry);
	vt_add_ptr(&b->l, "target", target);
	vt_add_moved(&b->l, "old", dentry, &b->q);
	vt_add_moved(&b->l, "new", target, &b->q2);
	vt_emit(&b->l);
	return 0;
}
NOKPROBE_SYMBOL(vt_d_move_entry);

static int vt_d_move_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	const struct dentry *dentry = vt_data(ri)->ptr;
	const void *parent = NULL;
	struct qstr dn = {};
	struct vt_line *l = &vt_scratch_get()->l;

	vt_get(dentry, parent, d_parent);
	vt_get(dentry, dn, d_name);
	vt_begin(l, "d_move", NULL, "ret");
	vt_add_dentry_name(l, dentry);
	vt_add_ptr(l, "parent", parent);
	vt_add(l, " hash=%u", dn.hash);
	vt_emit(l);
	return 0;
}
NOKPROBE_SYMBOL(vt_d_move_ret);

/* ---- ->get_link(dentry, inode, done): ext4_get_link, page_get_link ------- */

static void vt_get_link_entry_line(const char *probe, struct pt_regs *regs)
{
	struct vt_line *l = &vt_scratch_get()->l;

	vt_begin(l, probe, NULL, "entry");
	vt_add_ptr(l, "dentry", (void *)regs_get_kernel_argument(regs, 0));
	vt_add_ptr(l, "inode", (void *)regs_get_kernel_argument(regs, 1));
	vt_emit(l);
}

static void vt_get_link_ret_line(const char *probe, struct pt_regs *regs)
{
	const char *link = (const char *)regs_return_value(regs);
	struct vt_scratch *b = vt_scratch_get();

	vt_begin(&b->l, probe, NULL, "ret");
	vt_add_ptr(&b->l, "link_ptr", link);
	if (IS_ERR_OR_NULL(link)) {
		vt_add(&b->l, " err=%ld", link ? PTR_ERR(link) : 0L);
	} else {
		vt_add(&b->l, " err=0");
		vt_read_str(&b->s, link);
		vt_add_str(&b->l, "link", &b->s);
	}
	vt_emit(&b->l);
}

static int vt_ext4_get_link_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	if (!vt_is_target())
		return 1;
	vt_get_link_entry_line("ext4_get_link", regs);
	return 0;
}
NOKPROBE_SYMBOL(vt_ext4_get_link_entry);

static int vt_ext4_get_link_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	vt_get_link_ret_line("ext4_get_link", regs);
	return 0;
}
NOKPROBE_SYMBOL(vt_ext4_get_link_ret);

static int vt_page_get_link_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	if (!vt_is_target())
		return 1;
	vt_get_link_entry_line("page_get_link", regs);
	return 0;
}
NOKPROBE_SYMBOL(vt_page_get_link_entry);

static int vt_page_get_link_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	vt_get_link_ret_line("page_get_link", regs);
	return 0;
}
NOKPROBE_SYMBOL(vt_page_get_link_ret);

/* ---- the syscall side: do_sys_openat2, the fd, putname ------------------- */

/* do_sys_openat2(int dfd, const char __user *filename, struct open_how *how) */
static int vt_openat2_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	const char __user *uptr = (const char __user *)regs_get_kernel_argument(regs, 1);
	const struct open_how *how = (void *)regs_get_kernel_argument(regs, 2);
	u64 flags = 0;
	struct vt_scratch *b;

	if (!vt_is_target())
		return 1;
	b = vt_scratch_get();
	vt_read_user_str(&b->s, uptr);
	vt_get(how, flags, flags);
	vt_begin(&b->l, "do_sys_openat2", NULL, "entry");
	vt_add(&b->l, " dfd=%d", (int)regs_get_kernel_argument(regs, 0));
	vt_add_ptr(&b->l, "uptr", (const void __force *)uptr);
	vt_add_str(&b->l, "path", &b->s);
	vt_add(&b->l, " flags=0x%llx", (unsigned long long)flags);
	vt_emit(&b->l);
	return 0;
}
NOKPROBE_SYMBOL(vt_openat2_entry);

/* The fd, or -errno, as a C int: the upper bits of rax are not part of it. */
static void vt_fd_ret_line(const char *probe, struct pt_regs *regs)
{
	struct vt_line *l = &vt_scratch_get()->l;

	vt_begin(l, probe, NULL, "ret");
	vt_add(l, " fd=%d", (int)regs_return_value(regs));
	vt_emit(l);
}

static int vt_openat2_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	vt_fd_ret_line("do_sys_openat2", regs);
	return 0;
}
NOKPROBE_SYMBOL(vt_openat2_ret);

/* get_unused_fd_flags(unsigned flags) */
static int vt_unused_fd_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct vt_line *l;

	if (!vt_is_target())
		return 1;
	l = &vt_scratch_get()->l;
	vt_begin(l, "get_unused_fd_flags", NULL, "entry");
	vt_add(l, " flags=0x%x", (unsigned int)regs_get_kernel_argument(regs, 0));
	vt_emit(l);
	return 0;
}
NOKPROBE_SYMBOL(vt_unused_fd_entry);

static int vt_unused_fd_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	vt_fd_ret_line("get_unused_fd_flags", regs);
	return 0;
}
NOKPROBE_SYMBOL(vt_unused_fd_ret);

/* fd_install(unsigned int fd, struct file *file) */
static int vt_fd_install_entry(struct kprobe *p, struct pt_regs *regs)
{
	const struct file *f = (void *)regs_get_kernel_argument(regs, 1);
	struct dentry *dentry = NULL;
	struct vt_line *l;

	if (!vt_is_target())
		return 0;
	vt_get(f, dentry, f_path.dentry);
	l = &vt_scratch_get()->l;
	vt_begin(l, "fd_install", NULL, "entry");
	vt_add(l, " fd=%d", (int)regs_get_kernel_argument(regs, 0));
	vt_add_ptr(l, "file", f);
	vt_add_dentry(l, dentry);
	vt_emit(l);
	return 0;
}
NOKPROBE_SYMBOL(vt_fd_install_entry);

/* putname(struct filename *name); NULL and ERR_PTR do nothing: not printed */
static int vt_putname_entry(struct kprobe *p, struct pt_regs *regs)
{
	const struct filename *fn = (void *)regs_get_kernel_argument(regs, 0);
	const char *name = NULL;
	atomic_t refcnt = ATOMIC_INIT(0);
	struct vt_scratch *b;

	if (!vt_is_target() || !vt_ptr_ok(fn))
		return 0;
	b = vt_scratch_get();
	vt_get(fn, name, name);
	vt_get(fn, refcnt, refcnt);
	vt_read_str(&b->s, name);
	vt_begin(&b->l, "putname", NULL, "entry");
	vt_add_ptr(&b->l, "filename", fn);
	vt_add_ptr(&b->l, "path_ptr", name);
	vt_add_str(&b->l, "path", &b->s);
	vt_add(&b->l, " refcnt=%d", refcnt.counter);
	vt_emit(&b->l);
	return 0;
}
NOKPROBE_SYMBOL(vt_putname_entry);

/* ---- the open's checks and the O_PATH walk -------------------------------- */

/* may_open(idmap, const struct path *path, int acc_mode, int flag) */
static int vt_may_open_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	const struct path *path = (void *)regs_get_kernel_argument(regs, 1);
	struct dentry *dentry = NULL;
	struct vt_line *l;

	if (!vt_is_target())
		return 1;
	vt_get(path, dentry, dentry);
	l = &vt_scratch_get()->l;
	vt_begin(l, "may_open", NULL, "entry");
	vt_add_dentry(l, dentry);
	vt_add(l, " acc_mode=%d open_flag=0x%x", (int)regs_get_kernel_argument(regs, 2),
	       (unsigned int)regs_get_kernel_argument(regs, 3));
	vt_emit(l);
	return 0;
}
NOKPROBE_SYMBOL(vt_may_open_entry);

static void vt_err_ret_line(const char *probe, struct pt_regs *regs, const struct path *path)
{
	int err = (int)regs_return_value(regs);
	struct dentry *dentry = NULL;
	struct vt_line *l = &vt_scratch_get()->l;

	vt_begin(l, probe, NULL, "ret");
	vt_add(l, " err=%d", err);
	if (path && !err) {
		vt_get(path, dentry, dentry);
		vt_add_dentry(l, dentry);
	}
	vt_emit(l);
}

static int vt_may_open_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	vt_err_ret_line("may_open", regs, NULL);
	return 0;
}
NOKPROBE_SYMBOL(vt_may_open_ret);

/* path_lookupat(struct nameidata *nd, unsigned flags, struct path *path):
 * nameidata is private to fs/namei.c, so only the flags and the result */
static int vt_path_lookupat_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct vt_line *l;

	if (!vt_is_target())
		return 1;
	vt_data(ri)->ptr = (const void *)regs_get_kernel_argument(regs, 2);
	l = &vt_scratch_get()->l;
	vt_begin(l, "path_lookupat", NULL, "entry");
	vt_add(l, " lookup_flags=0x%x", (unsigned int)regs_get_kernel_argument(regs, 1));
	vt_emit(l);
	return 0;
}
NOKPROBE_SYMBOL(vt_path_lookupat_entry);

static int vt_path_lookupat_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	vt_err_ret_line("path_lookupat", regs, vt_data(ri)->ptr);
	return 0;
}
NOKPROBE_SYMBOL(vt_path_lookupat_ret);

/* ---- the probe table ----------------------------------------------------- */

struct vt_probe {
	const char *symbol;
	const char *as;			/* logical probe this symbol stands in for */
	kprobe_pre_handler_t pre;	/* kprobe (entry only) ... */
	kretprobe_handler_t entry;	/* ... or kretprobe with entry handler */
	kretprobe_handler_t ret;
	struct kprobe kp;
	struct kretprobe krp;
	bool registered;
	int err;			/* registration result, when tried */
};

#define VT_KPROBE(sym, h) { .symbol = sym, .pre = h }
#define VT_KRETPROBE(sym, e, r) { .symbol = sym, .entry = e, .ret = r }
#define VT_FALLBACK(sym, for_sym, h) { .symbol = sym, .as = for_sym, .pre = h }
#define VT_FALLBACK_RET(sym, for_sym, e, r) { .symbol = sym, .as = for_sym, .entry = e, .ret = r }

static struct vt_probe vt_probes[] = {
	VT_KRETPROBE("do_filp_open", vt_do_filp_open_entry, vt_do_filp_open_ret),
	VT_KRETPROBE("d_lookup", vt_d_lookup_entry, vt_d_lookup_ret),
	VT_KPROBE("__d_lookup", vt_d_lookup_slow_entry),
	VT_KRETPROBE("__d_lookup_rcu", vt_d_lookup_rcu_entry, vt_d_lookup_rcu_ret),
	VT_KRETPROBE("__d_alloc", vt_d_alloc_entry, vt_d_alloc_ret),
	VT_KPROBE("__d_add", vt_d_add_inline_entry),
	VT_KPROBE("d_delete", vt_d_delete_entry),
	VT_KPROBE("__dentry_kill", vt_dentry_kill_entry),
	VT_KPROBE("d_alloc_parallel", vt_d_alloc_parallel_entry),
	VT_KRETPROBE("d_move", vt_d_move_entry, vt_d_move_ret),
	VT_KRETPROBE("ext4_get_link", vt_ext4_get_link_entry, vt_ext4_get_link_ret),
	VT_KRETPROBE("page_get_link", vt_page_get_link_entry, vt_page_get_link_ret),
	VT_KRETPROBE("do_sys_openat2", vt_openat2_entry, vt_openat2_ret),
	VT_KRETPROBE("get_unused_fd_flags", vt_unused_fd_entry, vt_unused_fd_ret),
	VT_KPROBE("fd_install", vt_fd_install_entry),
	VT_KPROBE("putname", vt_putname_entry),
	VT_KRETPROBE("may_open", vt_may_open_entry, vt_may_open_ret),
	VT_KRETPROBE("path_lookupat", vt_path_lookupat_entry, vt_path_lookupat_ret),
	/* registered only when the probe named in .as failed, wherever they sit */
	VT_FALLBACK_RET("d_splice_alias", "__d_add", vt_d_splice_alias_entry, vt_d_splice_alias_ret),
	VT_FALLBACK("d_add", "__d_add", vt_d_add_entry),
};

#define VT_N ARRAY_SIZE(vt_probes)

static struct vt_probe *vt_find(const char *symbol)
{
	int i;

	for (i = 0; i < VT_N; i++)
		if (!vt_probes[i].as && !strcmp(vt_probes[i].symbol, symbol))
			return &vt_probes[i];
	return NULL;
}

static const char *vt_kind(const struct vt_probe *p)
{
	return p->pre ? "kprobe" : "kretprobe";
}

/*
 * One at a time: register_kprobes() is all or nothing, and a kernel that
 * lacks one symbol must still get the others. Registering costs no RCU
 * grace period; unregistering does, so that is batched (vt_exit).
 */
static int vt_register(struct vt_probe *p)
{
	if (p->pre) {
		p->kp.symbol_name = p->symbol;
		p->kp.pre_handler = p->pre;
		return register_kprobe(&p->kp);
	}
	p->krp.kp.symbol_name = p->symbol;
	p->krp.entry_handler = p->entry;
	p->krp.handler = p->ret;
	p->krp.data_size = sizeof(struct vt_ret_data);
	p->krp.maxactive = VT_MAXACTIVE;
	return register_kretprobe(&p->krp);
}

/* Meta lines go through vt_line too (target_comm is escaped like any string). */
static struct vt_line vt_meta;

static int vt_active, vt_unavailable;

static void vt_try(struct vt_probe *p)
{
	p->err = vt_register(p);
	p->registered = p->err == 0;
	if (p->registered)
		vt_active++;
	else
		vt_unavailable++;
	pr_info("vfslab: meta=probe symbol=%s kind=%s status=%s err=%d%s%s\n",
		p->symbol, vt_kind(p), p->registered ? "active" : "unavailable", p->err,
		p->as ? " as=" : "", p->as ? p->as : "");
}

static int __init vt_init(void)
{
	int i;

	vt_meta.len = 0;
	vt_meta.trunc = false;
	vt_add(&vt_meta, "meta=load format=%d", VT_FORMAT);
	vt_add_raw_str(&vt_meta, "target_comm", target_comm, true, false);
	vt_add_raw_str(&vt_meta, "release", init_utsname()->release, true, false);
	vt_add(&vt_meta, " dentry_size=%zu dname_inline_len=%d", sizeof(struct dentry),
	       DNAME_INLINE_LEN);
	vt_emit(&vt_meta);
	if (!target_comm[0])
		pr_warn("vfslab: meta=warning why=\"target_comm is empty: nothing will be traced\"\n");

	/* the real symbols first, then a fallback only where its probe failed */
	for (i = 0; i < VT_N; i++)
		if (!vt_probes[i].as)
			vt_try(&vt_probes[i]);
	for (i = 0; i < VT_N; i++) {
		struct vt_probe *p = &vt_probes[i], *main;

		if (!p->as)
			continue;
		main = vt_find(p->as);
		if (!main || !main->registered)
			vt_try(p);
	}
	pr_info("vfslab: meta=probes active=%d unavailable=%d\n", vt_active, vt_unavailable);
	if (!vt_active) {
		pr_err("vfslab: meta=warning why=\"no probe registered: nothing to trace\"\n");
		return -ENOENT;
	}
	return 0;	/* load anyway: the report says what could not be traced */
}

static struct kprobe *vt_kps[VT_N];
static struct kretprobe *vt_krps[VT_N];

static void __exit vt_exit(void)
{
	int i, nk = 0, nr = 0;

	for (i = 0; i < VT_N; i++) {
		struct vt_probe *p = &vt_probes[i];

		if (!p->registered)
			continue;
		if (p->pre)
			vt_kps[nk++] = &p->kp;
		else
			vt_krps[nr++] = &p->krp;
	}
	/* one RCU grace period per call, not one per probe */
	if (nk)
		unregister_kprobes(vt_kps, nk);
	if (nr)
		unregister_kretprobes(vt_krps, nr);
	for (i = 0; i < VT_N; i++) {
		struct vt_probe *p = &vt_probes[i];

		if (!p->registered)
			continue;
		if (p->pre)
			pr_info("vfslab: meta=unload symbol=%s kind=kprobe nmissed=%lu\n",
				p->symbol, p->kp.nmissed);
		else
			pr_info("vfslab: meta=unload symbol=%s kind=kretprobe nmissed=%lu\n",
				p->symbol, (unsigned long)p->krp.nmissed + p->krp.kp.nmissed);
	}
}

module_init(vt_init);
module_exit(vt_exit);
MODULE_DESCRIPTION("vfslab: trace a filename pointer through open() and the dcache");
MODULE_LICENSE("GPL");
