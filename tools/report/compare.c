/* Lining judged runs up: labels, the probe table, the claim rows that
 * differ, the names __d_alloc stored inline or outside the dentry, and the
 * comparison's exit code. */
/* realpath() is XSI: the Makefile's _POSIX_C_SOURCE alone hides it. */
#define _XOPEN_SOURCE 700

#include "compare.h"
#include "json.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Who a run is: the manifest's kernel_release (what make lab booted), else
 * what the module printed, else the folder's name. */
static const char *base_label(const struct run *r)
{
	const char *m = r->manifest ? json_member_str(r->manifest, "kernel_release") : NULL;
	if (m && *m)
		return m;
	if (r->release && strcmp(r->release, "?"))
		return r->release;
	size_t n = strlen(r->dir);
	while (n > 1 && r->dir[n - 1] == '/')
		n--;
	const char *s = r->dir + n;
	while (s > r->dir && s[-1] != '/')
		s--;
	return xstrndup(s, (size_t)(r->dir + n - s));
}

/* Labels key compare.json's per-kernel objects: two runs of one kernel
 * become "6.12.117" and "6.12.117 #2". */
static void labels(struct cmp *c)
{
	for (int i = 0; i < c->nk; i++) {
		const char *b = base_label(&c->k[i].run), *l = b;
		for (int n = 2, clash = 1; clash; n++) {
			clash = 0;
			for (int j = 0; j < i && !clash; j++)
				clash = !strcmp(c->k[j].label, l);
			if (clash)
				l = xprintf("%s #%d", b, n);
		}
		c->k[i].label = l;
		const struct run *r = &c->k[i].run;
		c->k[i].accel = r->manifest ? json_member_str(r->manifest, "accel") : NULL;
	}
}

/* An absolute, symlink-free copy of path, or NULL. */
static const char *real(const char *path)
{
	char *p = realpath(path, NULL);
	if (!p)
		return NULL;
	const char *s = xstrdup(p);
	free(p);
	return s;
}

/* RUN_DIR/report.md as a link from OUT_DIR: relative when both resolve, so
 * a results/ tree moved elsewhere keeps its links. */
static const char *link_to(const char *out_dir, const char *run_dir)
{
	const char *from = real(out_dir), *to = real(run_dir);
	if (!from || !to)
		return xprintf("%s/report.md", run_dir);
	/* common: where the shared leading directories end (at a '/' or NUL) */
	size_t common = 0;
	for (size_t i = 0;; i++) {
		if ((from[i] == '/' || !from[i]) && (to[i] == '/' || !to[i]))
			common = i;
		if (!from[i] || from[i] != to[i])
			break;
	}
	struct sb b = { 0 };
	for (const char *p = from + common; *p; p++)
		if (*p == '/' && p[1])
			sb_puts(&b, "../");
	const char *rest = to + common;
	while (*rest == '/')
		rest++;
	sb_printf(&b, "%s%sreport.md", rest, *rest ? "/" : "");
	return xstrdup(sb_str(&b));
}

/* ---- probes ---------------------------------------------------------------- */

static struct prow *prow_for(struct cmp *c, const struct probe_line *p)
{
	for (int i = 0; i < c->np; i++)
		if (!strcmp(c->p[i].symbol, p->symbol))
			return &c->p[i];
	VEC_GROW(c->p, c->np, c->pcap);
	struct prow *r = &c->p[c->np++];
	*r = (struct prow){ p->symbol, p->kind, xalloc(sizeof *r->by * (size_t)c->nk), 0 };
	return r;
}

static void add_word(const char **list, const char *w)
{
	if (!*list)
		*list = w;
	else if (!strstr(xprintf(", %s, ", *list), xprintf(", %s, ", w)))
		*list = xprintf("%s, %s", *list, w);
}

static void probes(struct cmp *c)
{
	for (int k = 0; k < c->nk; k++) {
		const struct run *r = &c->k[k].run;
		for (int i = 0; i < r->nsc; i++) {
			const struct log *lg = &r->sc[i].log;
			for (int j = 0; j < lg->nprobes; j++) {
				const struct probe_line *p = &lg->probes[j];
				struct pcell *x = &prow_for(c, p)->by[k];
				int act = !strcmp(p->status, "active");
				if (!act && !x->nunav)
					x->err = p->err;
				x->nact += act;
				x->nunav += !act;
				if (p->as)
					x->as = p->as;
			}
		}
	}
	/* A symbol standing in for an unavailable one: "via d_splice_alias". */
	for (int i = 0; i < c->np; i++) {
		const struct prow *f = &c->p[i];
		for (int k = 0; k < c->nk; k++) {
			if (!f->by[k].as || !f->by[k].nact)
				continue;
			for (int j = 0; j < c->np; j++)
				if (!strcmp(c->p[j].symbol, f->by[k].as) && c->p[j].by[k].nunav)
					add_word(&c->p[j].by[k].via, f->symbol);
		}
	}
	for (int i = 0; i < c->np; i++)
		for (int k = 1; k < c->nk; k++)
			c->p[i].differs |= strcmp(pcell_text(&c->p[i].by[k]), pcell_text(&c->p[i].by[0])) != 0;
}

const char *pcell_status(const struct pcell *p)
{
	if (!p->nact && !p->nunav)
		return "not_probed";
	if (p->nact && p->nunav)
		return "mixed";
	if (p->nact)
		return "active";
	return p->via ? "via_fallback" : "unavailable";
}

const char *pcell_text(const struct pcell *p)
{
	/* -ENOENT from register_kprobe: kallsyms has no such symbol, so the
	 * function was inlined into its callers or does not exist. */
	const char *why = p->err == -2 ? xprintf("err %lld: no such symbol, inlined or absent", p->err)
				       : xprintf("err %lld", p->err);
	const char *st = pcell_status(p);
	if (!strcmp(st, "not_probed"))
		return "not probed";
	if (!strcmp(st, "mixed"))
		return xprintf("active in %d logs, unavailable in %d (%s)", p->nact, p->nunav, why);
	if (!strcmp(st, "active"))
		return p->as ? xprintf("active (as %s)", p->as) : "active";
	if (!p->via)
		return xprintf("unavailable (%s)", why);
	return xprintf("unavailable (%s); via %s", why, p->via);
}

/* ---- claims ---------------------------------------------------------------- */

const char *cmp_status(const struct cmp *c, const struct crow *row, int k)
{
	const struct scen *s = &c->k[k].run.sc[row->sc];
	return rstat_name(s->res[row->cl].st, s->def->claims[row->cl].observe);
}

static void claims(struct cmp *c)
{
	const struct run *r0 = &c->k[0].run;
	for (int i = 0; i < r0->nsc; i++)
		for (int j = 0; j < r0->sc[i].def->nclaims; j++) {
			VEC_GROW(c->c, c->nc, c->ccap);
			struct crow *row = &c->c[c->nc++];
			*row = (struct crow){ i, j, 0 };
			for (int k = 1; k < c->nk; k++)
				row->differs |= strcmp(cmp_status(c, row, k), cmp_status(c, row, 0)) != 0;
			c->ndiff += row->differs;
		}
}

/* ---- names ----------------------------------------------------------------- */

/* Digit runs of 3 or more (a pid, a random suffix) differ from boot to boot;
 * as <n> they let one row hold "the case17 name" of every kernel. */
static const char *name_key(const char *s, size_t n)
{
	struct sb b = { 0 };
	sb_add(&b, "", 0);
	for (size_t i = 0; i < n;) {
		size_t d = 0;
		while (i + d < n && isdigit((unsigned char)s[i + d]))
			d++;
		if (d >= 3) {
			sb_puts(&b, "<n>");
			i += d;
		} else if (d) {
			sb_add(&b, s + i, d);
			i += d;
		} else {
			fmt_bytes(&b, s + i, 1, 0);
			i++;
		}
	}
	return b.s;
}

static struct nrow *nrow_for(struct cmp *c, const char *key)
{
	for (int i = 0; i < c->nn; i++)
		if (!strcmp(c->nm[i].key, key))
			return &c->nm[i];
	VEC_GROW(c->nm, c->nn, c->ncap);
	struct nrow *r = &c->nm[c->nn++];
	*r = (struct nrow){ key, xalloc(sizeof *r->by * (size_t)c->nk), 0, 0 };
	return r;
}

static void names_of(struct cmp *c, int k)
{
	const struct run *r = &c->k[k].run;
	for (int i = 0; i < r->nsc; i++) {
		const struct log *lg = &r->sc[i].log;
		long long dsz = lg->has_load ? lg->dentry_size : r->have_load ? r->dsz : 0;
		for (int j = 0; j < lg->nev && dsz > 0; j++) {
			const struct event *e = &lg->ev[j];
			if (strcmp(e->probe, "__d_alloc") || strcmp(e->phase, "ret"))
				continue;
			const struct value *d = ev_get(e, "dentry"), *p = ev_get(e, "dname_ptr"),
					   *nm = ev_get(e, "dname"), *len = ev_get(e, "len");
			if (!d || !p || !nm || nm->unread || !len)
				continue;
			struct ncell *x = &nrow_for(c, name_key(nm->s, nm->slen))->by[k];
			int in = p->u >= d->u && p->u - d->u < (uint64_t)dsz;
			long long l = (long long)len->u;
			if (!x->nin && !x->next) {
				struct sb b = { 0 };
				fmt_bytes(&b, nm->s, nm->slen, 0);
				x->name = sb_str(&b);
				x->minlen = x->maxlen = l;
			}
			x->nin += in;
			x->next += !in;
			x->minlen = l < x->minlen ? l : x->minlen;
			x->maxlen = l > x->maxlen ? l : x->maxlen;
		}
	}
}

static int by_len(const void *a, const void *b)
{
	const struct nrow *x = a, *y = b;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return strcmp(x->key, y->key);
}

const char *ncell_text(const struct ncell *n)
{
	if (!n->nin && !n->next)
		return "—";
	const char *len = n->minlen == n->maxlen ? xprintf("%lld", n->minlen)
						 : xprintf("%lld-%lld", n->minlen, n->maxlen);
	if (n->nin && n->next)
		return xprintf("inline x%d, external x%d (len %s)", n->nin, n->next, len);
	return xprintf("%s (len %s)", n->nin ? "inline" : "external", len);
}

static void names(struct cmp *c)
{
	for (int k = 0; k < c->nk; k++)
		names_of(c, k);
	for (int i = 0; i < c->nn; i++) {
		struct nrow *r = &c->nm[i];
		for (int k = 0; k < c->nk && !r->len; k++)
			r->len = r->by[k].maxlen;
		/* Storage is what differs between kernels (DNAME_INLINE_LEN); a name
		 * one boot did not allocate (it was cached) is not a difference. */
		int first = 0;
		for (int k = 0; k < c->nk; k++) {
			int cls = (r->by[k].nin ? 1 : 0) | (r->by[k].next ? 2 : 0);
			if (cls && !first)
				first = cls;
			else if (cls)
				r->differs |= cls != first;
		}
	}
	if (c->nn > 1)
		qsort(c->nm, (size_t)c->nn, sizeof *c->nm, by_len);
}

void cmp_build(struct cmp *c)
{
	labels(c);
	for (int k = 0; k < c->nk; k++) {
		struct kside *s = &c->k[k];
		if (!s->report)
			s->report = link_to(c->out_dir, s->run.dir);
		const struct summary *m = &s->run.sum;
		c->passed += m->passed;
		c->failed += m->failed;
		c->missing += m->missing;
		c->notcheck += m->notcheck;
		c->incomplete += m->exit_code == 2;
	}
	probes(c);
	claims(c);
	names(c);
	c->exit_code = c->incomplete ? 2 : c->failed ? 1 : 0;
}

const char *cmp_summary_line(const struct cmp *c)
{
	struct sb b = { 0 };
	for (int k = 0; k < c->nk; k++)
		sb_printf(&b, "%s%s", k ? ", " : "", c->k[k].label);
	int per = c->nk ? c->k[0].run.sum.claims : 0;
	return xprintf("compare %s: %d claims on %d kernel%s: %d passed, %d failed, %d missing, "
		       "%d not checkable; %d claim%s/observation%s differ%s; %d incomplete run%s",
		       sb_str(&b), per, c->nk, c->nk == 1 ? "" : "s", c->passed, c->failed, c->missing,
		       c->notcheck, c->ndiff, c->ndiff == 1 ? "" : "s", c->ndiff == 1 ? "" : "s",
		       c->ndiff == 1 ? "s" : "", c->incomplete, c->incomplete == 1 ? "" : "s");
}
