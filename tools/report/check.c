/* Consistency of a parsed module log: each line must agree with itself and
 * with the lines around it. A line that passes the parser but contradicts
 * itself (an ERR_PTR file with err=0 and a dentry), a ret with no entry, or
 * seq going backwards means the log cannot be trusted as the kernel's
 * account, so the scenario is incomplete rather than judged on it. */
#include "log.h"
#include "schema.h"

#include <stdio.h>
#include <string.h>

static void bad(struct log *lg, const struct event *e, const char *msg)
{
	VEC_GROW(lg->bad, lg->nbad, lg->badcap);
	lg->bad[lg->nbad++] = (struct parse_error){ e->line, msg };
}

static int same_value(const struct value *a, const struct value *b)
{
	if (a->kind != b->kind)
		return 0;
	if (a->kind == V_NUM)
		return a->u == b->u;
	return a->unread == b->unread && a->slen == b->slen && !memcmp(a->s, b->s, a->slen);
}

static long long num_of(const struct event *e, const char *key, int *has)
{
	const struct value *v = ev_get(e, key);
	*has = v && v->kind == V_NUM;
	return *has ? (long long)v->u : 0;
}

/* The most recent entry of the same probe in the same task that has no
 * ret yet: kretprobe instances return in LIFO order per task. */
static int entry_of(struct log *lg, int k)
{
	const struct event *r = &lg->ev[k];
	int hp, rpid = (int)num_of(r, "pid", &hp);
	for (int i = k - 1; i >= 0; i--) {
		const struct event *e = &lg->ev[i];
		int h, pid = (int)num_of(e, "pid", &h);
		if (e->load != r->load)
			break;
		if (!strcmp(e->phase, "entry") && !strcmp(e->probe, r->probe) && h && hp &&
		    pid == rpid && e->mate < 0)
			return i;
	}
	return -1;
}

static void check_ret(struct log *lg, int k)
{
	struct event *r = &lg->ev[k];
	/* only probes the format documents with an entry line are paired */
	if (!event_kind_known(r->probe, "entry"))
		return;
	int i = entry_of(lg, k);
	if (i < 0) {
		bad(lg, r, xprintf("%s.ret (seq=%lld) has no %s.entry line before it in its task",
				   r->probe, (long long)ev_get(r, "seq")->u, r->probe));
		return;
	}
	struct event *e = &lg->ev[i];
	e->mate = k;
	r->mate = i;
	char key[64];
	for (const char *p = carried_keys(r->probe); *p;) {
		size_t m = strcspn(p, " ");
		snprintf(key, sizeof key, "%.*s", (int)m, p);
		p += m + strspn(p + m, " ");
		const struct value *a = ev_get(e, key), *b = ev_get(r, key);
		if (a && b && !same_value(a, b))
			bad(lg, r, xprintf("%s.ret (seq=%lld) says %s differently from its entry (line %d)",
					   r->probe, (long long)ev_get(r, "seq")->u, key, e->line));
	}
}

/* do_filp_open's return: file is an ERR_PTR exactly when err != 0, and
 * then err is that ERR_PTR's errno (PTR_ERR). */
static void check_file_err(struct log *lg, const struct event *e)
{
	const struct value *f = ev_get(e, "file"), *err = ev_get(e, "err");
	if (!f || !err || f->kind != V_NUM || err->kind != V_NUM)
		return;
	int errp = is_err_ptr(f->u);
	if (errp && err->u == 0)
		bad(lg, e, xprintf("do_filp_open.ret: file=%016llx is an ERR_PTR but err=0",
				   (unsigned long long)f->u));
	else if (!errp && err->u != 0)
		bad(lg, e, xprintf("do_filp_open.ret: err=%lld but file=%016llx is not an ERR_PTR",
				   (long long)err->u, (unsigned long long)f->u));
	else if (errp && err->u != f->u)
		bad(lg, e, xprintf("do_filp_open.ret: err=%lld but file=%016llx is ERR_PTR(%lld)",
				   (long long)err->u, (unsigned long long)f->u, (long long)f->u));
}

/* A dentry that exists has a name: d_name is never empty (the root's is
 * "/"). `?` (could not be read) is the module saying so, not a contradiction. */
static void check_dname(struct log *lg, const struct event *e)
{
	const struct value *d = ev_get(e, "dentry"), *n = ev_get(e, "dname");
	if (d && n && d->kind == V_NUM && n->kind == V_STR && cond_applies(COND_PTR, d->u) &&
	    !n->unread && n->slen == 0)
		bad(lg, e, xprintf("%s.%s: dentry=%016llx with an empty dname", e->probe, e->phase,
				   (unsigned long long)d->u));
}

void log_check(struct log *lg)
{
	long long last = 0;
	int load = -1;
	for (int k = 0; k < lg->nev; k++) {
		struct event *e = &lg->ev[k];
		if (!strcmp(e->probe, "replay"))
			continue;
		if (e->load != load) {
			load = e->load;
			last = 0;
		}
		long long seq = (long long)ev_get(e, "seq")->u;
		if (seq <= last)
			bad(lg, e, xprintf("seq=%lld after seq=%lld: seq must strictly increase", seq, last));
		else
			last = seq;
		if (!strcmp(e->phase, "ret"))
			check_ret(lg, k);
		if (!strcmp(e->probe, "do_filp_open") && !strcmp(e->phase, "ret"))
			check_file_err(lg, e);
		check_dname(lg, e);
	}
}
