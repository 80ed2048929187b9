/* Tracked allocation, string builder and file reading. */
#include "util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Each block is its own malloc (so ASan keeps its redzones) linked into a
 * list that mem_free_all() walks. */
struct blk {
	struct blk *prev, *next;
	max_align_t data[];
};
static struct blk *head;

static void oom(void)
{
	fputs("vfslab-report: error: out of memory\n", stderr);
	exit(3);
}

void *xalloc(size_t n)
{
	struct blk *b = calloc(1, sizeof *b + n + 1);
	if (!b)
		oom();
	b->next = head;
	if (head)
		head->prev = b;
	head = b;
	return b->data;
}

void *xrealloc(void *p, size_t n)
{
	if (!p)
		return xalloc(n);
	struct blk *old = (struct blk *)((char *)p - offsetof(struct blk, data));
	struct blk *b = realloc(old, sizeof *b + n + 1);
	if (!b)
		oom();
	if (b->prev)
		b->prev->next = b;
	else
		head = b;
	if (b->next)
		b->next->prev = b;
	return b->data;
}

static const char **itab;
static size_t icap, ilen;

void mem_free_all(void)
{
	itab = NULL;
	icap = ilen = 0;
	while (head) {
		struct blk *n = head->next;
		free(head);
		head = n;
	}
}

char *xstrndup(const char *s, size_t n)
{
	char *d = xalloc(n + 1);
	memcpy(d, s, n);
	return d;
}

char *xstrdup(const char *s) { return xstrndup(s, strlen(s)); }

static char *vxprintf(const char *fmt, va_list ap)
{
	va_list aq;
	va_copy(aq, ap);
	int n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		n = 0;
	char *s = xalloc((size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

char *xprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = vxprintf(fmt, ap);
	va_end(ap);
	return s;
}

void sb_add(struct sb *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t c = b->cap ? b->cap : 64;
		while (c < b->len + n + 1)
			c *= 2;
		b->s = xrealloc(b->s, c);
		b->cap = c;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = 0;
}

void sb_puts(struct sb *b, const char *s) { sb_add(b, s, strlen(s)); }
void sb_putc(struct sb *b, char c) { sb_add(b, &c, 1); }

void sb_printf(struct sb *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = vxprintf(fmt, ap);
	va_end(ap);
	sb_puts(b, s);
}

const char *sb_str(struct sb *b) { return b->s ? b->s : ""; }

int read_file(const char *path, char **buf, size_t *len, int *truncated)
{
	struct stat st;
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	/* A directory opens fine with fopen but reads fail: refuse it early. */
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(f);
		errno = EISDIR;
		return -1;
	}
	struct sb b = { 0 };
	char tmp[65536];
	size_t n;
	*truncated = 0;
	while ((n = fread(tmp, 1, sizeof tmp, f)) > 0) {
		if (b.len + n > READ_CAP) {
			sb_add(&b, tmp, READ_CAP - b.len);
			*truncated = 1;
			break;
		}
		sb_add(&b, tmp, n);
	}
	int err = ferror(f) ? errno : 0;
	fclose(f);
	if (err) {
		errno = err;
		return -1;
	}
	if (!b.s)
		sb_add(&b, "", 0);
	*buf = b.s;
	*len = b.len;
	return 0;
}

const char *find_bytes(const char *hay, size_t n, const char *needle)
{
	size_t m = strlen(needle);
	if (m == 0 || n < m)
		return m == 0 ? hay : NULL;
	for (size_t i = 0; i + m <= n; i++)
		if (hay[i] == needle[0] && memcmp(hay + i, needle, m) == 0)
			return hay + i;
	return NULL;
}

static size_t ihash(const char *s, size_t n)
{
	size_t h = 5381;
	while (n--)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

const char *intern(const char *s, size_t n)
{
	if (2 * (ilen + 1) > icap) {
		/* grow and rehash; the table itself is tracked like the strings */
		size_t ncap = icap ? 2 * icap : 256;
		const char **nt = xalloc(ncap * sizeof *nt);
		for (size_t i = 0; i < icap; i++)
			if (itab[i]) {
				size_t j = ihash(itab[i], strlen(itab[i])) & (ncap - 1);
				while (nt[j])
					j = (j + 1) & (ncap - 1);
				nt[j] = itab[i];
			}
		itab = nt;
		icap = ncap;
	}
	size_t j = ihash(s, n) & (icap - 1);
	for (; itab[j]; j = (j + 1) & (icap - 1))
		if (strlen(itab[j]) == n && memcmp(itab[j], s, n) == 0)
			return itab[j];
	ilen++;
	return itab[j] = xstrndup(s, n);
}
