/* compare.json, schema "vfslab-compare/1" (docs/compare-json.md). Per-kernel
 * values are objects keyed by the kernel's label; each claim is one line so
 * grep works on it as on report.json. */
#include "compare.h"
#include "json.h"
#include "render.h"

#include <string.h>

/* "a, b" as ["a", "b"]. */
static void list(struct sb *o, const char *joined)
{
	sb_putc(o, '[');
	for (const char *p = joined; p && *p;) {
		size_t n = strcspn(p, ",");
		sb_puts(o, p == joined ? "" : ", ");
		json_str(o, p, n);
		p += n;
		p += strspn(p, ", ");
	}
	sb_putc(o, ']');
}

static void key(struct sb *o, const char *k)
{
	json_cstr(o, k);
	sb_puts(o, ": ");
}

static void kernel(struct sb *o, const struct cmp *c, int k)
{
	const struct kside *s = &c->k[k];
	const struct run *r = &s->run;
	const struct summary *m = &r->sum;
	sb_puts(o, "    {\"label\": ");
	json_cstr(o, s->label);
	sb_puts(o, ", \"kernel\": ");
	json_cstr(o, r->manifest ? json_member_str(r->manifest, "kernel") : NULL);
	sb_puts(o, ", \"kernel_release\": ");
	json_cstr(o, r->release);
	sb_puts(o, ",\n     \"run_dir\": ");
	json_cstr(o, r->dir);
	sb_puts(o, ", \"report\": ");
	json_cstr(o, s->report_note ? NULL : s->report);
	sb_puts(o, ", \"report_note\": ");
	json_cstr(o, s->report_note);
	sb_puts(o, ",\n     \"accel\": ");
	json_cstr(o, s->accel);
	if (r->have_load)
		sb_printf(o, ", \"dname_inline_len\": %lld, \"dentry_size\": %lld", r->dil, r->dsz);
	else
		sb_puts(o, ", \"dname_inline_len\": null, \"dentry_size\": null");
	struct pfact *u, *f;
	int nu = run_unavailable(r, &u), nf = run_fallbacks(r, &f);
	sb_puts(o, ",\n     \"unavailable_probes\": [");
	for (int i = 0; i < nu; i++) {
		sb_puts(o, i ? ", " : "");
		json_cstr(o, u[i].symbol);
	}
	sb_puts(o, "], \"fallbacks\": [");
	for (int i = 0; i < nf; i++) {
		sb_puts(o, i ? ", {\"symbol\": " : "{\"symbol\": ");
		json_cstr(o, f[i].symbol);
		sb_puts(o, ", \"as\": ");
		json_cstr(o, f[i].as);
		sb_putc(o, '}');
	}
	sb_printf(o, "],\n     \"summary\": {\"claims\": %d, \"passed\": %d, \"failed\": %d, \"missing\": %d, "
		  "\"not_checkable\": %d, \"observations\": %d, \"scenarios\": %d, \"incomplete\": %d, "
		  "\"scenarios_missing\": %d, \"exit_code\": %d}}%s\n",
		  m->claims, m->passed, m->failed, m->missing, m->notcheck, m->observations, m->scenarios,
		  m->incomplete, m->absent, m->exit_code, k == c->nk - 1 ? "" : ",");
}

static void probe(struct sb *o, const struct cmp *c, const struct prow *p, int last)
{
	sb_puts(o, "    ");
	key(o, p->symbol);
	sb_puts(o, "{\"kind\": ");
	json_cstr(o, p->kind);
	sb_printf(o, ", \"differs\": %s, \"by_kernel\": {", p->differs ? "true" : "false");
	for (int k = 0; k < c->nk; k++) {
		const struct pcell *x = &p->by[k];
		sb_puts(o, k ? ", " : "");
		key(o, c->k[k].label);
		sb_printf(o, "{\"status\": \"%s\", \"logs_active\": %d, \"logs_unavailable\": %d",
			  pcell_status(x), x->nact, x->nunav);
		if (x->nunav)
			sb_printf(o, ", \"err\": %lld", x->err);
		if (x->as) {
			sb_puts(o, ", \"as\": ");
			json_cstr(o, x->as);
		}
		if (x->via) {
			sb_puts(o, ", \"via\": ");
			list(o, x->via);
		}
		sb_putc(o, '}');
	}
	sb_printf(o, "}}%s\n", last ? "" : ",");
}

/* "status_by_kernel": {...} and, with values, "values_by_kernel": {...}. */
static void by_kernel(struct sb *o, const struct cmp *c, const struct crow *row, int values)
{
	sb_puts(o, "\"status_by_kernel\": {");
	for (int k = 0; k < c->nk; k++) {
		sb_puts(o, k ? ", " : "");
		key(o, c->k[k].label);
		json_cstr(o, cmp_status(c, row, k));
	}
	sb_putc(o, '}');
	if (!values)
		return;
	sb_puts(o, ", \"values_by_kernel\": {");
	for (int k = 0; k < c->nk; k++) {
		sb_puts(o, k ? ", " : "");
		key(o, c->k[k].label);
		json_cstr(o, c->k[k].run.sc[row->sc].res[row->cl].values);
	}
	sb_putc(o, '}');
}

/* One claim row; which: 0 every claim, 1 differences, 2 observations. */
static void claims(struct sb *o, const struct cmp *c, const char *name, int which)
{
	sb_printf(o, "  \"%s\": [", name);
	int n = 0;
	for (int i = 0; i < c->nc; i++) {
		const struct crow *row = &c->c[i];
		const struct scn *d = c->k[0].run.sc[row->sc].def;
		const struct claim *cl = &d->claims[row->cl];
		if ((which == 1 && !row->differs) || (which == 2 && !cl->observe))
			continue;
		sb_puts(o, n++ ? ",\n    {\"scenario\": " : "\n    {\"scenario\": ");
		json_cstr(o, d->name);
		sb_puts(o, ", \"id\": ");
		json_cstr(o, cl->id);
		sb_printf(o, ", \"kind\": \"%s\", \"expression\": ", cl->observe ? "observe" : "claim");
		json_cstr(o, cl->text);
		sb_printf(o, ", \"differs\": %s, ", row->differs ? "true" : "false");
		by_kernel(o, c, row, which != 1);
		sb_putc(o, '}');
	}
	sb_printf(o, "%s],\n", n ? "\n  " : "");
}

static void names(struct sb *o, const struct cmp *c)
{
	sb_puts(o, "  \"names\": [");
	for (int i = 0; i < c->nn; i++) {
		const struct nrow *r = &c->nm[i];
		sb_puts(o, i ? ",\n    {\"name\": " : "\n    {\"name\": ");
		json_cstr(o, r->key);
		sb_printf(o, ", \"differs\": %s, \"by_kernel\": {", r->differs ? "true" : "false");
		for (int k = 0; k < c->nk; k++) {
			const struct ncell *x = &r->by[k];
			sb_puts(o, k ? ", " : "");
			key(o, c->k[k].label);
			if (!x->nin && !x->next) {
				sb_puts(o, "null");
				continue;
			}
			sb_printf(o, "{\"storage\": \"%s\", \"len\": %lld, \"len_max\": %lld, \"inline\": %d, "
				  "\"external\": %d, \"example\": ",
				  x->nin && x->next ? "mixed" : x->nin ? "inline" : "external", x->minlen,
				  x->maxlen, x->nin, x->next);
			json_cstr(o, x->name);
			sb_putc(o, '}');
		}
		sb_puts(o, "}}");
	}
	sb_printf(o, "%s]\n", c->nn ? "\n  " : "");
}

void render_cmp_json(struct sb *o, const struct cmp *c)
{
	sb_puts(o, "{\n  \"schema\": \"vfslab-compare/1\",\n  \"scenarios_dir\": ");
	json_cstr(o, c->scn_dir);
	sb_printf(o, ",\n  \"study_dname_inline_len\": %d,\n", STUDY_DNAME_INLINE_LEN);
	sb_printf(o, "  \"summary\": {\"kernels\": %d, \"claims\": %d, \"passed\": %d, \"failed\": %d, "
		  "\"missing\": %d, \"not_checkable\": %d, \"differences\": %d, \"incomplete_runs\": %d, "
		  "\"exit_code\": %d},\n",
		  c->nk, c->nk ? c->k[0].run.sum.claims : 0, c->passed, c->failed, c->missing,
		  c->notcheck, c->ndiff, c->incomplete, c->exit_code);
	sb_puts(o, "  \"kernels\": [\n");
	for (int k = 0; k < c->nk; k++)
		kernel(o, c, k);
	sb_puts(o, "  ],\n  \"probes\": {\n");
	for (int i = 0; i < c->np; i++)
		probe(o, c, &c->p[i], i == c->np - 1);
	sb_puts(o, "  },\n");
	claims(o, c, "claims", 0);
	claims(o, c, "differences", 1);
	claims(o, c, "observations", 2);
	names(o, c);
	sb_puts(o, "}\n");
}
