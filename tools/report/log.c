/* Parser for the module's `vfslab: key=value ...` lines: strict about the
 * documented shape (a bad line is an error with its line number, never half
 * accepted), silent about every other kernel line. */
#include "log.h"
#include "schema.h"

#include <stdio.h>
#include <string.h>

static const char P_TRACE[] = "vfslab: ", P_REPLAY[] = "vfslab_replay: ";

const struct value *ev_get(const struct event *e, const char *key)
{
	for (int i = 0; i < e->nkv; i++)
		if (strcmp(e->kv[i].key, key) == 0)
			return &e->kv[i].v;
	return NULL;
}

static int is_hex_lower(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }
static int is_word(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '.';
}

/* A bounded, escaped copy of raw log bytes for an error message. */
static const char *shown(const char *s, size_t n)
{
	struct sb b = { 0 };
	fmt_bytes(&b, s, n > 40 ? 40 : n, 0);
	if (n > 40)
		sb_puts(&b, "...");
	return sb_str(&b);
}

/* Decodes a quoted string starting at p[0] == '"'. Sets *end past the
 * closing quote. Returns NULL with *why on a bad escape or raw byte. */
static char *decode_str(const char *p, const char *lim, const char **end, size_t *outlen,
			const char **why)
{
	struct sb b = { 0 };
	sb_add(&b, "", 0);
	for (const char *q = p + 1; q < lim; q++) {
		unsigned char c = (unsigned char)*q;
		if (c == '"') {
			*end = q + 1;
			*outlen = b.len;
			return b.s;
		}
		if (c == '\\') {
			if (q + 1 < lim && (q[1] == '"' || q[1] == '\\')) {
				sb_putc(&b, q[1]);
				q++;
			} else if (q + 3 < lim && q[1] == 'x' && is_hex_lower(q[2]) && is_hex_lower(q[3])) {
				unsigned v;
				sscanf(q + 2, "%2x", &v);
				sb_putc(&b, (char)v);
				q += 3;
			} else {
				*why = "bad escape in string";
				return NULL;
			}
		} else if (c < 0x20 || c > 0x7e) {
			*why = "unescaped byte outside 0x20-0x7e in string";
			return NULL;
		} else
			sb_putc(&b, (char)c);
	}
	*why = "string without closing quote";
	return NULL;
}

/* Checks and stores one value of a known (or shape-inferred) type. */
static const char *typed_value(const char *key, const char *s, size_t n, struct value *v)
{
	enum ktype t = key_type(key);
	if (t == K_UNKNOWN) {
		/* Keys added to the module later: infer from the documented shapes. */
		if (n > 2 && s[0] == '0' && s[1] == 'x')
			t = K_HEX;
		else if (n == 16)
			t = K_PTR;
		else if (parse_number(s, n, v) == 0)
			t = K_INT;
		else
			t = K_WORD;
	}
	switch (t) {
	case K_PTR:
		for (size_t i = 0; i < n; i++)
			if (!is_hex_lower(s[i]))
				return "pointer must be 16 lowercase hex digits";
		if (n != 16 || parse_number(s, n, v) != 0)
			return "pointer must be 16 lowercase hex digits";
		return NULL;
	case K_INT:
		if (parse_decimal(s, n, v) != 0)
			return "integer must be decimal";
		return NULL;
	case K_HEX:
		if (n < 3 || s[0] != '0' || s[1] != 'x' || parse_number(s, n, v) != 0)
			return "value must be 0x-prefixed hex";
		return NULL;
	case K_WORD:
		for (size_t i = 0; i < n; i++)
			if (!is_word(s[i]))
				return "bad word value";
		if (n == 0)
			return "empty value";
		v->kind = V_STR;
		v->s = intern(s, n);
		v->slen = n;
		return NULL;
	default:
		return "string must be quoted or ?";
	}
}

/* Splits `key=value key=value ...` into kv pairs. */
static const char *split_pairs(const char *p, const char *lim, struct kv **out, int *nout)
{
	int cap = 0;
	while (p < lim) {
		const char *k = p;
		while (p < lim && ((*p >= 'a' && *p <= 'z') || *p == '_'))
			p++;
		if (p == k || p >= lim || *p != '=')
			return "expected key=value with key in [a-z_]";
		const char *key = intern(k, (size_t)(p - k));
		p++;
		for (int i = 0; i < *nout; i++)
			if (strcmp((*out)[i].key, key) == 0)
				return xprintf("duplicate key '%s'", key);
		VEC_GROW(*out, *nout, cap);
		struct kv *kv = &(*out)[(*nout)++];
		memset(kv, 0, sizeof *kv);
		kv->key = key;
		enum ktype t = key_type(key);
		if (p < lim && (*p == '"' || (*p == '?' && (p + 1 == lim || p[1] == ' ')))) {
			if (t != K_STR && t != K_UNKNOWN)
				return xprintf("key '%s': string where a %s is documented", key,
					       t == K_PTR ? "pointer" : t == K_WORD ? "word" : "number");
			kv->v.kind = V_STR;
			if (*p == '?') {
				kv->v.unread = 1;
				kv->v.s = "";
				p++;
			} else {
				const char *why = NULL, *end = NULL;
				char *s = decode_str(p, lim, &end, &kv->v.slen, &why);
				if (!s)
					return xprintf("key '%s': %s", key, why);
				kv->v.s = s;
				p = end;
			}
		} else {
			if (t == K_STR)
				return xprintf("key '%s': string must be quoted or ?", key);
			const char *v = p;
			while (p < lim && *p != ' ')
				p++;
			const char *why = typed_value(key, v, (size_t)(p - v), &kv->v);
			if (why)
				return xprintf("key '%s': %s, got '%s'", key, why,
					       shown(v, (size_t)(p - v)));
		}
		if (p < lim) {
			if (*p != ' ' || p + 1 == lim)
				return "keys must be separated by one space, no trailing space";
			p++;
		}
	}
	return NULL;
}

static const char *word(const struct kv *kv, int n, const char *key)
{
	for (int i = 0; i < n; i++)
		if (strcmp(kv[i].key, key) == 0 && kv[i].v.kind == V_STR)
			return kv[i].v.s;
	return NULL;
}

static const struct value *num(const struct kv *kv, int n, const char *key)
{
	for (int i = 0; i < n; i++)
		if (strcmp(kv[i].key, key) == 0 && kv[i].v.kind == V_NUM)
			return &kv[i].v;
	return NULL;
}

/* Every word of keys must be present. Returns the first absent one. */
static const char *first_absent(const struct event *e, const char *keys)
{
	static char k[64];
	for (const char *p = keys; *p;) {
		size_t m = strcspn(p, " ");
		snprintf(k, sizeof k, "%.*s", (int)m, p);
		if (!ev_get(e, k))
			return k;
		p += m;
		p += strspn(p, " ");
	}
	return NULL;
}

static const char *meta_line(struct log *lg, struct kv *kv, int n)
{
	struct event e = { .kv = kv, .nkv = n };
	const char *m = kv[0].v.s, *miss;
	if (strcmp(m, "load") == 0) {
		if ((miss = first_absent(&e, "format target_comm release dentry_size dname_inline_len")))
			return xprintf("meta=load without %s", miss);
		if (num(kv, n, "format")->u != 1)
			return xprintf("meta=load format=%lld: this tool reads format=1",
				       (long long)num(kv, n, "format")->u);
		if (!lg->has_load) {
			lg->has_load = 1;
			const struct value *r = ev_get(&e, "release");
			lg->release = r->unread ? "?" : r->s;
			lg->dname_inline_len = (long long)num(kv, n, "dname_inline_len")->u;
			lg->dentry_size = (long long)num(kv, n, "dentry_size")->u;
		}
	} else if (strcmp(m, "probe") == 0) {
		if ((miss = first_absent(&e, "symbol kind status err")))
			return xprintf("meta=probe without %s", miss);
		const char *st = word(kv, n, "status"), *kd = word(kv, n, "kind");
		if (strcmp(st, "active") && strcmp(st, "unavailable"))
			return "meta=probe status must be active or unavailable";
		if (strcmp(kd, "kprobe") && strcmp(kd, "kretprobe"))
			return "meta=probe kind must be kprobe or kretprobe";
		VEC_GROW(lg->probes, lg->nprobes, lg->probecap);
		lg->probes[lg->nprobes++] = (struct probe_line){
			word(kv, n, "symbol"), kd, st, word(kv, n, "as"),
			(long long)num(kv, n, "err")->u };
	} else if (strcmp(m, "probes") == 0) {
		if ((miss = first_absent(&e, "active unavailable")))
			return xprintf("meta=probes without %s", miss);
	} else if (strcmp(m, "unload") == 0) {
		if ((miss = first_absent(&e, "symbol kind nmissed")))
			return xprintf("meta=unload without %s", miss);
		VEC_GROW(lg->unl, lg->nunl, lg->unlcap);
		lg->unl[lg->nunl++] = (struct unload_line){
			word(kv, n, "symbol"), word(kv, n, "kind"),
			(long long)num(kv, n, "nmissed")->u };
	}
	/* Other meta kinds are future additions: syntax-checked, then ignored. */
	return NULL;
}

static const char *event_line(struct log *lg, struct kv *kv, int n, int line, int *loads)
{
	static const char *order[] = { "seq", "probe", "phase" };
	for (int i = 0; i < 3; i++)
		if (n <= i || strcmp(kv[i].key, order[i]) != 0)
			return "event line must start seq= probe= phase=";
	int j = 3;
	if (j < n && strcmp(kv[j].key, "via") == 0)
		j++;
	if (j + 1 >= n || strcmp(kv[j].key, "pid") || strcmp(kv[j + 1].key, "comm"))
		return "event line must carry pid= comm= after phase= (and via=)";
	struct event e = { line, kv[1].v.s, kv[2].v.s, kv, n, *loads, -1 };
	if (strcmp(e.phase, "entry") && strcmp(e.phase, "ret"))
		return xprintf("phase=%s: must be entry or ret", e.phase);
	const char *keys, *ck, *cks, *miss;
	enum keycond cd;
	if (required_keys(e.probe, e.phase, &keys, &ck, &cd, &cks)) {
		if ((miss = first_absent(&e, keys)))
			return xprintf("%s.%s line without %s", e.probe, e.phase, miss);
		const struct value *c = ck ? ev_get(&e, ck) : NULL;
		if (c && cond_applies(cd, c->u) && (miss = first_absent(&e, cks)))
			return xprintf("%s.%s line with %s=%s but without %s", e.probe, e.phase, ck,
				       cd == COND_ZERO ? "0" : "<pointer>", miss);
	} else if (probe_known(e.probe))
		return xprintf("probe=%s has no documented phase=%s", e.probe, e.phase);
	/* seq order is a consistency check (check.c): the line itself is fine */
	VEC_GROW(lg->ev, lg->nev, lg->evcap);
	lg->ev[lg->nev++] = e;
	return NULL;
}

static const char *replay_line(struct log *lg, struct kv *kv, int n, int line)
{
	if (strcmp(kv[0].key, "result") != 0)
		return "vfslab_replay line must start result=";
	const char *r = kv[0].v.s;
	if (strcmp(r, "HIT") && strcmp(r, "MISS") && strcmp(r, "ERROR"))
		return "result must be HIT, MISS or ERROR";
	VEC_GROW(lg->ev, lg->nev, lg->evcap);
	lg->ev[lg->nev++] = (struct event){ line, "replay", "result", kv, n, 0, -1 };
	return NULL;
}

/* Handles one line; returns an error message or NULL. */
static const char *one_line(struct log *lg, const char *s, size_t n, int line, int *loads)
{
	const char *t = find_bytes(s, n, P_TRACE), *r = find_bytes(s, n, P_REPLAY);
	if (!t && !r)
		return NULL; /* an unrelated kernel line */
	int replay = r && (!t || r < t);
	const char *body = replay ? r + strlen(P_REPLAY) : t + strlen(P_TRACE);
	struct kv *kv = NULL;
	int nkv = 0;
	const char *why = split_pairs(body, s + n, &kv, &nkv);
	if (why)
		return why;
	if (nkv == 0)
		return "no key=value after the prefix";
	/* trunc=1: something on the line was cut, so no string of it is known
	 * whole (docs/trace-format.md) */
	for (int i = 0; i < nkv; i++)
		if (!strcmp(kv[i].key, "trunc") && kv[i].v.kind == V_NUM && kv[i].v.u)
			for (int j = 0; j < nkv; j++)
				kv[j].v.partial = kv[j].v.kind == V_STR;
	if (replay)
		return replay_line(lg, kv, nkv, line);
	if (strcmp(kv[0].key, "meta") == 0) {
		if (kv[0].v.kind == V_STR && strcmp(kv[0].v.s, "load") == 0)
			++*loads; /* seq counts per load */
		return meta_line(lg, kv, nkv);
	}
	if (strcmp(kv[0].key, "seq") == 0)
		return event_line(lg, kv, nkv, line, loads);
	return "first key must be meta= or seq=";
}

void log_parse(struct log *lg, const char *buf, size_t len)
{
	int loads = 0, line = 0;
	for (size_t i = 0; i < len;) {
		const char *nl = memchr(buf + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - (buf + i)) : len - i;
		const char *s = buf + i;
		line++;
		i += n + (nl ? 1 : 0);
		if (n && s[n - 1] == '\r')
			n--;
		const char *why = one_line(lg, s, n, line, &loads);
		if (!why)
			continue;
		/* A last line without its newline was cut mid-write: not the
		 * module's fault, and the missing meta=unload already tells. */
		if (!nl) {
			lg->cut_tail = 1;
			continue;
		}
		VEC_GROW(lg->err, lg->nerr, lg->errcap);
		lg->err[lg->nerr++] = (struct parse_error){ line, why };
	}
	lg->nlines = line;
	log_check(lg);
}
