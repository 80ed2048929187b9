/* Cross-check of the module against tracefs kprobe events. The k-th event
 * of each kind in kprobe_events.txt is paired with the k-th module line of
 * the same kind; counts and every value must be equal. */
#include "xcheck.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* What each tracefs event stands for on the module's side. */
static const struct xkind {
	const char *event;                 /* tracefs event name (group vfslab) */
	const char *probe, *phase, *key;   /* the module line and its pointer key */
	const char *tkey;                  /* the pointer field in the trace line */
	int has_path;                      /* also compare path (string) */
} kinds[] = {
	{ "dfo", "do_filp_open", "entry", "path_ptr", "name_ptr", 1 },
	{ "dalloc", "__d_alloc", "entry", "name_ptr", "name_ptr", 0 },
	{ "dalloc_ret", "__d_alloc", "ret", "dentry", "ret", 0 },
	{ "dlookup_ret", "d_lookup", "ret", "dentry", "ret", 0 },
};
#define NKINDS (int)(sizeof kinds / sizeof kinds[0])

struct tev {
	uint64_t ptr;
	const char *path;
	size_t plen;
	int line;
};

struct tlist {
	struct tev *v;
	int n, cap;
};

static const char H_DEF[] = "# vfslab-kprobe-events: ";
static const char H_PROF[] = "# vfslab-kprobe-profile: ";
static const char H_ENTRIES[] = "# entries-in-buffer/entries-written: ";

static int starts(const char *s, size_t n, const char *p)
{
	size_t m = strlen(p);
	return n >= m && memcmp(s, p, m) == 0;
}

/* Hex after "key=0x" in [s, s+n); -1 when absent or malformed. */
static int field_ptr(const char *s, size_t n, const char *key, uint64_t *out)
{
	const char *k = find_bytes(s, n, xprintf(" %s=0x", key));
	if (!k)
		return -1;
	k += strlen(key) + 4;
	char *end;
	errno = 0;
	unsigned long long v = strtoull(k, &end, 16);
	if (end == k || errno || (end < s + n && *end != ' '))
		return -1;
	*out = v;
	return 0;
}

/* One trace event line: which kind, or -1 for a line this file never holds. */
static int event_line(const char *s, size_t n, struct tev *e)
{
	for (int k = 0; k < NKINDS; k++) {
		const char *at = find_bytes(s, n, xprintf(" %s: (", kinds[k].event));
		if (!at)
			continue;
		size_t off = (size_t)(at - s);
		if (field_ptr(at, n - off, kinds[k].tkey, &e->ptr))
			return -1;
		if (kinds[k].has_path) {
			/* the string is printed raw, last on the line: up to the last quote */
			const char *p = find_bytes(at, n - off, " path=\"");
			if (!p || s[n - 1] != '"' || s + n - 1 < p + 7)
				return -1;
			e->path = p + 7;
			e->plen = (size_t)(s + n - 1 - e->path);
		}
		return k;
	}
	return -1;
}

/* Reads kprobe_events.txt into per-kind lists. NULL, or why it is unusable. */
static const char *load_trace(const char *path, struct tlist *t)
{
	char *buf;
	size_t len;
	int cut;
	if (read_file(path, &buf, &len, &cut))
		return xprintf("cannot read kprobe_events.txt: %s", strerror(errno));
	if (cut)
		return "kprobe_events.txt is larger than 64 MiB";
	int line = 0, defs = 0, entries = 0;
	for (size_t i = 0; i < len;) {
		const char *s = buf + i, *nl = memchr(s, '\n', len - i);
		size_t n = nl ? (size_t)(nl - s) : len - i;
		i += n + (nl ? 1 : 0);
		line++;
		if (n == 0)
			continue;
		if (starts(s, n, H_DEF)) {
			const char *rest = s + strlen(H_DEF);
			if (starts(rest, n - strlen(H_DEF), "off:"))
				return "the guest skipped the second instrument (off:), but the scenario has no `cross_check = off`";
			if (starts(rest, n - strlen(H_DEF), "unavailable"))
				return xprintf("second instrument unavailable in the guest (%.*s)",
					       (int)(n - strlen(H_DEF)), rest);
			defs++;
		} else if (starts(s, n, H_PROF)) {
			/* "<event> <hits> <misses>": a miss may be a lost event */
			char *e = xstrndup(s + strlen(H_PROF), n - strlen(H_PROF));
			char name[64];
			unsigned long long hits, miss;
			if (sscanf(e, "%63s %llu %llu", name, &hits, &miss) != 3)
				return xprintf("kprobe_events.txt:%d: bad profile line", line);
			if (miss)
				return xprintf("tracefs event %s missed %llu hits (kprobe_profile)", name, miss);
		} else if (starts(s, n, H_ENTRIES)) {
			unsigned long long a, b;
			char *e = xstrndup(s + strlen(H_ENTRIES), n - strlen(H_ENTRIES));
			if (sscanf(e, "%llu/%llu", &a, &b) != 2)
				return xprintf("kprobe_events.txt:%d: bad entries line", line);
			if (a != b)
				return xprintf("the trace buffer lost events (entries-in-buffer %llu, written %llu)", a, b);
			entries = 1;
		} else if (s[0] == '#') {
			continue;
		} else {
			struct tev e = { .line = line };
			int k = event_line(s, n, &e);
			if (k < 0)
				return xprintf("kprobe_events.txt:%d: not a vfslab event line", line);
			VEC_GROW(t[k].v, t[k].n, t[k].cap);
			t[k].v[t[k].n++] = e;
		}
	}
	if (!defs)
		return "kprobe_events.txt names no event definition (no '# vfslab-kprobe-events:' line)";
	if (!entries)
		return "kprobe_events.txt has no entries-in-buffer/entries-written line: cannot tell lost events";
	return NULL;
}

/* A cut module string (trunc=1) agrees with a trace string it prefixes. */
static int path_eq(const struct value *m, int trunc, const struct tev *e)
{
	if (trunc)
		return m->slen <= e->plen && memcmp(m->s, e->path, m->slen) == 0;
	return m->slen == e->plen && memcmp(m->s, e->path, m->slen) == 0;
}

/* Compares one scenario; NULL when both agree, else the first difference. */
static const char *compare(const struct scen *s, const struct tlist *t, int *values, struct sb *counts)
{
	for (int k = 0; k < NKINDS; k++) {
		const struct xkind *x = &kinds[k];
		int m = 0;
		for (int i = 0; i < s->log.nev; i++) {
			const struct event *ev = &s->log.ev[i];
			if (strcmp(ev->probe, x->probe) || strcmp(ev->phase, x->phase))
				continue;
			const struct value *p = ev_get(ev, x->key);
			if (m >= t[k].n)
				return xprintf("%s.%s: the module has more lines than tracefs has %s events (%d)",
					       x->probe, x->phase, x->event, t[k].n);
			const struct tev *e = &t[k].v[m++];
			if (!p || p->kind != V_NUM || p->u != e->ptr)
				return xprintf("%s.%s #%d (dmesg.txt:%d) %s=0x%016llx, tracefs %s (kprobe_events.txt:%d) %s=0x%016llx",
					       x->probe, x->phase, m, ev->line, x->key,
					       p ? (unsigned long long)p->u : 0ULL, x->event, e->line, x->tkey,
					       (unsigned long long)e->ptr);
			(*values)++;
			if (x->has_path) {
				const struct value *ps = ev_get(ev, "path");
				const struct value *tr = ev_get(ev, "trunc");
				if (!ps || ps->kind != V_STR || ps->unread || !path_eq(ps, tr && tr->u, e))
					return xprintf("%s.%s #%d (dmesg.txt:%d) path differs from tracefs %s (kprobe_events.txt:%d) path=\"%.*s\"",
						       x->probe, x->phase, m, ev->line, x->event, e->line,
						       (int)e->plen, e->path);
				(*values)++;
			}
		}
		if (m != t[k].n)
			return xprintf("%s.%s: the module has %d lines, tracefs has %d %s events",
				       x->probe, x->phase, m, t[k].n, x->event);
		sb_printf(counts, "%s%s.%s %d", k ? ", " : "", x->probe, x->phase, m);
	}
	return NULL;
}

void xcheck_run(struct run *r)
{
	struct summary *m = &r->sum;
	int any = 0;
	for (int i = 0; i < r->nsc; i++)
		if (r->sc[i].present && !access(xprintf("%s/kprobe_events.txt", r->sc[i].dir), F_OK))
			any = 1;
	if (!any)
		return;
	for (int i = 0; i < r->nsc; i++) {
		struct scen *s = &r->sc[i];
		if (!s->present || !s->has_dmesg)
			continue;
		if (s->def->xcheck_off) {
			scen_note(s, xprintf("cross-check with tracefs kprobe_events: off (%s)",
					     s->def->xcheck_off));
			continue;
		}
		const char *path = xprintf("%s/kprobe_events.txt", s->dir), *why;
		struct tlist t[NKINDS];
		struct sb counts = { 0 };
		int values = 0;
		memset(t, 0, sizeof t);
		if (access(path, F_OK))
			why = "no kprobe_events.txt while other scenarios of the run have one";
		else
			why = load_trace(path, t);
		if (!why)
			why = compare(s, t, &values, &counts);
		if (why) {
			scen_note(s, xprintf("cross-check with tracefs kprobe_events FAILED: %s", why));
			if (s->status == S_PASS)
				s->status = S_FAIL;
			m->xfailed++;
			continue;
		}
		m->xscen++;
		m->xvalues += values;
		scen_note(s, xprintf("cross-check with tracefs kprobe_events: %d values agree (%s)", values,
				     sb_str(&counts)));
	}
}

const char *xcheck_line(const struct run *r)
{
	const struct summary *m = &r->sum;
	if (!m->xscen && !m->xfailed)
		return NULL;
	if (!m->xfailed)
		return xprintf("cross-check: %d values compared in %d scenarios, all equal", m->xvalues,
			       m->xscen);
	const char *name = "", *why = "";
	for (int i = 0; i < r->nsc && !*name; i++)
		for (int j = 0; j < r->sc[i].nnotes && !*name; j++) {
			const char *f = strstr(r->sc[i].notes[j], "kprobe_events FAILED: ");
			if (f) {
				name = r->sc[i].def->name;
				why = f + strlen("kprobe_events FAILED: ");
			}
		}
	return xprintf("cross-check FAILED in %d scenario(s), first %s: %s (%d values agree in %d other scenarios)",
		       m->xfailed, name, why, m->xvalues, m->xscen);
}
