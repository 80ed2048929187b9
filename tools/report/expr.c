/* Recursive-descent parser for conditions, terms, atoms and selectors. */
#include "expr.h"
#include "scn.h"
#include "schema.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static int fail(struct pctx *pc, const char *msg)
{
	if (!pc->err)
		pc->err = msg;
	return -1;
}

static void ws(struct pctx *pc)
{
	while (*pc->p == ' ' || *pc->p == '\t')
		pc->p++;
}

static int is_id(char c) { return isalnum((unsigned char)c) || c == '_'; }

static const char *ident(struct pctx *pc)
{
	const char *s = pc->p;
	while (is_id(*pc->p))
		pc->p++;
	return pc->p > s ? xstrndup(s, (size_t)(pc->p - s)) : NULL;
}

static int eat(struct pctx *pc, char c)
{
	ws(pc);
	if (*pc->p != c)
		return 0;
	pc->p++;
	ws(pc);
	return 1;
}

/* "..." with \" \\ \xHH escapes, as the log's strings. */
static int quoted(struct pctx *pc, struct value *v)
{
	struct sb b = { 0 };
	sb_add(&b, "", 0);
	for (const char *q = pc->p + 1; *q; q++) {
		if (*q == '"') {
			pc->p = q + 1;
			memset(v, 0, sizeof *v);
			v->kind = V_STR;
			v->s = b.s;
			v->slen = b.len;
			return 0;
		}
		if (*q == '\\' && (q[1] == '"' || q[1] == '\\')) {
			sb_putc(&b, *++q);
		} else if (*q == '\\' && q[1] == 'x' && isxdigit((unsigned char)q[2]) &&
			   isxdigit((unsigned char)q[3])) {
			char h[3] = { q[2], q[3], 0 };
			sb_putc(&b, (char)strtol(h, NULL, 16));
			q += 3;
		} else if (*q == '\\')
			return fail(pc, "bad escape in string (use \\\" \\\\ \\xHH)");
		else
			sb_putc(&b, *q);
	}
	return fail(pc, "string without closing quote");
}

static int var_ref(struct pctx *pc, int *var, enum vtype *type)
{
	const char *s = ++pc->p;
	while (is_id(*pc->p))
		pc->p++;
	int i = scn_find_let(pc->scn, s, (size_t)(pc->p - s));
	if (i < 0)
		return fail(pc, xprintf("unknown $%.*s (a let must come before its use)",
					(int)(pc->p - s), s));
	*var = i;
	*type = pc->scn->lets[i].t.type;
	return 0;
}

static int selector(struct pctx *pc, struct sel *s, const char *first);

/* 1 when the cursor is at `word(` (spaces allowed before the parenthesis). */
static int at_call(struct pctx *pc, const char *word)
{
	size_t n = strlen(word);
	if (strncmp(pc->p, word, n))
		return 0;
	const char *q = pc->p + n;
	while (*q == ' ' || *q == '\t')
		q++;
	return *q == '(';
}

/* in(sel): the event lies inside the call sel picks: after its entry and
 * before its ret (the pair the log check made), in the same task. */
static int in_filter(struct pctx *pc, struct sel *s, struct filter *f)
{
	pc->p += 2;
	eat(pc, '(');
	f->op = 'I';
	f->in = xalloc(sizeof *f->in);
	const char *id = ident(pc);
	if (!id || selector(pc, f->in, id))
		return fail(pc, "expected a selector inside in( )");
	if (f->in->scn)
		return fail(pc, "in(...) reads the log of the selector around it: no scenario: prefix");
	if (is_stream(s->probe) || !event_kind_known(f->in->probe, "entry") ||
	    !event_kind_known(f->in->probe, "ret"))
		return fail(pc, xprintf("in(%s): needs a probe with entry and ret lines, around a probe's "
					"events", f->in->text));
	if (!eat(pc, ')'))
		return fail(pc, "expected ')' after in(selector");
	return 0;
}

static int filter(struct pctx *pc, struct sel *s, struct filter *f)
{
	ws(pc);
	if (at_call(pc, "in"))
		return in_filter(pc, s, f);
	f->key = ident(pc);
	if (!f->key)
		return fail(pc, "expected a key in the filter");
	if (!key_documented(s->probe, s->phase, f->key))
		return fail(pc, xprintf("%s.%s has no key '%s'", s->probe, s->phase, f->key));
	int numeric = ktype_numeric(key_type_at(s->probe, f->key));
	ws(pc);
	if (pc->p[0] == '!' && pc->p[1] == '=') {
		f->op = '!';
		pc->p += 2;
	} else if (*pc->p && strchr("=~<>", *pc->p))
		f->op = *pc->p++;
	else
		return fail(pc, "expected a filter operator (= != ~ < >)");
	if (numeric ? f->op == '~' : (f->op == '<' || f->op == '>'))
		return fail(pc, xprintf("filter %s%c: %s", f->key, f->op,
					numeric ? "~ is for strings" : "< > are for numbers"));
	ws(pc);
	enum vtype vt;
	if (*pc->p == '$') {
		f->vk = FV_VAR;
		if (var_ref(pc, &f->var, &vt))
			return -1;
	} else if (*pc->p == '"') {
		f->vk = FV_LIT;
		if (quoted(pc, &f->lit))
			return -1;
		vt = T_STR;
	} else {
		f->vk = FV_LIT;
		const char *b = pc->p;
		while (*pc->p && *pc->p != ',' && *pc->p != ']')
			pc->p++;
		const char *e = pc->p;
		while (e > b && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		if (e == b)
			return fail(pc, xprintf("filter on '%s' has no value", f->key));
		if (numeric && parse_number(b, (size_t)(e - b), &f->lit))
			return fail(pc, xprintf("'%.*s' is not a number (key '%s' is numeric)",
						(int)(e - b), b, f->key));
		if (!numeric) {
			f->lit.kind = V_STR;
			f->lit.s = xstrndup(b, (size_t)(e - b));
			f->lit.slen = (size_t)(e - b);
		}
		vt = numeric ? T_NUM : T_STR;
	}
	if ((vt == T_NUM) != numeric)
		return fail(pc, xprintf("key '%s' is a %s, the value a %s", f->key,
					numeric ? "number" : "string", vt == T_NUM ? "number" : "string"));
	ws(pc);
	return 0;
}

static int index_part(struct pctx *pc, struct sel *s)
{
	if (strncmp(pc->p, "last", 4) == 0 && !is_id(pc->p[4])) {
		s->index = -1;
		pc->p += 4;
		return 0;
	}
	int neg = *pc->p == '-';
	pc->p += neg;
	if (!isdigit((unsigned char)*pc->p))
		return fail(pc, "expected an index after # (1, 2, ..., last, -1, ...)");
	long v = 0;
	while (isdigit((unsigned char)*pc->p) && v < 1000000)
		v = v * 10 + (*pc->p++ - '0');
	if (v == 0 || isdigit((unsigned char)*pc->p))
		return fail(pc, "index must be 1.. or -1.. (at most 1000000)");
	s->index = neg ? -v : v;
	return 0;
}

/* [scenario ':'] probe '.' phase ['[' filters ']'] ['#' index] */
static int selector(struct pctx *pc, struct sel *s, const char *first)
{
	const char *start = pc->p - strlen(first);
	memset(s, 0, sizeof *s);
	s->index = 1;
	s->probe = first;
	if (*pc->p == ':') {
		pc->p++;
		s->scn = first;
		if (!(s->probe = ident(pc)))
			return fail(pc, "expected a probe after 'scenario:'");
		VEC_GROW(pc->scn->refs, pc->scn->nrefs, pc->scn->refcap);
		pc->scn->refs[pc->scn->nrefs++] = (struct xref){ s->scn, pc->line };
	}
	if (*pc->p != '.' || !(pc->p++, s->phase = ident(pc)))
		return fail(pc, xprintf("expected probe.phase after '%s'", s->probe));
	if (!event_kind_known(s->probe, s->phase))
		return fail(pc, xprintf("unknown event kind %s.%s (see docs/trace-format.md)",
					s->probe, s->phase));
	int cap = 0;
	if (*pc->p == '[') {
		pc->p++;
		do {
			VEC_GROW(s->f, s->nf, cap);
			memset(&s->f[s->nf], 0, sizeof s->f[0]);
			if (filter(pc, s, &s->f[s->nf++]))
				return -1;
		} while (*pc->p == ',' && pc->p++);
		if (*pc->p != ']')
			return fail(pc, "expected ']' or ',' in the filter list");
		pc->p++;
	}
	if (*pc->p == '#') {
		pc->p++;
		if (index_part(pc, s))
			return -1;
	}
	s->text = xstrndup(start, (size_t)(pc->p - start));
	return 0;
}

static int call_arg_sel(struct pctx *pc, struct sel *s)
{
	ws(pc);
	const char *id = ident(pc);
	if (!id || selector(pc, s, id))
		return fail(pc, "expected a selector inside ( )");
	if (!eat(pc, ')'))
		return fail(pc, "expected ')'");
	return 0;
}

static int func_kind(const char *id)
{
	return !strcmp(id, "NH") ? F_NH : !strcmp(id, "xor") ? F_XOR
	       : !strcmp(id, "popcount") ? F_POPCOUNT : -1;
}

/* NH(parent, name), xor(a, b), popcount(a): after the '('. */
static int func_args(struct pctx *pc, struct atom *a, const char *id)
{
	static const char *sig[] = { [F_NH] = "NH(parent, \"name\")", [F_XOR] = "xor(a, b)",
				     [F_POPCOUNT] = "popcount(a)" };
	a->k = A_FUNC;
	a->fn = (enum fnk)func_kind(id);
	int need = a->fn == F_POPCOUNT ? 1 : 2;
	a->args = xalloc(sizeof *a->args * 2);
	for (int i = 0; i < need; i++) {
		if (i && !eat(pc, ','))
			return fail(pc, xprintf("expected ',': the form is %s", sig[a->fn]));
		if (parse_term(pc, &a->args[i]))
			return -1;
		a->nargs++;
		enum vtype want = a->fn == F_NH && i == 1 ? T_STR : T_NUM;
		if (a->args[i].type != want)
			return fail(pc, xprintf("'%s' is a %s: the form is %s", a->args[i].text,
						want == T_STR ? "number" : "string", sig[a->fn]));
	}
	if (!eat(pc, ')'))
		return fail(pc, xprintf("expected ')': the form is %s", sig[a->fn]));
	return 0;
}

static int atom(struct pctx *pc, struct atom *a)
{
	ws(pc);
	const char *start = pc->p;
	memset(a, 0, sizeof *a);
	a->type = T_NUM;
	if (*pc->p == '$') {
		a->k = A_VAR;
		if (var_ref(pc, &a->var, &a->type))
			return -1;
	} else if (*pc->p == '"') {
		a->k = A_STR;
		a->type = T_STR;
		if (quoted(pc, &a->lit))
			return -1;
	} else if (isdigit((unsigned char)*pc->p) ||
		   (*pc->p == '-' && isdigit((unsigned char)pc->p[1]))) {
		/* A leading '-' makes a negative literal (err = -2); elsewhere '-'
		 * is subtraction. */
		const char *b = pc->p++;
		while (is_id(*pc->p))
			pc->p++;
		a->k = A_NUM;
		if (parse_number(b, (size_t)(pc->p - b), &a->lit))
			return fail(pc, xprintf("bad number '%.*s'", (int)(pc->p - b), b));
	} else {
		const char *id = ident(pc);
		if (!id)
			return fail(pc, *pc->p ? xprintf("unexpected '%c'", *pc->p) : "expected a value");
		if (!strcmp(id, "NULL")) {
			a->k = A_NULL;
			a->lit = (struct value){ .kind = V_NUM, .disp = D_PTR };
		} else if (!strcmp(id, "DNAME_INLINE_LEN"))
			a->k = A_DIL;
		else if (!strcmp(id, "DENTRY_SIZE"))
			a->k = A_DSZ;
		else if (!strcmp(id, "strlen") && eat(pc, '(')) {
			struct value s;
			if (*pc->p != '"' || quoted(pc, &s) || !eat(pc, ')'))
				return fail(pc, "strlen takes one \"string\"");
			a->k = A_STRLEN;
			a->lit = (struct value){ .kind = V_NUM, .u = s.slen };
		} else if (!strcmp(id, "count") && eat(pc, '(')) {
			a->k = A_COUNT;
			if (call_arg_sel(pc, &a->sel))
				return -1;
		} else if (func_kind(id) >= 0 && eat(pc, '(')) {
			if (func_args(pc, a, id))
				return -1;
		} else if (pc->cur && *pc->p != '.' && *pc->p != ':') {
			/* inside every(sel): a bare key is the event's own */
			a->k = A_CUR;
			a->field = id;
			if (!key_documented(pc->cur->probe, pc->cur->phase, id))
				return fail(pc, xprintf("every(%s): %s.%s has no key '%s'", pc->cur->text,
							pc->cur->probe, pc->cur->phase, id));
			a->type = ktype_numeric(key_type_at(pc->cur->probe, id)) ? T_NUM : T_STR;
		} else {
			a->k = A_FIELD;
			if (selector(pc, &a->sel, id))
				return -1;
			if (*pc->p != '.' || !(pc->p++, a->field = ident(pc)))
				return fail(pc, xprintf("expected .field after %s", a->sel.text));
			if (!key_documented(a->sel.probe, a->sel.phase, a->field))
				return fail(pc, xprintf("%s.%s has no key '%s'", a->sel.probe,
							a->sel.phase, a->field));
			a->type = ktype_numeric(key_type_at(a->sel.probe, a->field)) ? T_NUM : T_STR;
		}
	}
	const char *e = pc->p;
	while (e > start && e[-1] == ' ')
		e--;
	a->text = xstrndup(start, (size_t)(e - start));
	return 0;
}

int parse_term(struct pctx *pc, struct term *t)
{
	int cap = 0, ocap = 0;
	ws(pc);
	const char *start = pc->p;
	memset(t, 0, sizeof *t);
	for (;;) {
		VEC_GROW(t->a, t->n, cap);
		if (atom(pc, &t->a[t->n++]))
			return -1;
		ws(pc);
		if (*pc->p != '+' && *pc->p != '-')
			break;
		VEC_GROW(t->op, t->n - 1, ocap);
		t->op[t->n - 1] = *pc->p++;
	}
	for (int i = 0; i < t->n; i++)
		if (t->n > 1 && t->a[i].type != T_NUM)
			return fail(pc, xprintf("'%s' is a string: + and - are for numbers",
						t->a[i].text));
	t->type = t->a[0].type;
	const char *e = pc->p;
	while (e > start && e[-1] == ' ')
		e--;
	t->text = xstrndup(start, (size_t)(e - start));
	return 0;
}

static int cmp_op(struct pctx *pc, enum cmpop *op)
{
	static const struct { const char *s; enum cmpop op; } ops[] = {
		{ "!=", OP_NE }, { "<=", OP_LE }, { ">=", OP_GE },
		{ "=", OP_EQ }, { "<", OP_LT }, { ">", OP_GT },
	};
	ws(pc);
	for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
		if (!strncmp(pc->p, ops[i].s, strlen(ops[i].s))) {
			pc->p += strlen(ops[i].s);
			*op = ops[i].op;
			return 1;
		}
	return 0;
}

const char *op_text(enum cmpop op)
{
	static const char *t[] = { "=", "!=", "<", "<=", ">", ">=" };
	return t[op];
}

/* every(sel) <comparison>: the comparison, with sel's keys bare, holds for
 * each event sel matches. */
static int every_cond(struct pctx *pc, struct cond *c)
{
	if (pc->cur)
		return fail(pc, "every(...) inside every(...)");
	pc->p += 5;
	eat(pc, '(');
	c->k = C_EVERY;
	if (call_arg_sel(pc, &c->sel))
		return -1;
	c->body = xalloc(sizeof *c->body);
	pc->cur = &c->sel;
	int r = parse_cond(pc, c->body);
	pc->cur = NULL;
	if (r)
		return -1;
	if (c->body->k != C_CMP)
		return fail(pc, "every(sel) is followed by a comparison of its keys");
	return 0;
}

int parse_cond(struct pctx *pc, struct cond *c)
{
	memset(c, 0, sizeof *c);
	ws(pc);
	if (at_call(pc, "every"))
		return every_cond(pc, c);
	int ext = !strncmp(pc->p, "external", 8), inl = !strncmp(pc->p, "inline", 6);
	const char *after = pc->p + (ext ? 8 : 6);
	if ((ext || inl) && (*after == '(' || (*after == ' ' && after[strspn(after, " ")] == '('))) {
		pc->p = after;
		eat(pc, '(');
		c->k = ext ? C_EXTERNAL : C_INLINE;
		if (call_arg_sel(pc, &c->sel))
			return -1;
	} else {
		int cap = 0, ocap = 0;
		enum cmpop op;
		c->k = C_CMP;
		do {
			VEC_GROW(c->t, c->nt, cap);
			if (parse_term(pc, &c->t[c->nt++]))
				return -1;
			if (c->nt > 1) {
				struct term *a = &c->t[c->nt - 2], *b = &c->t[c->nt - 1];
				if (a->type != b->type)
					return fail(pc, xprintf("'%s' and '%s': a number compared with a string",
								a->text, b->text));
				if (a->type == T_STR && c->op[c->nt - 2] != OP_EQ && c->op[c->nt - 2] != OP_NE)
					return fail(pc, "strings compare only with = and !=");
			}
			if (!cmp_op(pc, &op))
				break;
			VEC_GROW(c->op, c->nt - 1, ocap);
			c->op[c->nt - 1] = op;
		} while (1);
		if (c->nt < 2)
			return fail(pc, "a condition needs an operator (= != < <= > >=)");
	}
	ws(pc);
	if (*pc->p)
		return fail(pc, xprintf("unexpected '%s' after the condition", pc->p));
	return 0;
}
