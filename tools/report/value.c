/* Printing, parsing and comparing values. */
#include "value.h"

#include <string.h>

void fmt_bytes(struct sb *b, const char *s, size_t n, int quoted)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (quoted && (c == '"' || c == '\\'))
			sb_printf(b, "\\%c", c);
		else if (c < 0x20 || c > 0x7e)
			sb_printf(b, "\\x%02x", c);
		else
			sb_putc(b, (char)c);
	}
}

static void fmt_num(struct sb *b, const struct value *v, int hex)
{
	if (v->disp == D_PTR)
		sb_printf(b, "0x%016llx", (unsigned long long)v->u);
	else if (hex || v->disp == D_HEX) {
		/* A negative integer shown in hex keeps its sign: -0x5, not 0xff..fb. */
		if ((int64_t)v->u < 0 && v->disp == D_DEC)
			sb_printf(b, "-0x%llx", (unsigned long long)(0 - v->u));
		else
			sb_printf(b, "0x%llx", (unsigned long long)v->u);
	} else
		sb_printf(b, "%lld", (long long)(int64_t)v->u);
}

void fmt_value(struct sb *b, const struct value *v)
{
	if (v->kind == V_NUM)
		fmt_num(b, v, 0);
	else if (v->kind == V_STR && v->unread)
		sb_putc(b, '?');
	else if (v->kind == V_STR) {
		sb_putc(b, '"');
		fmt_bytes(b, v->s, v->slen, 1);
		sb_putc(b, '"');
	} else
		sb_puts(b, "(none)");
}

void fmt_value_plain(struct sb *b, const struct value *v, int hex)
{
	if (v->kind == V_NUM)
		fmt_num(b, v, hex);
	else if (v->kind == V_STR && v->unread)
		sb_putc(b, '?');
	else if (v->kind == V_STR)
		fmt_bytes(b, v->s, v->slen, 0);
	else
		sb_puts(b, "(missing)");
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int parse_decimal(const char *s, size_t n, struct value *v)
{
	memset(v, 0, sizeof *v);
	v->kind = V_NUM;
	size_t i = 0;
	int neg = 0;
	if (i < n && s[i] == '-') {
		neg = 1;
		i++;
	}
	if (i == n)
		return -1;
	uint64_t u = 0;
	for (; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		unsigned d = (unsigned)(s[i] - '0');
		if (u > (UINT64_MAX - d) / 10)
			return -1;
		u = u * 10 + d;
	}
	/* Negative values must fit int64; positive ones may use all 64 bits. */
	if (neg && u > (uint64_t)INT64_MAX + 1)
		return -1;
	v->u = neg ? 0 - u : u;
	v->disp = D_DEC;
	return 0;
}

int parse_number(const char *s, size_t n, struct value *v)
{
	memset(v, 0, sizeof *v);
	v->kind = V_NUM;
	if (n == 4 && memcmp(s, "NULL", 4) == 0) {
		v->disp = D_PTR;
		return 0;
	}
	if (n == 16) {
		uint64_t u = 0;
		size_t i;
		for (i = 0; i < 16 && hexval(s[i]) >= 0 && !(s[i] >= 'A' && s[i] <= 'F'); i++)
			u = u << 4 | (uint64_t)hexval(s[i]);
		/* Exactly 16 lowercase hex digits is the log's %px shape, so it reads
		 * as a pointer even when every digit happens to be decimal. */
		if (i == 16) {
			v->u = u;
			v->disp = D_PTR;
			return 0;
		}
	}
	if (n > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		if (n - 2 > 16)
			return -1;
		uint64_t u = 0;
		for (size_t i = 2; i < n; i++) {
			int h = hexval(s[i]);
			if (h < 0)
				return -1;
			u = u << 4 | (uint64_t)h;
		}
		v->u = u;
		v->disp = D_HEX;
		return 0;
	}
	return parse_decimal(s, n, v);
}

int num_cmp(const struct value *a, const struct value *b)
{
	if (a->disp == D_PTR || b->disp == D_PTR)
		return a->u < b->u ? -1 : a->u > b->u;
	int64_t x = (int64_t)a->u, y = (int64_t)b->u;
	return x < y ? -1 : x > y;
}

int str_eq(const struct value *a, const struct value *b)
{
	/* An unreadable string (`?`) equals nothing: we do not know its bytes;
	 * nor does a cut one (trunc=1): only its first bytes are known. */
	if (a->unread || b->unread || a->partial || b->partial)
		return 0;
	return a->slen == b->slen && memcmp(a->s, b->s, a->slen) == 0;
}
