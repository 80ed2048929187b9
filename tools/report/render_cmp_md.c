/* compare.md: one column per kernel. The kernels' facts, then the rows
 * whose status differs (so the reader starts there), the probes, every
 * claim, the observations and the names __d_alloc stored. A row that
 * differs between kernels is marked ≠ and set in bold wherever it shows. */
#include "compare.h"
#include "render.h"

#include <string.h>

#define NE "≠"

/* Table cell text: a '|' would end the cell, a newline the row. */
static void cell(struct sb *o, const char *s)
{
	for (; *s; s++)
		if (*s == '|')
			sb_puts(o, "\\|");
		else
			sb_putc(o, *s == '\n' || *s == '\r' ? ' ' : *s);
}

/* s as inline code inside a cell; the fence outlasts any backtick run in s. */
static void code(struct sb *o, const char *s)
{
	size_t most = 0;
	for (const char *p = s; *p;) {
		size_t k = strspn(p, "`");
		most = k > most ? k : most;
		p += k ? k : 1;
	}
	char *f = xalloc(most + 2);
	memset(f, '`', most + 1);
	const char *pad = s[0] == '`' || (*s && s[strlen(s) - 1] == '`') ? " " : "";
	sb_printf(o, "%s%s", f, pad);
	cell(o, s);
	sb_printf(o, "%s%s", pad, f);
}

static void head(struct sb *o, const struct cmp *c, const char *cols)
{
	sb_printf(o, "| | %s |", cols);
	for (int k = 0; k < c->nk; k++) {
		sb_putc(o, ' ');
		cell(o, c->k[k].label);
		sb_puts(o, " |");
	}
	sb_puts(o, "\n|---|");
	for (const char *p = cols; (p = strchr(p, '|')); p++)
		sb_puts(o, "---|");
	for (int k = 0; k <= c->nk; k++)
		sb_puts(o, "---|");
	sb_putc(o, '\n');
}

/* The start of a row: the ≠ marker column. Bold text is wrapped by b(). */
static void mark(struct sb *o, int differs) { sb_puts(o, differs ? "| " NE " |" : "| |"); }
static const char *b(const char *s, int bold) { return bold ? xprintf("**%s**", s) : s; }

/* A kernel-facts row; marked when the cells are not all the same. */
static void fact(struct sb *o, const struct cmp *c, const char *name, const char **v, int mark_diff)
{
	int d = 0;
	for (int k = 1; k < c->nk && mark_diff; k++)
		d |= strcmp(v[k], v[0]) != 0;
	mark(o, d);
	sb_printf(o, " %s |", b(name, d));
	for (int k = 0; k < c->nk; k++) {
		sb_putc(o, ' ');
		cell(o, b(v[k], d));
		sb_puts(o, " |");
	}
	sb_putc(o, '\n');
}

static const char *probe_list(const struct run *r, int fallbacks)
{
	struct pfact *f;
	int n = fallbacks ? run_fallbacks(r, &f) : run_unavailable(r, &f);
	struct sb s = { 0 };
	for (int i = 0; i < n; i++)
		if (fallbacks)
			sb_printf(&s, "%s`%s` (%s) as `%s`", i ? ", " : "", f[i].symbol, f[i].kind, f[i].as);
		else
			sb_printf(&s, "%s`%s` (%s, err %lld)", i ? ", " : "", f[i].symbol, f[i].kind, f[i].err);
	return n ? xstrdup(sb_str(&s)) : "none";
}

static void kernels(struct sb *o, const struct cmp *c)
{
	const char **v = xalloc(sizeof *v * (size_t)c->nk);
	sb_puts(o, "## Kernels\n\n");
	head(o, c, "");
	for (int k = 0; k < c->nk; k++) {
		const struct run *r = &c->k[k].run;
		v[k] = r->release ? r->release : "unknown (no meta=load line)";
	}
	fact(o, c, "kernel release (module)", v, 0);
	for (int k = 0; k < c->nk; k++)
		v[k] = xprintf("`%s`", c->k[k].run.dir);
	fact(o, c, "run directory", v, 0);
	for (int k = 0; k < c->nk; k++)
		v[k] = c->k[k].report_note ? c->k[k].report_note
					   : xprintf("[report.md](<%s>)", c->k[k].report);
	fact(o, c, "report", v, 0);
	for (int k = 0; k < c->nk; k++) {
		const struct run *r = &c->k[k].run;
		v[k] = r->have_load ? xprintf("%lld (the study's figure: %d)", r->dil, STUDY_DNAME_INLINE_LEN)
				    : "unknown";
	}
	fact(o, c, "DNAME_INLINE_LEN", v, 1);
	for (int k = 0; k < c->nk; k++) {
		const struct run *r = &c->k[k].run;
		v[k] = r->have_load ? xprintf("%lld", r->dsz) : "unknown";
	}
	fact(o, c, "DENTRY_SIZE (sizeof(struct dentry))", v, 1);
	for (int k = 0; k < c->nk; k++)
		v[k] = c->k[k].accel ? c->k[k].accel : "unknown (no manifest)";
	fact(o, c, "accel", v, 1);
	for (int k = 0; k < c->nk; k++)
		v[k] = probe_list(&c->k[k].run, 0);
	fact(o, c, "unavailable probes", v, 1);
	for (int k = 0; k < c->nk; k++)
		v[k] = probe_list(&c->k[k].run, 1);
	fact(o, c, "fallbacks", v, 1);
	for (int k = 0; k < c->nk; k++)
		v[k] = summary_line(&c->k[k].run);
	fact(o, c, "result", v, 0);
	for (int k = 0; k < c->nk; k++) {
		const struct run *r = &c->k[k].run;
		struct sb s = { 0 };
		for (int i = 0; i < r->nsc; i++)
			if (r->sc[i].status == S_INCOMPLETE || r->sc[i].status == S_MISSING)
				sb_printf(&s, "%s%s (%s)", s.len ? ", " : "", r->sc[i].def->name,
					  sstat_name(r->sc[i].status));
		v[k] = s.len ? xstrdup(sb_str(&s)) : "none";
	}
	fact(o, c, "scenarios incomplete or missing", v, 1);
	for (int k = 0; k < c->nk; k++)
		v[k] = xprintf("%d", c->k[k].run.sum.exit_code);
	fact(o, c, "exit code", v, 1);
	sb_putc(o, '\n');
}

static const struct claim *claim_of(const struct cmp *c, const struct crow *row)
{
	return &c->k[0].run.sc[row->sc].def->claims[row->cl];
}

static const char *word(const struct cmp *c, const struct crow *row, int k)
{
	const struct scen *s = &c->k[k].run.sc[row->sc];
	return rstat_label(s->res[row->cl].st, s->def->claims[row->cl].observe);
}

static void claim_row(struct sb *o, const struct cmp *c, const struct crow *row)
{
	const struct claim *cl = claim_of(c, row);
	mark(o, row->differs);
	sb_printf(o, " %s | %s | %s |", b(c->k[0].run.sc[row->sc].def->name, row->differs),
		  b(cl->id, row->differs), cl->observe ? "observe" : "claim");
	for (int k = 0; k < c->nk; k++)
		sb_printf(o, " %s |", b(word(c, row, k), row->differs));
	sb_putc(o, '\n');
}

/* Kernel facts, probes and names that differ: one line each. */
static int other_differences(struct sb *o, const struct cmp *c)
{
	int n = 0, dil = 0, dsz = 0;
	for (int k = 1; k < c->nk; k++) {
		const struct run *a = &c->k[0].run, *r = &c->k[k].run;
		dil |= a->have_load != r->have_load || a->dil != r->dil;
		dsz |= a->have_load != r->have_load || a->dsz != r->dsz;
	}
	for (int f = 0; f < 2; f++) {
		if (!(f ? dsz : dil))
			continue;
		sb_printf(o, "%s- %s: ", n++ ? "" : "\n", f ? "DENTRY_SIZE" : "DNAME_INLINE_LEN");
		for (int k = 0; k < c->nk; k++) {
			const struct run *r = &c->k[k].run;
			sb_printf(o, "%s%s on %s", k ? ", " : "",
				  r->have_load ? xprintf("%lld", f ? r->dsz : r->dil) : "unknown", c->k[k].label);
		}
		sb_puts(o, f ? "\n" : xprintf(" (the study's figure: %d)\n", STUDY_DNAME_INLINE_LEN));
	}
	for (int i = 0; i < c->np; i++) {
		if (!c->p[i].differs)
			continue;
		sb_printf(o, "%s- probe `%s`: ", n++ ? "" : "\n", c->p[i].symbol);
		for (int k = 0; k < c->nk; k++)
			sb_printf(o, "%s%s on %s", k ? "; " : "", pcell_text(&c->p[i].by[k]), c->k[k].label);
		sb_putc(o, '\n');
	}
	for (int i = 0; i < c->nn; i++) {
		if (!c->nm[i].differs)
			continue;
		sb_printf(o, "%s- name ", n++ ? "" : "\n");
		code(o, c->nm[i].key);
		sb_puts(o, ": ");
		for (int k = 0; k < c->nk; k++)
			sb_printf(o, "%s%s on %s", k ? "; " : "", ncell_text(&c->nm[i].by[k]), c->k[k].label);
		sb_putc(o, '\n');
	}
	return n;
}

static void differences(struct sb *o, const struct cmp *c)
{
	sb_puts(o, "## Differences\n\n");
	if (c->nk < 2) {
		sb_puts(o, "One run: nothing to compare it with.\n\n");
		return;
	}
	if (!c->ndiff)
		sb_puts(o, "Every claim and observation has the same status on every kernel.\n");
	else {
		sb_printf(o, "%d claim%s or observation%s with a different status on some kernel:\n\n",
			  c->ndiff, c->ndiff == 1 ? "" : "s", c->ndiff == 1 ? "" : "s");
		head(o, c, "scenario | claim | kind");
		for (int i = 0; i < c->nc; i++)
			if (c->c[i].differs)
				claim_row(o, c, &c->c[i]);
		/* The values each kernel gave, so the reader sees why without
		 * opening every report. */
		int n = 0;
		const char **lines = xalloc(sizeof *lines * (size_t)(c->ndiff * (c->nk + 2) + 1));
		for (int i = 0; i < c->nc; i++) {
			const struct crow *row = &c->c[i];
			if (!row->differs)
				continue;
			const struct claim *cl = claim_of(c, row);
			if (n)
				lines[n++] = "";
			lines[n++] = xprintf("%s/%s: %s", c->k[0].run.sc[row->sc].def->name, cl->id, cl->text);
			for (int k = 0; k < c->nk; k++)
				lines[n++] = xprintf("  %s: %s   %s", c->k[k].label,
						     c->k[k].run.sc[row->sc].res[row->cl].values, word(c, row, k));
		}
		const char *f = md_fence(lines, n);
		sb_printf(o, "\n%stext\n", f);
		for (int i = 0; i < n; i++)
			sb_printf(o, "%s\n", lines[i]);
		sb_printf(o, "%s\n", f);
	}
	if (!other_differences(o, c))
		sb_puts(o, "\nKernel constants, probes and name storage: the same on every kernel.\n");
	sb_putc(o, '\n');
}

static void probes(struct sb *o, const struct cmp *c)
{
	sb_puts(o, "## Probes\n\n"
		   "What the module's `meta=probe` lines said on each kernel. A claim that reads an "
		   "unavailable probe (and no fallback supplies it) is *not checkable* on that kernel.\n\n");
	head(o, c, "probe | kind");
	for (int i = 0; i < c->np; i++) {
		const struct prow *p = &c->p[i];
		mark(o, p->differs);
		sb_puts(o, " ");
		code(o, p->symbol);
		sb_printf(o, " | %s |", p->kind);
		for (int k = 0; k < c->nk; k++) {
			sb_putc(o, ' ');
			cell(o, b(pcell_text(&p->by[k]), p->differs));
			sb_puts(o, " |");
		}
		sb_putc(o, '\n');
	}
	sb_putc(o, '\n');
}

static void claims(struct sb *o, const struct cmp *c)
{
	sb_puts(o, "## Claims\n\nEvery claim (firm) and observation, per kernel.\n\n");
	head(o, c, "scenario | claim | kind");
	for (int i = 0; i < c->nc; i++)
		claim_row(o, c, &c->c[i]);
	sb_putc(o, '\n');
}

static void observations(struct sb *o, const struct cmp *c)
{
	sb_puts(o, "## Observations\n\nReported, never failed: what the allocator happened to do "
		   "(e.g. pointer reuse after drop_caches in rebuild and post).\n\n");
	head(o, c, "scenario | observation | expression");
	for (int i = 0; i < c->nc; i++) {
		const struct crow *row = &c->c[i];
		const struct claim *cl = claim_of(c, row);
		if (!cl->observe)
			continue;
		mark(o, row->differs);
		sb_printf(o, " %s | %s | ", b(c->k[0].run.sc[row->sc].def->name, row->differs),
			  b(cl->id, row->differs));
		code(o, cl->text);
		sb_puts(o, " |");
		for (int k = 0; k < c->nk; k++) {
			sb_printf(o, " %s: ", b(word(c, row, k), row->differs));
			code(o, c->k[k].run.sc[row->sc].res[row->cl].values);
			sb_puts(o, " |");
		}
		sb_putc(o, '\n');
	}
	sb_putc(o, '\n');
}

static void names(struct sb *o, const struct cmp *c)
{
	sb_puts(o, "## Names\n\nEvery name `__d_alloc` returned a dentry for: inline (in the dentry, "
		   "`dname_ptr` inside `[dentry, dentry + DENTRY_SIZE)`) or external, with its length. "
		   "A name is inline when it is shorter than DNAME_INLINE_LEN (");
	for (int k = 0; k < c->nk; k++) {
		const struct run *r = &c->k[k].run;
		sb_printf(o, "%s%s on ", k ? ", " : "", r->have_load ? xprintf("%lld", r->dil) : "unknown");
		cell(o, c->k[k].label);
	}
	sb_puts(o, "). Runs of 3+ digits (a pid, a random suffix) show as `<n>`, so one row holds "
		   "that name on every kernel.\n\n");
	if (!c->nn) {
		sb_puts(o, "No `__d_alloc` return line in the runs.\n\n");
		return;
	}
	head(o, c, "name");
	for (int i = 0; i < c->nn; i++) {
		const struct nrow *n = &c->nm[i];
		mark(o, n->differs);
		sb_putc(o, ' ');
		code(o, n->key);
		sb_puts(o, " |");
		for (int k = 0; k < c->nk; k++) {
			sb_putc(o, ' ');
			cell(o, b(ncell_text(&n->by[k]), n->differs));
			sb_puts(o, " |");
		}
		sb_putc(o, '\n');
	}
	sb_putc(o, '\n');
}

void render_cmp_md(struct sb *o, const struct cmp *c)
{
	sb_puts(o, "# vfslab kernel comparison\n\n");
	sb_printf(o, "Scenarios: `%s`. %s. Exit code %d (0 every firm claim passes on every kernel, "
		  "1 one fails on some kernel, 2 a run is incomplete; not checkable is not a failure).\n\n",
		  c->scn_dir, cmp_summary_line(c), c->exit_code);
	kernels(o, c);
	differences(o, c);
	probes(o, c);
	claims(o, c);
	observations(o, c);
	names(o, c);
}
