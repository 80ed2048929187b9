/* Evaluates selectors, terms, conditions and templates against the logs,
 * recording the values used so the report can show its arithmetic. */
#include "run.h"

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
	const struct log *lg = &t->log;
	const struct event **m = xalloc(sizeof *m * (size_t)(lg->nev + 1));
	long n = 0;
	for (int i = 0; i < lg->nev; i++) {
		const struct event *e = &lg->ev[i];
		if (strcmp(e->probe, s->probe) || strcmp(e->phase, s->phase))
			continue;
		int all = 1;
		for (int j = 0; j < s->nf && all; j++)
			all = filter_ok(&s->f[j], e, rhs[j]);
		if (all)
			m[n++] = e;
	}
	if (count) {
		*count = n;
		return ok((struct value){ .kind = V_NUM, .u = (uint64_t)n });
	}
	long idx = s->index > 0 ? s->index - 1 : n + s->index;
	if (idx < 0 || idx >= n)
		return bad(nomatch(t), n ? xprintf("%s: only %ld event(s) match", s->text, n)
					 : xprintf("no event matches %s", s->text));
	*out = m[idx];
	return ok((struct value){ 0 });
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
	const struct event *e;
	struct scen *t;
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
