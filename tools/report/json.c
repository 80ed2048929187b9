/* Minimal JSON validator (RFC 8259 grammar, depth-limited) and escaper. */
#include "json.h"

#include <string.h>

struct jp {
	const char *p, *e;
	int depth;
};

static void jws(struct jp *j)
{
	while (j->p < j->e && strchr(" \t\r\n", *j->p) && *j->p)
		j->p++;
}

static int lit(struct jp *j, const char *w)
{
	size_t n = strlen(w);
	if ((size_t)(j->e - j->p) < n || memcmp(j->p, w, n))
		return 0;
	j->p += n;
	return 1;
}

static int digits(struct jp *j)
{
	const char *s = j->p;
	while (j->p < j->e && *j->p >= '0' && *j->p <= '9')
		j->p++;
	return j->p > s;
}

static int number(struct jp *j)
{
	if (j->p < j->e && *j->p == '-')
		j->p++;
	if (j->p < j->e && *j->p == '0')
		j->p++;
	else if (!digits(j))
		return 0;
	if (j->p < j->e && *j->p == '.' && (j->p++, !digits(j)))
		return 0;
	if (j->p < j->e && (*j->p == 'e' || *j->p == 'E')) {
		j->p++;
		if (j->p < j->e && (*j->p == '+' || *j->p == '-'))
			j->p++;
		if (!digits(j))
			return 0;
	}
	return 1;
}

static int string(struct jp *j)
{
	j->p++;
	while (j->p < j->e) {
		unsigned char c = (unsigned char)*j->p++;
		if (c == '"')
			return 1;
		if (c < 0x20)
			return 0;
		if (c == '\\') {
			if (j->p >= j->e)
				return 0;
			char x = *j->p++;
			if (x == 'u') {
				for (int i = 0; i < 4; i++, j->p++)
					if (j->p >= j->e || !strchr("0123456789abcdefABCDEF", *j->p) || !*j->p)
						return 0;
			} else if (!strchr("\"\\/bfnrt", x) || !x)
				return 0;
		}
	}
	return 0;
}

static int value(struct jp *j);

static int members(struct jp *j, char close, int keyed)
{
	j->p++;
	jws(j);
	if (j->p < j->e && *j->p == close) {
		j->p++;
		return 1;
	}
	for (;;) {
		jws(j);
		if (keyed) {
			if (j->p >= j->e || *j->p != '"' || !string(j))
				return 0;
			jws(j);
			if (j->p >= j->e || *j->p++ != ':')
				return 0;
		}
		if (!value(j))
			return 0;
		jws(j);
		if (j->p >= j->e)
			return 0;
		char c = *j->p++;
		if (c == close)
			return 1;
		if (c != ',')
			return 0;
	}
}

static int value(struct jp *j)
{
	jws(j);
	if (j->p >= j->e || ++j->depth > 64)
		return 0;
	int ok;
	switch (*j->p) {
	case '{': ok = members(j, '}', 1); break;
	case '[': ok = members(j, ']', 0); break;
	case '"': ok = string(j); break;
	case 't': ok = lit(j, "true"); break;
	case 'f': ok = lit(j, "false"); break;
	case 'n': ok = lit(j, "null"); break;
	default: ok = number(j);
	}
	j->depth--;
	return ok;
}

int json_object_text(const char **b, const char **e)
{
	struct jp j = { *b, *e, 0 };
	jws(&j);
	const char *start = j.p;
	if (j.p >= j.e || *j.p != '{' || !value(&j))
		return 0;
	const char *end = j.p;
	jws(&j);
	if (j.p != j.e)
		return 0;
	*b = start;
	*e = end;
	return 1;
}

/* Length of a well-formed UTF-8 sequence at s (at most n bytes), 0 if not
 * (overlong forms and surrogates included, as strict decoders refuse them). */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xbf;
	size_t len;
	if (c >= 0xc2 && c <= 0xdf)
		len = 2;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3, lo = c == 0xe0 ? 0xa0 : 0x80, hi = c == 0xed ? 0x9f : 0xbf;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4, lo = c == 0xf0 ? 0x90 : 0x80, hi = c == 0xf4 ? 0x8f : 0xbf;
	else
		return 0;
	if (len > n || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < len; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return len;
}

void json_str(struct sb *out, const char *s, size_t n)
{
	sb_putc(out, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		size_t u;
		if (c == '"' || c == '\\')
			sb_printf(out, "\\%c", c);
		else if (c == '\n')
			sb_puts(out, "\\n");
		else if (c < 0x20 || c == 0x7f)
			sb_printf(out, "\\u%04x", c);
		else if (c < 0x80)
			sb_putc(out, (char)c);
		else if ((u = utf8_len((const unsigned char *)s + i, n - i))) {
			sb_add(out, s + i, u);
			i += u - 1;
		} else
			sb_printf(out, "\\u%04x", c);
	}
	sb_putc(out, '"');
}

void json_cstr(struct sb *out, const char *s)
{
	if (s)
		json_str(out, s, strlen(s));
	else
		sb_puts(out, "null");
}

/* Unescapes the string literal [s, e) (quotes included), already validated
 * by string(). The table pairs each escape letter with its byte. */
static const char *unescape(const char *s, const char *e)
{
	struct sb b = { 0 };
	sb_add(&b, "", 0);
	for (const char *q = s + 1; q < e - 1; q++) {
		if (*q != '\\') {
			sb_putc(&b, *q);
			continue;
		}
		const char *m = strchr("\"\"\\\\//b\bf\fn\nr\rt\t", *++q);
		if (!m || *q == 'u')
			return NULL;
		sb_putc(&b, m[1]);
	}
	return b.s;
}

const char *json_member_str(const char *obj, const char *key)
{
	struct jp j = { obj, obj + strlen(obj), 0 };
	jws(&j);
	if (j.p >= j.e || *j.p != '{')
		return NULL;
	j.p++;
	for (;;) {
		jws(&j);
		const char *k = j.p;
		if (j.p >= j.e || *j.p != '"' || !string(&j))
			return NULL;
		const char *ke = j.p;
		jws(&j);
		if (j.p >= j.e || *j.p++ != ':')
			return NULL;
		jws(&j);
		const char *v = j.p;
		if (!value(&j))
			return NULL;
		const char *name = unescape(k, ke);
		if (name && !strcmp(name, key))
			return *v == '"' ? unescape(v, j.p) : NULL;
		jws(&j);
		if (j.p >= j.e || *j.p++ != ',')
			return NULL;
	}
}
