/* Evaluates selectors, terms, conditions and templates against the logs,
 * recording the values used so the report can show its arithmetic. */
#include "run.h"
#include "xcheck.h"

#include <string.h>

struct cx {
	struct run *r;
	struct scen *self;
};

static struct eres ok(struct value v) { return (struct eres){ E_OK, v, NULL }; }
static struct eres bad(enum est st, const char *why) { return (struct eres){ st, { 0 }, why }; }

/* A selector that matches nothing is a FAIL only when its log is whole;
 * on an absent or cut log the event may simply not have been captured. */
static enum est nomatch(const struct scen *t) { return t->complete ? E_FAIL : E_MISSING; }

static struct eres let_value(struct cx *cx, int i)
{
	struct eres l = cx->self->letv[i];
	if (l.st != E_OK)
		l.why = xprintf("$%s: %s", cx->self->def->lets[i].name, l.why);
	return l;
}

static int filter_ok(const struct filter *f, const struct event *e, const struct value *rhs)
{
	const struct value *v = ev_get(e, f->key);
	if (!v || v->kind != rhs->kind)
		return 0;
	if (v->kind == V_NUM) {
		int c = num_cmp(v, rhs);
		return f->op == '=' ? c == 0 : f->op == '!' ? c != 0 : f->op == '<' ? c < 0 : c > 0;
	}
	if (f->op == '~')
		return !v->unread && !rhs->unread && v->slen >= rhs->slen &&
		       memcmp(v->s, rhs->s, rhs->slen) == 0;
	return f->op == '=' ? str_eq(v, rhs) : !str_eq(v, rhs);
}

/* The event a selector picks (or, with count, how many match). */
static struct eres pick(struct cx *cx, const struct sel *s, const struct event **out,
			struct scen **tgt, long *count)
{
	struct scen *t = s->scn ? run_find(cx->r, s->scn) : cx->self;
	if (tgt)
		*tgt = t;
	if (!t)
		return bad(E_FAIL, xprintf("no scenario '%s'", s->scn));
	if (!t->has_dmesg)
		return bad(E_MISSING, xprintf("%s has no dmesg.txt", t->def->name));
	const struct value **rhs = xalloc(sizeof *rhs * (size_t)(s->nf + 1));
	for (int i = 0; i < s->nf; i++) {
		if (s->f[i].vk == FV_LIT) {
			rhs[i] = &s->f[i].lit;
			continue;
		}
		struct eres l = let_value(cx, s->f[i].var);
		if (l.st != E_OK)
			return l;
		struct value *v = xalloc(sizeof *v);
		*v = l.v;
		rhs[i] = v;
	}
	/* A cut or damaged log lost an unknown tail (or line): how many events
	 * match, and which is last, are then unknown, not zero or earlier. */
	if (!t->complete && (count || s->index < 0))
		return bad(E_MISSING, xprintf("%s: the %s of a log that is not complete", s->text,
					      count ? "count" : "last matches"));
	/* Walk from the end for negative indexes; stop at the wanted match. */
	const struct log *lg = &t->log;
	long want = count ? -1 : s->index > 0 ? s->index : -s->index, n = 0;
	int back = !count && s->index < 0;
	for (int k = 0; k < lg->nev; k++) {
		const struct event *e = &lg->ev[back ? lg->nev - 1 - k : k];
		if (strcmp(e->probe, s->probe) || strcmp(e->phase, s->phase))
			continue;
		int all = 1;
		for (int j = 0; j < s->nf && all; j++)
			all = filter_ok(&s->f[j], e, rhs[j]);
		if (all && ++n == want && out) {
			*out = e;
			return ok((struct value){ 0 });
		}
	}
	if (count) {
		*count = n;
		return ok((struct value){ .kind = V_NUM, .u = (uint64_t)n });
	}
	return bad(nomatch(t), n ? xprintf("%s: only %ld event(s) match", s->text, n)
				 : xprintf("no event matches %s", s->text));
}

/* DNAME_INLINE_LEN / DENTRY_SIZE: the scenario's own meta=load, else the
 * run's (a kernel constant, equal in every scenario of one boot). */
static struct eres meta_const(struct cx *cx, int dil)
{
	const struct log *lg = &cx->self->log;
	long long v;
	if (lg->has_load)
		v = dil ? lg->dname_inline_len : lg->dentry_size;
	else if (cx->r->have_load)
		v = dil ? cx->r->dil : cx->r->dsz;
	else
		return bad(nomatch(cx->self), "no meta=load line in the run");
	return ok((struct value){ .kind = V_NUM, .u = (uint64_t)v });
}

static struct eres atom_eval(struct cx *cx, const struct atom *a)
{
	const struct event *e = NULL;
	struct scen *t = NULL;
	long n;
	switch (a->k) {
	case A_VAR:
		return let_value(cx, a->var);
	case A_DIL:
	case A_DSZ:
		return meta_const(cx, a->k == A_DIL);
	case A_COUNT:
		return pick(cx, &a->sel, NULL, NULL, &n);
	case A_FIELD: {
		struct eres r = pick(cx, &a->sel, &e, &t, NULL);
		if (r.st != E_OK)
			return r;
		const struct value *v = ev_get(e, a->field);
		if (!v)
			return bad(nomatch(t), xprintf("%s (%s/dmesg.txt:%d) has no %s", a->sel.text,
						       t->def->name, e->line, a->field));
		return ok(*v);
	}
	default:
		return ok(a->lit);
	}
}

static int literal(const struct atom *a)
{
	return a->k == A_NUM || a->k == A_NULL || a->k == A_STR || a->k == A_STRLEN;
}

/* A term is "compound" when its value needs showing how it was reached. */
static int compound(const struct term *t) { return t->n > 1 || t->a[0].k == A_STRLEN; }

/* Value of a term; *shown gets the term with its atoms' values in place. */
static struct eres term_eval(struct cx *cx, const struct term *t, const char **shown)
{
	struct sb b = { 0 };
	struct eres worst = { E_OK, { 0 }, NULL }, one = worst;
	uint64_t sum = 0;
	int deg = 0;
	for (int i = 0; i < t->n; i++) {
		char op = i ? t->op[i - 1] : '+';
		if (i)
			sb_printf(&b, " %c ", op);
		struct eres r = atom_eval(cx, &t->a[i]);
		if (r.st != E_OK) {
			if (r.st > worst.st)
				worst = r;
			sb_puts(&b, "(missing)");
			continue;
		}
		if (literal(&t->a[i]))
			sb_puts(&b, t->a[i].text);
		else
			fmt_value(&b, &r.v);
		one = r;
		sum = op == '+' ? sum + r.v.u : sum - r.v.u;
		if (r.v.disp == D_PTR)
			deg += op == '+' ? 1 : -1;
	}
	*shown = xstrdup(sb_str(&b));
	if (worst.st != E_OK)
		return worst;
	if (t->n == 1)
		return one;
	/* pointer - pointer is a signed difference; pointer +/- n a pointer. */
	return ok((struct value){ .kind = V_NUM, .u = sum, .disp = deg == 1 ? D_PTR : D_DEC });
}

static int holds(const struct value *a, const struct value *b, enum cmpop op)
{
	if (a->kind != b->kind)
		return 0;
	int c = a->kind == V_STR ? !str_eq(a, b) : num_cmp(a, b);
	switch (op) {
	case OP_EQ: return c == 0;
	case OP_NE: return c != 0;
	case OP_LT: return c < 0;
	case OP_LE: return c <= 0;
	case OP_GT: return c > 0;
	default: return c >= 0;
	}
}

static struct cres result(enum est worst, int pass, struct sb *b)
{
	struct cres c = { worst == E_MISSING ? R_MISSING : (worst == E_FAIL || !pass) ? R_FAIL : R_PASS,
			  xstrdup(sb_str(b)), NULL };
	return c;
}

static struct cres cmp_eval(struct cx *cx, const struct cond *c)
{
	struct eres *v = xalloc(sizeof *v * (size_t)c->nt);
	const char **shown = xalloc(sizeof *shown * (size_t)c->nt);
	struct sb b = { 0 }, whys = { 0 };
	enum est worst = E_OK;
	int all_eq = 1, all_compound = 1;
	for (int i = 0; i < c->nt; i++) {
		v[i] = term_eval(cx, &c->t[i], &shown[i]);
		if (v[i].st > worst)
			worst = v[i].st;
		/* one reason once: a missing log is the reason for every term */
		if (v[i].st != E_OK && !strstr(sb_str(&whys), v[i].why))
			sb_printf(&whys, " ; %s", v[i].why);
		all_compound &= compound(&c->t[i]);
		if (i && c->op[i - 1] != OP_EQ)
			all_eq = 0;
	}
	/* First how each compound term got its value ("0x..25 - 0x..20 = 5"),
	 * then the comparison itself unless those lines already show it. */
	for (int i = 0; i < c->nt; i++) {
		if (!compound(&c->t[i]))
			continue;
		sb_printf(&b, "%s%s = ", b.len ? " ; " : "", shown[i]);
		if (v[i].st == E_OK)
			fmt_value(&b, &v[i].v);
		else
			sb_puts(&b, "(missing)");
	}
	if (!(all_eq && all_compound)) {
		if (b.len)
			sb_puts(&b, " ; ");
		for (int i = 0; i < c->nt; i++) {
			if (i)
				sb_printf(&b, " %s ", op_text(c->op[i - 1]));
			if (!compound(&c->t[i]))
				sb_puts(&b, shown[i]);
			else if (v[i].st == E_OK)
				fmt_value(&b, &v[i].v);
			else
				sb_puts(&b, "(missing)");
		}
	}
	sb_puts(&b, sb_str(&whys));
	int pass = 1;
	for (int i = 0; worst == E_OK && i + 1 < c->nt; i++)
		pass &= holds(&v[i].v, &v[i + 1].v, c->op[i]);
	return result(worst, pass, &b);
}

/* inline(sel) / external(sel): where the picked event's name lives. */
static struct cres storage_eval(struct cx *cx, const struct cond *c)
{
	struct sb b = { 0 };
	const struct event *e = NULL;
	struct scen *t = NULL;
	struct eres r = pick(cx, &c->sel, &e, &t, NULL);
	const struct value *d = NULL, *n = NULL;
	if (r.st == E_OK) {
		d = ev_get(e, "dentry");
		n = ev_get(e, "dname_ptr");
		if (!d || !n)
			r = bad(nomatch(t), xprintf("%s (%s/dmesg.txt:%d) has no dentry/dname_ptr",
						    c->sel.text, t->def->name, e->line));
	}
	struct eres sz = r.st == E_OK ? meta_const(cx, 0) : r;
	if (sz.st != E_OK) {
		sb_puts(&b, sz.why);
		return result(sz.st, 0, &b);
	}
	int64_t off = (int64_t)(n->u - d->u);
	int inside = n->u >= d->u && n->u - d->u < sz.v.u;
	sb_printf(&b, "dentry 0x%016llx ; dname_ptr 0x%016llx ; dname_ptr - dentry = %lld ; "
		  "DENTRY_SIZE = %llu ; %s", (unsigned long long)d->u, (unsigned long long)n->u,
		  (long long)off, (unsigned long long)sz.v.u, inside ? "inline" : "external");
	return result(E_OK, c->k == C_INLINE ? inside : !inside, &b);
}

/* The first probe a condition reads (through its lets and $NAME filters
 * too) that the module declared unavailable in the log the selector reads.
 * Such a claim is not checkable on this kernel whatever it would evaluate
 * to: a missing event proves nothing, and neither does count(...) = 0. */
static const struct probe_line *term_gone(struct cx *cx, const struct term *t);

static const struct probe_line *sel_gone(struct cx *cx, const struct sel *s)
{
	const struct scen *t = s->scn ? run_find(cx->r, s->scn) : cx->self;
	const struct probe_line *p = t ? scen_unavailable(t, s->probe) : NULL;
	for (int i = 0; !p && i < s->nf; i++)
		if (s->f[i].vk == FV_VAR)
			p = term_gone(cx, &cx->self->def->lets[s->f[i].var].t);
	return p;
}

/* Lets only name earlier lets, so the recursion ends. */
static const struct probe_line *term_gone(struct cx *cx, const struct term *t)
{
	const struct probe_line *p = NULL;
	for (int i = 0; !p && i < t->n; i++) {
		const struct atom *a = &t->a[i];
		if (a->k == A_VAR)
			p = term_gone(cx, &cx->self->def->lets[a->var].t);
		else if (a->k == A_COUNT || a->k == A_FIELD)
			p = sel_gone(cx, &a->sel);
	}
	return p;
}

static const struct probe_line *cond_gone(struct cx *cx, const struct cond *c)
{
	if (c->k != C_CMP)
		return sel_gone(cx, &c->sel);
	const struct probe_line *p = NULL;
	for (int i = 0; !p && i < c->nt; i++)
		p = term_gone(cx, &c->t[i]);
	return p;
}

static const char *tmpl_eval(struct cx *cx, const struct tmpl *t)
{
	struct sb b = { 0 };
	sb_add(&b, "", 0);
	for (int i = 0; i < t->n; i++) {
		const struct tpart *p = &t->p[i];
		if (!p->is_term) {
			sb_puts(&b, p->lit);
			continue;
		}
		const char *shown;
		struct eres r = term_eval(cx, &p->t, &shown);
		if (r.st == E_OK)
			fmt_value_plain(&b, &r.v, p->hex);
		else
			sb_puts(&b, "(missing)");
	}
	return b.s;
}

static void scen_eval(struct run *r, struct scen *s)
{
	struct cx cx = { r, s };
	const struct scn *d = s->def;
	s->letv = xalloc(sizeof *s->letv * (size_t)(d->nlets + 1));
	for (int i = 0; i < d->nlets; i++) {
		const char *shown;
		s->letv[i] = term_eval(&cx, &d->lets[i].t, &shown);
	}
	s->res = xalloc(sizeof *s->res * (size_t)(d->nclaims + 1));
	int obs_missing = 0;
	for (int i = 0; i < d->nclaims; i++) {
		const struct claim *c = &d->claims[i];
		struct cres *x = &s->res[i];
		*x = c->c.k == C_CMP ? cmp_eval(&cx, &c->c) : storage_eval(&cx, &c->c);
		const struct probe_line *gone = cond_gone(&cx, &c->c);
		if (gone) {
			x->st = R_NOTCHECK;
			x->probe = gone->symbol;
			x->values = xprintf("%s ; not checkable on this kernel: probe %s unavailable (%s, err %lld)",
					    x->values, gone->symbol, gone->kind, gone->err);
		}
		if (c->observe) {
			s->nobs++;
			obs_missing |= x->st == R_MISSING;
		} else if (x->st == R_PASS)
			s->npass++;
		else if (x->st == R_FAIL)
			s->nfail++;
		else if (x->st == R_NOTCHECK)
			s->nnc++;
		else
			s->nmiss++;
	}
	s->rec = xalloc(sizeof *s->rec * (size_t)(d->nrec + 1));
	for (int i = 0; i < d->nrec; i++)
		s->rec[i] = tmpl_eval(&cx, &d->rec[i]);
	s->dia = xalloc(sizeof *s->dia * (size_t)(d->ndia + 1));
	for (int i = 0; i < d->ndia; i++)
		s->dia[i] = tmpl_eval(&cx, &d->dia[i]);
	if (!s->present)
		s->status = S_MISSING;
	else if (!s->complete || s->nmiss || obs_missing)
		s->status = S_INCOMPLETE;
	else
		s->status = s->nfail ? S_FAIL : S_PASS;
}

void run_eval(struct run *r)
{
	struct summary *m = &r->sum;
	memset(m, 0, sizeof *m);
	for (int i = 0; i < r->nsc; i++) {
		struct scen *s = &r->sc[i];
		scen_eval(r, s);
		m->passed += s->npass;
		m->failed += s->nfail;
		m->missing += s->nmiss;
		m->notcheck += s->nnc;
		m->observations += s->nobs;
		m->incomplete += s->status == S_INCOMPLETE;
		m->absent += s->status == S_MISSING;
	}
	m->claims = m->passed + m->failed + m->missing + m->notcheck;
	m->scenarios = r->nsc;
	/* A scenario that never ran (or ran partly) hides claims that might
	 * fail: that outranks a failure we could see. A claim not checkable on
	 * this kernel fails nothing: the kernel, not the run, lacks the probe. */
	xcheck_run(r);   /* two instruments that disagree fail the scenario */
	m->exit_code = (m->incomplete || m->absent) ? 2 : (m->failed || m->xfailed) ? 1 : 0;
}
