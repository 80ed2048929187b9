/* Evaluates selectors, terms, conditions and templates against the logs,
 * recording the values used so the report can show its arithmetic. */
#include "run.h"
#include "hash.h"
#include "schema.h"
#include "xcheck.h"

#include <string.h>

struct cx {
	struct run *r;
	struct scen *self;
	const struct event *cur;   /* every(sel): the event at hand */
	struct scen *cur_t;        /* and the scenario whose log holds it */
};

static struct eres ok(struct value v) { return (struct eres){ E_OK, v, NULL }; }
static struct eres bad(enum est st, const char *why) { return (struct eres){ st, { 0 }, why }; }

/* A selector that matches nothing is a FAIL only when its log is whole;
 * on an absent or cut log the event may simply not have been captured. */
static enum est nomatch(const struct scen *t) { return t->complete ? E_FAIL : E_MISSING; }
static enum est nomatch_in(const struct scen *t, const char *probe)
{
	return scen_log_complete(t, probe) ? E_FAIL : E_MISSING;
}

/* The file a probe's events come from, for messages. */
static const char *src_file(const char *probe)
{
	return is_stream(probe) ? xprintf("%s.txt", probe) : "dmesg.txt";
}

static struct eres let_value(struct cx *cx, int i)
{
	struct eres l = cx->self->letv[i];
	if (l.st != E_OK)
		l.why = xprintf("$%s: %s", cx->self->def->lets[i].name, l.why);
	return l;
}

/* in(sel): the entry..ret seq range of one call, in its task. */
struct range { uint64_t lo, hi, pid; };

static int filter_ok(const struct filter *f, const struct event *e, const struct value *rhs,
		     const struct range *in)
{
	if (f->op == 'I') {
		const struct value *q = ev_get(e, "seq"), *p = ev_get(e, "pid");
		return q && p && q->u > in->lo && q->u < in->hi && p->u == in->pid;
	}
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

static struct eres pick_at(struct cx *cx, struct scen *t, const struct sel *s,
			   const struct event **out, long *count);

/* The call an in(sel) filter names, as the seq range between its entry
 * and its ret (paired by the log check) and its task. */
static struct eres call_range(struct cx *cx, struct scen *t, const struct sel *s, struct range *rg)
{
	const struct event *c = NULL;
	struct eres r = pick_at(cx, t, s, &c, NULL);
	if (r.st != E_OK)
		return r;
	const struct log *lg = &t->log;
	const struct event *e = c, *x = c->mate >= 0 ? &lg->ev[c->mate] : NULL;
	if (!strcmp(c->phase, "ret")) {
		e = x;
		x = c;
	}
	if (!e || !x)
		return bad(nomatch(t), xprintf("in(%s): %s/dmesg.txt:%d has no %s line", s->text,
					       t->def->name, c->line, e ? "ret" : "entry"));
	rg->lo = ev_get(e, "seq")->u;
	rg->hi = ev_get(x, "seq")->u;
	rg->pid = ev_get(e, "pid") ? ev_get(e, "pid")->u : 0;
	return ok((struct value){ 0 });
}

/* The events of t's log that s matches, in log order (from the end with
 * back). With one, stops at the want-th match and sets *one; with all,
 * collects every match into *all. *n counts the matches seen. */
static struct eres matches(struct cx *cx, struct scen *t, const struct sel *s, long want, int back,
			   const struct event **one, const struct event ***all, long *n)
{
	const struct value **rhs = xalloc(sizeof *rhs * (size_t)(s->nf + 1));
	struct range *rg = xalloc(sizeof *rg * (size_t)(s->nf + 1));
	for (int i = 0; i < s->nf; i++) {
		if (s->f[i].op == 'I') {
			struct eres r = call_range(cx, t, s->f[i].in, &rg[i]);
			if (r.st != E_OK)
				return r;
			continue;
		}
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
	const struct log *lg = scen_log(t, s->probe);
	if (all)
		*all = xalloc(sizeof **all * (size_t)(lg->nev + 1));
	*n = 0;
	for (int k = 0; k < lg->nev; k++) {
		const struct event *e = &lg->ev[back ? lg->nev - 1 - k : k];
		if (strcmp(e->probe, s->probe) || strcmp(e->phase, s->phase))
			continue;
		int ok_all = 1;
		for (int j = 0; j < s->nf && ok_all; j++)
			ok_all = filter_ok(&s->f[j], e, rhs[j], &rg[j]);
		if (!ok_all)
			continue;
		if (all)
			(*all)[*n] = e;
		if (++*n == want && one) {
			*one = e;
			break;
		}
	}
	return ok((struct value){ 0 });
}

/* The event a selector picks in t (or, with count, how many match). */
static struct eres pick_at(struct cx *cx, struct scen *t, const struct sel *s,
			   const struct event **out, long *count)
{
	if (!scen_log_present(t, s->probe))
		return bad(E_MISSING, xprintf("%s has no %s", t->def->name, src_file(s->probe)));
	/* A cut or damaged log lost an unknown tail (or line): how many events
	 * match, and which is last, are then unknown, not zero or earlier. */
	if (!scen_log_complete(t, s->probe) && (count || s->index < 0))
		return bad(E_MISSING, xprintf("%s: the %s of a log that is not complete", s->text,
					      count ? "count" : "last matches"));
	/* Walk from the end for negative indexes; stop at the wanted match. */
	long want = count ? -1 : s->index > 0 ? s->index : -s->index, n = 0;
	const struct event *e = NULL;
	struct eres r = matches(cx, t, s, want, !count && s->index < 0, count ? NULL : &e, NULL, &n);
	if (r.st != E_OK)
		return r;
	if (count) {
		*count = n;
		return ok((struct value){ .kind = V_NUM, .u = (uint64_t)n });
	}
	if (n == want) {
		*out = e;
		return ok((struct value){ 0 });
	}
	return bad(nomatch_in(t, s->probe), n ? xprintf("%s: only %ld event(s) match", s->text, n)
					      : xprintf("no event matches %s", s->text));
}

static struct eres pick(struct cx *cx, const struct sel *s, const struct event **out,
			struct scen **tgt, long *count)
{
	struct scen *t = s->scn ? run_find(cx->r, s->scn) : cx->self;
	if (tgt)
		*tgt = t;
	if (!t)
		return bad(E_FAIL, xprintf("no scenario '%s'", s->scn));
	return pick_at(cx, t, s, out, count);
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

static struct eres term_eval(struct cx *cx, const struct term *t, const char **shown);

/* NH(parent, name), xor(a, b), popcount(a); *shown is the call with its
 * arguments' values, e.g. NH(0xffff888000ac9020, "t_e.txt"). */
static struct eres func_eval(struct cx *cx, const struct atom *a, const char **shown)
{
	static const char *names[] = { [F_NH] = "NH", [F_XOR] = "xor", [F_POPCOUNT] = "popcount" };
	struct eres v[2];
	struct sb b = { 0 };
	enum est worst = E_OK;
	const char *why = NULL;
	sb_printf(&b, "%s(", names[a->fn]);
	for (int i = 0; i < a->nargs; i++) {
		const char *sh;
		v[i] = term_eval(cx, &a->args[i], &sh);
		sb_printf(&b, "%s%s", i ? ", " : "", sh);
		if (v[i].st > worst) {
			worst = v[i].st;
			why = v[i].why;
		}
	}
	sb_putc(&b, ')');
	*shown = xstrdup(sb_str(&b));
	if (worst != E_OK)
		return bad(worst, why);
	switch (a->fn) {
	case F_NH:
		/* the bytes the kernel hashed are unknown: not a wrong hash */
		if (v[1].v.unread || v[1].v.partial)
			return bad(E_MISSING, xprintf("%s: the name was not read whole (%s)", *shown,
						      v[1].v.unread ? "?" : "trunc=1"));
		return ok((struct value){ .kind = V_NUM,
					  .u = nh_full_name_hash(v[0].v.u, v[1].v.s, v[1].v.slen) });
	case F_XOR:
		return ok((struct value){ .kind = V_NUM, .u = v[0].v.u ^ v[1].v.u, .disp = D_HEX });
	default:
		return ok((struct value){ .kind = V_NUM, .u = (uint64_t)popcount64(v[0].v.u) });
	}
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
			return bad(nomatch_in(t, a->sel.probe),
				   xprintf("%s (%s/%s:%d) has no %s", a->sel.text, t->def->name,
					   src_file(a->sel.probe), e->line, a->field));
		return ok(*v);
	}
	case A_CUR: {
		const struct value *v = ev_get(cx->cur, a->field);
		if (!v)
			return bad(nomatch_in(cx->cur_t, cx->cur->probe),
				   xprintf("%s/%s:%d has no %s", cx->cur_t->def->name,
					   src_file(cx->cur->probe), cx->cur->line, a->field));
		return ok(*v);
	}
	case A_FUNC: {
		const char *shown;
		return func_eval(cx, a, &shown);
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
static int compound(const struct term *t)
{
	return t->n > 1 || t->a[0].k == A_STRLEN || t->a[0].k == A_FUNC;
}

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
		const char *call = NULL;
		struct eres r = t->a[i].k == A_FUNC ? func_eval(cx, &t->a[i], &call)
						   : atom_eval(cx, &t->a[i]);
		if (r.st != E_OK) {
			if (r.st > worst.st)
				worst = r;
			sb_puts(&b, call ? call : "(missing)");
			continue;
		}
		if (literal(&t->a[i]))
			sb_puts(&b, t->a[i].text);
		else if (call)
			sb_puts(&b, call); /* compound: the values line adds " = value" */
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

/* every(sel) cmp: the comparison holds for each event sel matches. A
 * counterexample fails the claim even on a log that is not whole; no
 * counterexample on such a log proves nothing (the lost part may hold one),
 * and neither does a selector that matches nothing. */
static struct cres every_eval(struct cx *cx, const struct cond *c)
{
	struct sb b = { 0 };
	struct scen *t = c->sel.scn ? run_find(cx->r, c->sel.scn) : cx->self;
	if (!t) {
		sb_printf(&b, "no scenario '%s'", c->sel.scn);
		return result(E_FAIL, 0, &b);
	}
	const char *file = src_file(c->sel.probe);
	if (!scen_log_present(t, c->sel.probe)) {
		sb_printf(&b, "%s has no %s", t->def->name, file);
		return result(E_MISSING, 0, &b);
	}
	const struct event **all;
	long n = 0, nfail = 0, nmiss = 0;
	struct eres r = matches(cx, t, &c->sel, -1, 0, NULL, &all, &n);
	if (r.st != E_OK) {
		sb_puts(&b, r.why);
		return result(r.st, 0, &b);
	}
	const char *first_fail = NULL, *first_miss = NULL, *first = NULL;
	for (long i = 0; i < n; i++) {
		cx->cur = all[i];
		cx->cur_t = t;
		struct cres x = cmp_eval(cx, c->body);
		const char *at = xprintf("%s:%d: %s", file, all[i]->line, x.values);
		if (!first)
			first = at;
		if (x.st == R_FAIL && !nfail++)
			first_fail = at;
		if (x.st == R_MISSING && !nmiss++)
			first_miss = at;
	}
	cx->cur = NULL;
	int whole = scen_log_complete(t, c->sel.probe);
	if (nfail) {
		sb_printf(&b, "%s ; %ld of %ld %s events do not hold", first_fail, nfail, n, c->sel.text);
		return result(E_FAIL, 0, &b);
	}
	if (!n) {
		sb_printf(&b, "no event matches %s", c->sel.text);
		return result(whole ? E_FAIL : E_MISSING, 0, &b);
	}
	if (nmiss) {
		sb_printf(&b, "%s ; %ld of %ld %s events could not be evaluated", first_miss, nmiss, n,
			  c->sel.text);
		return result(E_MISSING, 0, &b);
	}
	sb_printf(&b, "all %ld %s events hold; the first: %s", n, c->sel.text, first);
	if (!whole)
		sb_printf(&b, " ; but the log is not complete: a lost event may not hold");
	return result(whole ? E_OK : E_MISSING, 1, &b);
}

static struct cres cond_eval(struct cx *cx, const struct cond *c)
{
	if (c->k == C_EVERY)
		return every_eval(cx, c);
	return c->k == C_CMP ? cmp_eval(cx, c) : storage_eval(cx, c);
}

/* The first probe a condition reads (through its lets and $NAME filters
 * too) that the module declared unavailable in the log the selector reads.
 * Such a claim is not checkable on this kernel whatever it would evaluate
 * to: a missing event proves nothing, and neither does count(...) = 0. */
static const struct probe_line *term_gone(struct cx *cx, const struct term *t);

/* t: the scenario whose log s reads (an in(...) selector reads its outer
 * selector's). */
static const struct probe_line *sel_gone_at(struct cx *cx, const struct scen *t, const struct sel *s)
{
	const struct probe_line *p = t ? scen_unavailable(t, s->probe) : NULL;
	for (int i = 0; !p && i < s->nf; i++)
		if (s->f[i].op == 'I')
			p = sel_gone_at(cx, t, s->f[i].in);
		else if (s->f[i].vk == FV_VAR)
			p = term_gone(cx, &cx->self->def->lets[s->f[i].var].t);
	return p;
}

static const struct probe_line *sel_gone(struct cx *cx, const struct sel *s)
{
	return sel_gone_at(cx, s->scn ? run_find(cx->r, s->scn) : cx->self, s);
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
		else if (a->k == A_FUNC)
			for (int j = 0; !p && j < a->nargs; j++)
				p = term_gone(cx, &a->args[j]);
	}
	return p;
}

static const struct probe_line *cond_gone(struct cx *cx, const struct cond *c)
{
	if (c->k == C_EVERY) {
		const struct probe_line *p = sel_gone(cx, &c->sel);
		return p ? p : cond_gone(cx, c->body);
	}
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
	struct cx cx = { r, s, NULL, NULL };
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
		*x = cond_eval(&cx, &c->c);
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
