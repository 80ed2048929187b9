/* Line-oriented parser for triggers/<name>.scn. */
#include "scn.h"
#include "schema.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const char settings[] = "order cwd args timeout setup after description cross_check";

int scn_find_let(const struct scn *s, const char *name, size_t n)
{
	for (int i = 0; i < s->nlets; i++)
		if (strlen(s->lets[i].name) == n && !strncmp(s->lets[i].name, name, n))
			return i;
	return -1;
}

static int is_idc(char c) { return isalnum((unsigned char)c) || c == '_'; }

static int id_used(const struct scn *s, const char *id)
{
	for (int i = 0; i < s->nclaims; i++)
		if (!strcmp(s->claims[i].id, id))
			return 1;
	return 0;
}

/* `claim <id> : <condition>` / `observe <id> : <condition>` */
static const char *claim_line(struct scn *s, const char *p, int observe, int line)
{
	while (*p == ' ')
		p++;
	const char *b = p;
	while ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_')
		p++;
	if (p == b)
		return "expected an id in [a-z0-9_]+";
	char *id = xstrndup(b, (size_t)(p - b));
	while (*p == ' ')
		p++;
	if (*p != ':')
		return xprintf("expected ':' after the id '%s' (ids are [a-z0-9_]+)", id);
	if (id_used(s, id))
		return xprintf("id '%s' is used twice", id);
	VEC_GROW(s->claims, s->nclaims, s->claimcap);
	struct claim *c = &s->claims[s->nclaims];
	memset(c, 0, sizeof *c);
	c->id = id;
	c->observe = observe;
	c->line = line;
	p++;
	while (*p == ' ')
		p++;
	c->text = xstrdup(p);
	struct pctx pc = { .p = p, .scn = s, .line = line };
	if (parse_cond(&pc, &c->c))
		return pc.err;
	s->nclaims++;
	return NULL;
}

static const char *let_line(struct scn *s, const char *p, int line)
{
	while (*p == ' ')
		p++;
	const char *b = p;
	while (is_idc(*p))
		p++;
	if (p == b)
		return "expected a NAME after let";
	if (scn_find_let(s, b, (size_t)(p - b)) >= 0)
		return xprintf("let %.*s is defined twice", (int)(p - b), b);
	const char *name = xstrndup(b, (size_t)(p - b));
	while (*p == ' ')
		p++;
	if (*p != '=')
		return "expected '=' after the let NAME";
	struct pctx pc = { .p = p + 1, .scn = s, .line = line };
	struct let l = { name, { 0 }, line };
	if (parse_term(&pc, &l.t))
		return pc.err;
	if (*pc.p)
		return xprintf("unexpected '%s' after the term", pc.p);
	VEC_GROW(s->lets, s->nlets, s->letcap);
	s->lets[s->nlets++] = l;
	return NULL;
}

/* Template text: `{term}` and `{hex:term}` are holes; `{{` is a literal
 * brace, and so is a `{` followed by a space (the study's diagrams write
 * "qstr { name, len, hash }"). */
static const char *tmpl_line(struct scn *s, const char *p, struct tmpl *t, int line)
{
	struct sb lit = { 0 };
	int cap = 0;
	memset(t, 0, sizeof *t);
	t->line = line;
	if (*p == ' ')
		p++; /* the one space after `record:` is the separator */
	while (*p) {
		int hole = p[0] == '{' && p[1] && p[1] != '{' && p[1] != ' ';
		if (!hole) {
			sb_putc(&lit, *p);
			p += (p[0] == '{' && p[1] == '{') ? 2 : 1;
			continue;
		}
		VEC_GROW(t->p, t->n, cap);
		t->p[t->n++] = (struct tpart){ .lit = xstrdup(sb_str(&lit)) };
		lit.len = 0;
		if (lit.s)
			lit.s[0] = 0;
		p++;
		VEC_GROW(t->p, t->n, cap);
		struct tpart *h = &t->p[t->n++];
		memset(h, 0, sizeof *h);
		h->is_term = 1;
		if (!strncmp(p, "hex:", 4)) {
			h->hex = 1;
			p += 4;
		}
		struct pctx pc = { .p = p, .scn = s, .line = line };
		if (parse_term(&pc, &h->t))
			return pc.err;
		if (*pc.p != '}')
			return "expected '}' to close the {term}";
		p = pc.p + 1;
	}
	VEC_GROW(t->p, t->n, cap);
	t->p[t->n++] = (struct tpart){ .lit = xstrdup(sb_str(&lit)) };
	return NULL;
}

static const char *setting_line(struct scn *s, const char *p, int *has_order)
{
	const char *eq = strchr(p, '=');
	if (!eq)
		return "expected `key = value`, let, claim, observe, record: or diagram:";
	const char *e = eq;
	while (e > p && e[-1] == ' ')
		e--;
	char *key = xstrndup(p, (size_t)(e - p));
	if (!word_in(key, settings))
		return xprintf("unknown setting '%s' (known: %s)", key, settings);
	const char *v = eq + 1;
	while (*v == ' ')
		v++;
	if (!strcmp(key, "order") || !strcmp(key, "timeout")) {
		char *end;
		long n = strtol(v, &end, 10);
		if (end == v || *end)
			return xprintf("%s must be an integer", key);
		if (!strcmp(key, "order")) {
			s->order = n;
			*has_order = 1;
		}
	} else if (!strcmp(key, "description"))
		s->description = xstrdup(v);
	else if (!strcmp(key, "cross_check")) {
		/* the only value: "off: why" (docs/scenario-format.md) */
		if (strncmp(v, "off:", 4) || !v[4 + strspn(v + 4, " ")])
			return "cross_check must be `off: <why the two instruments cannot agree>`";
		s->xcheck_off = xstrdup(v + 4 + strspn(v + 4, " "));
	}
	return NULL;
}

static const char *one_line(struct scn *s, char *p, int line, int *has_order)
{
	while (*p == ' ' || *p == '\t')
		p++;
	size_t n = strlen(p);
	/* Trailing blanks are noise in every kind of line but templates, and
	 * templates keep their inner spacing anyway. */
	while (n && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r'))
		p[--n] = 0;
	if (!*p || *p == '#')
		return NULL;
	if (!strncmp(p, "let ", 4))
		return let_line(s, p + 4, line);
	if (!strncmp(p, "claim ", 6))
		return claim_line(s, p + 6, 0, line);
	if (!strncmp(p, "observe ", 8))
		return claim_line(s, p + 8, 1, line);
	if (!strncmp(p, "record:", 7)) {
		VEC_GROW(s->rec, s->nrec, s->reccap);
		const char *e = tmpl_line(s, p + 7, &s->rec[s->nrec], line);
		s->nrec += !e;
		return e;
	}
	if (!strncmp(p, "diagram:", 8)) {
		VEC_GROW(s->dia, s->ndia, s->diacap);
		const char *e = tmpl_line(s, p + 8, &s->dia[s->ndia], line);
		s->ndia += !e;
		return e;
	}
	return setting_line(s, p, has_order);
}

int scn_parse(struct scn *s, const char *path, const char *name, const char *buf, size_t len,
	      const char **err)
{
	memset(s, 0, sizeof *s);
	s->name = name;
	s->path = path;
	int line = 0, has_order = 0;
	if (memchr(buf, 0, len)) {
		*err = xprintf("%s:1: not a text file (NUL byte)", path);
		return -1;
	}
	for (size_t i = 0; i < len;) {
		const char *nl = memchr(buf + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - (buf + i)) : len - i;
		char *l = xstrndup(buf + i, n);
		i += n + (nl ? 1 : 0);
		const char *e = one_line(s, l, ++line, &has_order);
		if (e) {
			*err = xprintf("%s:%d: %s", path, line, e);
			return -1;
		}
	}
	if (!has_order) {
		*err = xprintf("%s:%d: no `order = N` line (required)", path, line ? line : 1);
		return -1;
	}
	return 0;
}
