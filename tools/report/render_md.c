/* report.md: a header with the kernel facts, then per scenario its claims
 * with the values used, the filled worksheet and the diagram. */
#include "render.h"

#include <string.h>

const char *summary_line(const struct run *r)
{
	const struct summary *m = &r->sum;
	/* "not checkable" only when there is some: the line stays what
	 * scripts already match on kernels with every probe. */
	/* A cross-check disagreement fails the run with no claim failing: say
	 * so in the same line, or "0 failed" would sit beside exit code 1. */
	return xprintf("%d claims: %d passed, %d failed, %d missing%s; %d scenarios (%d incomplete)%s",
		       m->claims, m->passed, m->failed, m->missing,
		       m->notcheck ? xprintf(", %d not checkable", m->notcheck) : "", m->scenarios,
		       m->incomplete + m->absent,
		       m->xfailed ? xprintf("; %d failed the kprobe_events cross-check", m->xfailed) : "");
}

const char *md_fence(const char **lines, int n)
{
	size_t most = 2;
	for (int i = 0; i < n; i++)
		for (const char *p = lines[i]; *p;) {
			size_t k = strspn(p, "`");
			if (k > most)
				most = k;
			p += k ? k : 1;
		}
	char *f = xalloc(most + 2);
	memset(f, '`', most + 1);
	return f;
}

static void header(struct sb *o, const struct run *r)
{
	struct pfact *u, *f;
	int nu = run_unavailable(r, &u), nf = run_fallbacks(r, &f);
	sb_printf(o, "# vfslab report\n\n| | |\n|---|---|\n");
	sb_printf(o, "| run directory | `%s` |\n", r->dir);
	sb_printf(o, "| kernel release | %s |\n", r->release ? r->release : "unknown (no meta=load line)");
	if (r->failed)
		sb_printf(o, "| run FAILED | %s |\n", r->failed);
	if (r->have_load) {
		sb_printf(o, "| DNAME_INLINE_LEN | %lld (the study's figure: %d) |\n", r->dil,
			  STUDY_DNAME_INLINE_LEN);
		sb_printf(o, "| DENTRY_SIZE | %lld |\n", r->dsz);
	} else
		sb_printf(o, "| DNAME_INLINE_LEN | unknown (the study's figure: %d) |\n",
			  STUDY_DNAME_INLINE_LEN);
	sb_puts(o, "| unavailable probes | ");
	for (int i = 0; i < nu; i++)
		sb_printf(o, "%s`%s` (%s, err %lld)", i ? ", " : "", u[i].symbol, u[i].kind, u[i].err);
	sb_printf(o, "%s |\n| fallbacks | ", nu ? "" : "none");
	for (int i = 0; i < nf; i++)
		sb_printf(o, "%s`%s` (%s) as `%s`", i ? ", " : "", f[i].symbol, f[i].kind, f[i].as);
	sb_printf(o, "%s |\n| nmissed | ", nf ? "" : "none");
	int any = 0;
	for (int i = 0; i < r->nsc; i++)
		for (int j = 0; j < r->sc[i].log.nunl; j++) {
			const struct unload_line *l = &r->sc[i].log.unl[j];
			if (l->nmissed)
				sb_printf(o, "%s%s: `%s` (%s) %lld", any++ ? ", " : "", r->sc[i].def->name,
					  l->symbol, l->kind, l->nmissed);
		}
	sb_printf(o, "%s |\n", any ? "" : "none");
	if (r->manifest_note)
		sb_printf(o, "| manifest | %s |\n", r->manifest_note);
	sb_printf(o, "| result | %s |\n\n", summary_line(r));
	sb_puts(o, "| order | scenario | status | firm claims passed | observations |\n"
		   "|---|---|---|---|---|\n");
	for (int i = 0; i < r->nsc; i++) {
		const struct scen *s = &r->sc[i];
		sb_printf(o, "| %ld | [%s](#%s) | %s | %d/%d%s | %d |\n", s->def->order, s->def->name,
			  s->def->name, sstat_name(s->status), s->npass,
			  s->npass + s->nfail + s->nmiss + s->nnc,
			  s->nnc ? xprintf(" (%d not checkable)", s->nnc) : "", s->nobs);
	}
	sb_putc(o, '\n');
}

static void claims(struct sb *o, const struct scen *s)
{
	const struct scn *d = s->def;
	if (!d->nclaims)
		return;
	const char **lines = xalloc(sizeof *lines * (size_t)d->nclaims * 2);
	for (int i = 0; i < d->nclaims; i++) {
		const struct claim *c = &d->claims[i];
		lines[2 * i] = xprintf("%s%s: %s", c->observe ? "observe " : "", c->id, c->text);
		lines[2 * i + 1] = xprintf("  %s   %s", s->res[i].values,
					   rstat_label(s->res[i].st, c->observe));
	}
	const char *f = md_fence(lines, 2 * d->nclaims);
	sb_printf(o, "%stext\n", f);
	for (int i = 0; i < 2 * d->nclaims; i++)
		sb_printf(o, "%s\n", lines[i]);
	sb_printf(o, "%s\n\n", f);
}

static void block(struct sb *o, const char *title, const char **lines, int n)
{
	if (!n)
		return;
	const char *f = md_fence(lines, n);
	sb_printf(o, "### %s\n\n%stext\n", title, f);
	for (int i = 0; i < n; i++)
		sb_printf(o, "%s\n", lines[i]);
	sb_printf(o, "%s\n\n", f);
}

static void scenario(struct sb *o, const struct scen *s)
{
	const struct scn *d = s->def;
	sb_printf(o, "## %s\n\n", d->name);
	if (d->description)
		sb_printf(o, "%s\n\n", d->description);
	sb_printf(o, "Status: **%s**", sstat_name(s->status));
	if (s->has_exit)
		sb_printf(o, "; exit code %d", s->exit_code);
	if (s->has_dmesg)
		sb_printf(o, "; %d module events in %d log lines", s->log.nev, s->log.nlines);
	sb_puts(o, ".\n\n");
	for (int i = 0; i < s->nnotes; i++)
		sb_printf(o, "- note: %s\n", s->notes[i]);
	for (int i = 0; i < s->log.nerr; i++)
		sb_printf(o, "- parse error: dmesg.txt:%d: %s\n", s->log.err[i].line, s->log.err[i].msg);
	for (int i = 0; i < s->log.nbad; i++)
		sb_printf(o, "- inconsistent: dmesg.txt:%d: %s\n", s->log.bad[i].line, s->log.bad[i].msg);
	if (s->nnotes || s->log.nerr || s->log.nbad)
		sb_putc(o, '\n');
	claims(o, s);
	/* Both are fixed-width text copied from the study: as markdown, its
	 * "# Trace Report" and "[C17][...]" lines would turn into headings and
	 * links. */
	block(o, "Worksheet", s->rec, d->nrec);
	block(o, "Diagram", s->dia, d->ndia);
}

void render_md(struct sb *o, const struct run *r)
{
	header(o, r);
	for (int i = 0; i < r->nsc; i++)
		scenario(o, &r->sc[i]);
}
