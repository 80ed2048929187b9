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
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/utsname.h>

#define VT_FORMAT 1
#define VT_STR 192		/* longest name printed; the study's longest path is 114 */
#define VT_LINE 960		/* + "vfslab: " stays under printk's 992-byte record (6.1) */
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

/*
 * Read a kernel string; "" with false when it cannot be read. Byte by byte:
 * strncpy_from_kernel_nofault is not exported, and a wide copy could run
 * into an unmapped page after a short string.
 */
static bool vt_str(char *dst, const void *src)
{
	int i;

	dst[0] = '\0';
	if (!vt_ptr_ok(src))
		return false;
	for (i = 0; i < VT_STR - 1; i++) {
		if (copy_from_kernel_nofault(&dst[i], (const char *)src + i, 1)) {
			dst[0] = '\0';
			return false;
		}
		if (!dst[i])
			return true;
	}
	dst[i] = '\0';	/* truncated: longer than VT_STR - 1 */
	return true;
}

/* ---- line building ------------------------------------------------------- */

struct vt_line {
	char buf[VT_LINE];
	int len;
};

static __printf(2, 3) void vt_add(struct vt_line *l, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	l->len += vscnprintf(l->buf + l->len, sizeof(l->buf) - l->len, fmt, ap);
	va_end(ap);
}

/* key="escaped string", or key=? when the string could not be read. */
static void vt_add_str(struct vt_line *l, const char *key, const char *s, bool ok)
{
	if (!ok) {
		vt_add(l, " %s=?", key);
		return;
	}
	vt_add(l, " %s=\"", key);
	for (; *s; s++) {
		unsigned char c = *s;

		if (c == '"' || c == '\\')
			vt_add(l, "\\%c", c);
		else if (c < 0x20 || c > 0x7e)
			vt_add(l, "\\x%02x", c);
		else
			vt_add(l, "%c", c);
	}
	vt_add(l, "\"");
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
	vt_add(l, "seq=%lld probe=%s phase=%s", (long long)atomic64_inc_return(&vt_seq),
	       probe, phase);
	if (via)
		vt_add(l, " via=%s", via);
	vt_add(l, " pid=%d", task_pid_nr(current));
	vt_add_str(l, "comm", current->comm, true);
}

static void vt_emit(struct vt_line *l)
{
	pr_info("vfslab: %s\n", l->buf);
}

/* qstr as name_ptr name len hash (entry side of the lookup probes). */
struct vt_qstr {
	const void *name_ptr;
	char name[VT_STR];
	bool name_ok;
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
	struct vt_qstr q;
	char pname[VT_STR];
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

	q->name_ok = false;
	q->name_ptr = NULL;
	q->len = q->hash = 0;
	q->name[0] = '\0';
	if (!vt_ptr_ok(qs) || copy_from_kernel_nofault(&copy, qs, sizeof(copy)))
		return;
	q->name_ptr = copy.name;
	q->len = copy.len;
	q->hash = copy.hash;
	/* a qstr is not NUL-terminated at len: in a path walk it points into
	 * the whole remaining path, so copy exactly len bytes */
	n = min_t(u32, copy.len, VT_STR - 1);
	if (n && copy_from_kernel_nofault(q->name, copy.name, n))
		return;
	q->name[n] = '\0';
	q->name_ok = true;
}

static void vt_add_qstr(struct vt_line *l, const struct vt_qstr *q)
{
	vt_add_ptr(l, "name_ptr", q->name_ptr);
	vt_add_str(l, "name", q->name, q->name_ok);
	vt_add(l, " len=%u hash=%u", q->len, q->hash);
}

/* dentry as dentry dname_ptr dname. */
static void vt_add_dentry_name(struct vt_line *l, const struct dentry *d)
{
	const unsigned char *dname = NULL;
	char s[VT_STR];
	bool ok;

	vt_get(d, dname, d_name.name);
	ok = vt_str(s, dname);
	vt_add_ptr(l, "dentry", d);
	vt_add_ptr(l, "dname_ptr", dname);
	vt_add_str(l, "dname", s, ok);
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
	const void *ptr;	/* do_filp_open: filename->name */
	struct vt_qstr q;	/* lookups/__d_alloc: the qstr; do_filp_open: path */
};

/* ---- do_filp_open(int dfd, struct filename *pathname, const struct open_flags *op) */

static int vt_do_filp_open_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct vt_ret_data *d = (struct vt_ret_data *)ri->data;
	int dfd = (int)regs_get_kernel_argument(regs, 0);
	struct filename *fn = (struct filename *)regs_get_kernel_argument(regs, 1);
	const char *name = NULL;
	struct vt_line *l;

	if (!vt_is_target())
		return 1;	/* no return probe for other tasks */
	vt_get(fn, name, name);
	d->ptr = name;
	d->q.name_ok = vt_str(d->q.name, name);
	l = &vt_scratch_get()->l;
	vt_begin(l, "do_filp_open", NULL, "entry");
	vt_add(l, " dfd=%d", dfd);
	vt_add_ptr(l, "path_ptr", name);
	vt_add_str(l, "path", d->q.name, d->q.name_ok);
	vt_emit(l);
	return 0;
}
NOKPROBE_SYMBOL(vt_do_filp_open_entry);

static int vt_do_filp_open_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct vt_ret_data *d = (struct vt_ret_data *)ri->data;
	struct file *f = (struct file *)regs_return_value(regs);
	struct dentry *dentry = NULL;
	struct vt_line *l = &vt_scratch_get()->l;

	vt_begin(l, "do_filp_open", NULL, "ret");
	vt_add_ptr(l, "path_ptr", d->ptr);
	vt_add_str(l, "path", d->q.name, d->q.name_ok);
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
	vt_add_str(l, "name", q->name, q->name_ok);
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
	vt_lookup_entry_line("d_lookup", regs, &((struct vt_ret_data *)ri->data)->q);
	return 0;
}
NOKPROBE_SYMBOL(vt_d_lookup_entry);

static int vt_d_lookup_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	vt_lookup_ret_line("d_lookup", regs, &((struct vt_ret_data *)ri->data)->q);
	return 0;
}
NOKPROBE_SYMBOL(vt_d_lookup_ret);

static int vt_d_lookup_rcu_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	if (!vt_is_target())
		return 1;
	vt_lookup_entry_line("__d_lookup_rcu", regs, &((struct vt_ret_data *)ri->data)->q);
	return 0;
}
NOKPROBE_SYMBOL(vt_d_lookup_rcu_entry);

static int vt_d_lookup_rcu_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	vt_lookup_ret_line("__d_lookup_rcu", regs, &((struct vt_ret_data *)ri->data)->q);
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
	struct vt_ret_data *d = (struct vt_ret_data *)ri->data;
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
	struct vt_ret_data *d = (struct vt_ret_data *)ri->data;
	struct dentry *dentry = (struct dentry *)regs_return_value(regs);
	struct hlist_bl_node **pprev = NULL;
	struct qstr dn = {};
	struct vt_line *l = &vt_scratch_get()->l;

	vt_begin(l, "__d_alloc", NULL, "ret");
	vt_add_str(l, "name", d->q.name, d->q.name_ok);
	if (vt_ptr_ok(dentry)) {
		vt_add_dentry(l, dentry);
		vt_get(dentry, dn, d_name);
		vt_get(dentry, pprev, d_hash.pprev);
		/* hlist_bl_unhashed(): pprev is NULL until __d_rehash() */
		vt_add(l, " len=%u hash=%u unhashed=%d", dn.len, dn.hash, pprev == NULL);
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

/* d_add(dentry, inode) = security hook + __d_add. */
static int vt_d_add_entry(struct kprobe *p, struct pt_regs *regs)
{
	if (vt_is_target())
		vt_insert_line("d_add", (void *)regs_get_kernel_argument(regs, 0),
			       (void *)regs_get_kernel_argument(regs, 1));
	return 0;
}
NOKPROBE_SYMBOL(vt_d_add_entry);

/*
 * d_splice_alias(inode, dentry): ->lookup's way into __d_add. An ERR_PTR
 * inode returns before __d_add, so it is not an insert.
 */
static int vt_d_splice_alias_entry(struct kprobe *p, struct pt_regs *regs)
{
	const void *inode = (const void *)regs_get_kernel_argument(regs, 0);

	if (vt_is_target() && !IS_ERR(inode))
		vt_insert_line("d_splice_alias", (void *)regs_get_kernel_argument(regs, 1), inode);
	return 0;
}
NOKPROBE_SYMBOL(vt_d_splice_alias_entry);

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
	bool ok;

	if (!vt_is_target())
		return 0;
	b = vt_scratch_get();
	vt_read_qstr(&b->q, (const struct qstr *)regs_get_kernel_argument(regs, 1));
	vt_get(parent, pname, d_name.name);
	ok = vt_str(b->pname, pname);
	vt_get(parent, sb, d_sb);
	vt_get(sb, magic, s_magic);
	vt_get(sb, bsize, s_blocksize);
	vt_begin(&b->l, "d_alloc_parallel", NULL, "entry");
	vt_add_ptr(&b->l, "parent", parent);
	vt_add_str(&b->l, "parent_name", b->pname, ok);
	vt_add_qstr(&b->l, &b->q);
	vt_add(&b->l, " sb_magic=0x%lx blocksize=%lu", magic, bsize);
	vt_emit(&b->l);
	return 0;
}
NOKPROBE_SYMBOL(vt_d_alloc_parallel_entry);

/* ---- the probe table ----------------------------------------------------- */

struct vt_probe {
	const char *symbol;
	const char *as;			/* logical probe this symbol stands in for */
	kprobe_pre_handler_t pre;	/* kprobe (entry only) ... */
	kretprobe_handler_t entry;	/* ... or kretprobe with entry handler */
	kretprobe_handler_t ret;
	struct kprobe kp;
	struct kretprobe krp;
	int err;			/* registration result */
};

#define VT_KPROBE(sym, h) { .symbol = sym, .pre = h }
#define VT_KRETPROBE(sym, e, r) { .symbol = sym, .entry = e, .ret = r }
#define VT_FALLBACK(sym, for_sym, h) { .symbol = sym, .as = for_sym, .pre = h }

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
	/* registered only when the probe named in .as failed */
	VT_FALLBACK("d_splice_alias", "__d_add", vt_d_splice_alias_entry),
	VT_FALLBACK("d_add", "__d_add", vt_d_add_entry),
};

static struct vt_probe *vt_find(const char *symbol)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(vt_probes); i++)
		if (!vt_probes[i].as && !strcmp(vt_probes[i].symbol, symbol))
			return &vt_probes[i];
	return NULL;
}

static const char *vt_kind(const struct vt_probe *p)
{
	return p->pre ? "kprobe" : "kretprobe";
}

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

static void vt_unregister(struct vt_probe *p)
{
	if (p->pre) {
		unregister_kprobe(&p->kp);
		pr_info("vfslab: meta=unload symbol=%s kind=kprobe nmissed=%lu\n",
			p->symbol, p->kp.nmissed);
	} else {
		unregister_kretprobe(&p->krp);
		pr_info("vfslab: meta=unload symbol=%s kind=kretprobe nmissed=%lu\n",
			p->symbol, (unsigned long)p->krp.nmissed + p->krp.kp.nmissed);
	}
}

static int __init vt_init(void)
{
	int i, active = 0, unavailable = 0;

	pr_info("vfslab: meta=load format=%d target_comm=\"%s\" release=\"%s\" dentry_size=%zu dname_inline_len=%d\n",
		VT_FORMAT, target_comm, init_utsname()->release, sizeof(struct dentry),
		DNAME_INLINE_LEN);
	if (!target_comm[0])
		pr_warn("vfslab: meta=warning why=\"target_comm is empty: nothing will be traced\"\n");

	for (i = 0; i < ARRAY_SIZE(vt_probes); i++) {
		struct vt_probe *p = &vt_probes[i];
		struct vt_probe *main = p->as ? vt_find(p->as) : NULL;

		if (main && main->err == 0) {
			p->err = -EEXIST;	/* not needed: the real symbol is probed */
			continue;
		}
		p->err = vt_register(p);
		pr_info("vfslab: meta=probe symbol=%s kind=%s status=%s err=%d%s%s\n",
			p->symbol, vt_kind(p), p->err ? "unavailable" : "active", p->err,
			p->as ? " as=" : "", p->as ? p->as : "");
		if (p->err)
			unavailable++;
		else
			active++;
	}
	pr_info("vfslab: meta=probes active=%d unavailable=%d\n", active, unavailable);
	return 0;	/* load anyway: the report says what could not be traced */
}

static void __exit vt_exit(void)
{
	int i;

	for (i = ARRAY_SIZE(vt_probes) - 1; i >= 0; i--)
		if (vt_probes[i].err == 0)
			vt_unregister(&vt_probes[i]);
}

module_init(vt_init);
module_exit(vt_exit);
MODULE_DESCRIPTION("vfslab: trace a filename pointer through open() and the dcache");
MODULE_LICENSE("GPL");
