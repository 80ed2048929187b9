/* A trigger's stdout.txt / stderr.txt as events, so a scenario can claim
 * what the program printed (`stdout.line[fd=-1]`) with the same selectors
 * as the kernel's log. */
#include "log.h"

#include <string.h>

static int key_char(char c, int first)
{
	return (c >= 'a' && c <= 'z') || c == '_' || (!first && c >= '0' && c <= '9');
}

/* `key=<integer>` words of the line (decimal, or 0x-hex) become keys; the
 * first of a repeated key wins; `n` and `text` are the line's own. */
static void words(struct kv **kv, int *n, int *cap, const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		while (i < len && (s[i] == ' ' || s[i] == '\t'))
			i++;
		size_t b = i;
		while (i < len && s[i] != ' ' && s[i] != '\t')
			i++;
		const char *w = s + b, *eq = memchr(w, '=', i - b);
		if (!eq || eq == w)
			continue;
		size_t kl = (size_t)(eq - w), vl = i - b - kl - 1;
		int ok = 1;
		for (size_t j = 0; j < kl; j++)
			ok &= key_char(w[j], j == 0);
		struct value v;
		if (!ok || parse_number(eq + 1, vl, &v))
			continue;
		const char *key = intern(w, kl);
		int seen = !strcmp(key, "n") || !strcmp(key, "text");
		for (int j = 0; j < *n && !seen; j++)
			seen = !strcmp((*kv)[j].key, key);
		if (seen)
			continue;
		VEC_GROW(*kv, *n, *cap);
		(*kv)[(*n)++] = (struct kv){ key, v };
	}
}

void stream_parse(struct log *lg, const char *stream, const char *buf, size_t len)
{
	int line = 0;
	for (size_t i = 0; i < len;) {
		const char *nl = memchr(buf + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - (buf + i)) : len - i;
		const char *s = buf + i;
		i += n + (nl ? 1 : 0);
		line++;
		if (n && s[n - 1] == '\r')
			n--;
		struct kv *kv = NULL;
		int nkv = 0, cap = 0;
		VEC_GROW(kv, nkv, cap);
		kv[nkv++] = (struct kv){ "n", { .kind = V_NUM, .u = (uint64_t)line } };
		VEC_GROW(kv, nkv, cap);
		kv[nkv++] = (struct kv){ "text", { .kind = V_STR, .s = xstrndup(s, n), .slen = n } };
		words(&kv, &nkv, &cap, s, n);
		VEC_GROW(lg->ev, lg->nev, lg->evcap);
		lg->ev[lg->nev++] = (struct event){ line, stream, "line", kv, nkv, 0, -1 };
	}
	lg->nlines = line;
}
