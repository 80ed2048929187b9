/* KTAP v1 on stdout: one test per scenario (in `order`), each a nested
 * block with one result per claim; observations, and claims not checkable
 * on this kernel, are SKIPs that say why, so they never count as failures. */
#include "render.h"

/* Diagnostics are single lines: a newline in a value must not start a
 * line that a KTAP parser would read as a result. */
static void diag(FILE *out, const char *indent, const char *s)
{
	fprintf(out, "%s# ", indent);
	for (; *s; s++)
		fputc(*s == '\n' || *s == '\r' ? ' ' : *s, out);
	fputc('\n', out);
}

static void scenario(FILE *out, const struct scen *s, int n)
{
	const struct scn *d = s->def;
	fprintf(out, "  KTAP version 1\n  # Subtest: %s\n  1..%d\n", d->name, d->nclaims);
	for (int i = 0; i < s->nnotes; i++)
		diag(out, "  ", s->notes[i]);
	for (int i = 0; i < s->log.nerr && i < 10; i++)
		diag(out, "  ", xprintf("dmesg.txt:%d: %s", s->log.err[i].line, s->log.err[i].msg));
	for (int i = 0; i < s->log.nbad && i < 10; i++)
		diag(out, "  ", xprintf("dmesg.txt:%d: inconsistent: %s", s->log.bad[i].line,
					s->log.bad[i].msg));
	for (int i = 0; i < d->nclaims; i++) {
		const struct claim *c = &d->claims[i];
		const struct cres *x = &s->res[i];
		if (x->st == R_NOTCHECK) {
			fprintf(out, "  ok %d %s # SKIP not checkable: probe %s unavailable\n", i + 1,
				c->id, x->probe);
			continue;
		}
		if (c->observe) {
			fprintf(out, "  ok %d %s # SKIP observation: %s\n", i + 1, c->id,
				rstat_name(x->st, 1));
			continue;
		}
		if (x->st != R_PASS) {
			diag(out, "  ", xprintf("%s: %s", c->id, c->text));
			diag(out, "  ", x->values);
		}
		if (x->st == R_MISSING)
			fprintf(out, "  not ok %d %s # missing\n", i + 1, c->id);
		else
			fprintf(out, "  %s %d %s\n", x->st == R_PASS ? "ok" : "not ok", i + 1, c->id);
	}
	const char *dir = s->status == S_MISSING ? " # missing"
			  : s->status == S_INCOMPLETE ? " # incomplete" : "";
	fprintf(out, "%s %d %s%s\n", s->status == S_PASS ? "ok" : "not ok", n, d->name, dir);
}

void render_ktap(FILE *out, const struct run *r)
{
	fprintf(out, "KTAP version 1\n1..%d\n", r->nsc);
	if (r->failed)
		diag(out, "", xprintf("run failed: %s", r->failed));
	for (int i = 0; i < r->nsc; i++)
		scenario(out, &r->sc[i], i + 1);
	fprintf(out, "# %s\n", summary_line(r));
}
