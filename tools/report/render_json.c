/* report.json, schema "vfslab-report/1" (docs/report-json.md). One claim
 * per line so that grep and sed can read it as well as a JSON parser. */
#include "render.h"
#include "json.h"

static void probes(struct sb *o, const struct run *r)
{
	struct pfact *u, *f;
	int nu = run_unavailable(r, &u), nf = run_fallbacks(r, &f);
	sb_puts(o, "  \"unavailable_probes\": [");
	for (int i = 0; i < nu; i++) {
		sb_puts(o, i ? ", " : "");
		json_cstr(o, u[i].symbol);
	}
	sb_puts(o, "],\n  \"probe_errors\": [");
	for (int i = 0; i < nu; i++) {
		sb_puts(o, i ? ", " : "");
		sb_puts(o, "{\"symbol\": ");
		json_cstr(o, u[i].symbol);
		sb_puts(o, ", \"kind\": ");
		json_cstr(o, u[i].kind);
		sb_printf(o, ", \"err\": %lld}", u[i].err);
	}
	sb_puts(o, "],\n  \"fallbacks\": [");
	for (int i = 0; i < nf; i++) {
		sb_puts(o, i ? ", " : "");
		sb_puts(o, "{\"symbol\": ");
		json_cstr(o, f[i].symbol);
		sb_puts(o, ", \"kind\": ");
		json_cstr(o, f[i].kind);
		sb_puts(o, ", \"as\": ");
		json_cstr(o, f[i].as);
		sb_putc(o, '}');
	}
	sb_puts(o, "],\n  \"nmissed\": [");
	int any = 0;
	for (int i = 0; i < r->nsc; i++)
		for (int j = 0; j < r->sc[i].log.nunl; j++) {
			const struct unload_line *l = &r->sc[i].log.unl[j];
			if (!l->nmissed)
				continue;
			sb_puts(o, any++ ? ", " : "");
			sb_puts(o, "{\"scenario\": ");
			json_cstr(o, r->sc[i].def->name);
			sb_puts(o, ", \"symbol\": ");
			json_cstr(o, l->symbol);
			sb_puts(o, ", \"kind\": ");
			json_cstr(o, l->kind);
			sb_printf(o, ", \"nmissed\": %lld}", l->nmissed);
		}
	sb_puts(o, "],\n");
}

static void strings(struct sb *o, const char *key, const char **v, int n, const char *end)
{
	sb_printf(o, "      \"%s\": [", key);
	for (int i = 0; i < n; i++) {
		sb_puts(o, i ? ",\n        " : "\n        ");
		json_cstr(o, v[i]);
	}
	sb_printf(o, "%s]%s\n", n ? "\n      " : "", end);
}

static void scenario(struct sb *o, const struct scen *s, int last)
{
	const struct scn *d = s->def;
	sb_puts(o, "    ");
	json_cstr(o, d->name);
	sb_printf(o, ": {\n      \"order\": %ld,\n      \"description\": ", d->order);
	json_cstr(o, d->description);
	sb_printf(o, ",\n      \"status\": \"%s\",\n      \"complete\": %s,\n      \"exit_code\": ",
		  sstat_name(s->status), s->complete ? "true" : "false");
	if (s->has_exit)
		sb_printf(o, "%d", s->exit_code);
	else
		sb_puts(o, "null");
	sb_printf(o, ",\n      \"events\": %d,\n", s->log.nev);
	strings(o, "notes", s->notes, s->nnotes, ",");
	sb_puts(o, "      \"parse_errors\": [");
	for (int i = 0; i < s->log.nerr; i++) {
		sb_printf(o, "%s{\"line\": %d, \"message\": ", i ? ",\n        " : "\n        ",
			  s->log.err[i].line);
		json_cstr(o, s->log.err[i].msg);
		sb_putc(o, '}');
	}
	sb_printf(o, "%s],\n      \"inconsistencies\": [", s->log.nerr ? "\n      " : "");
	for (int i = 0; i < s->log.nbad; i++) {
		sb_printf(o, "%s{\"line\": %d, \"message\": ", i ? ",\n        " : "\n        ",
			  s->log.bad[i].line);
		json_cstr(o, s->log.bad[i].msg);
		sb_putc(o, '}');
	}
	sb_printf(o, "%s],\n      \"claims\": [", s->log.nbad ? "\n      " : "");
	for (int i = 0; i < d->nclaims; i++) {
		const struct claim *c = &d->claims[i];
		sb_printf(o, "%s{\"id\": ", i ? ",\n        " : "\n        ");
		json_cstr(o, c->id);
		sb_printf(o, ", \"kind\": \"%s\", \"status\": \"%s\", \"line\": %d, \"expression\": ",
			  c->observe ? "observe" : "claim", rstat_name(s->res[i].st, c->observe), c->line);
		json_cstr(o, c->text);
		sb_puts(o, ", \"values\": ");
		json_cstr(o, s->res[i].values);
		sb_putc(o, '}');
	}
	sb_printf(o, "%s],\n", d->nclaims ? "\n      " : "");
	strings(o, "record", s->rec, d->nrec, ",");
	strings(o, "diagram", s->dia, d->ndia, "");
	sb_printf(o, "    }%s\n", last ? "" : ",");
}

void render_json(struct sb *o, const struct run *r)
{
	const struct summary *m = &r->sum;
	sb_puts(o, "{\n  \"schema\": \"vfslab-report/1\",\n  \"run\": ");
	sb_puts(o, r->manifest ? r->manifest : "null");
	sb_puts(o, ",\n  \"run_dir\": ");
	json_cstr(o, r->dir);
	sb_puts(o, ",\n  \"kernel_release\": ");
	json_cstr(o, r->release);
	if (r->have_load)
		sb_printf(o, ",\n  \"dname_inline_len\": %lld,\n  \"dentry_size\": %lld", r->dil, r->dsz);
	else
		sb_puts(o, ",\n  \"dname_inline_len\": null,\n  \"dentry_size\": null");
	sb_printf(o, ",\n  \"study_dname_inline_len\": %d,\n", STUDY_DNAME_INLINE_LEN);
	sb_puts(o, "  \"run_failed\": ");
	json_cstr(o, r->failed);
	sb_puts(o, ",\n");
	probes(o, r);
	sb_printf(o, "  \"summary\": {\"claims\": %d, \"passed\": %d, \"failed\": %d, \"missing\": %d, "
		  "\"not_checkable\": %d, \"observations\": %d, \"scenarios\": %d, \"incomplete\": %d, "
		  "\"scenarios_missing\": %d, \"exit_code\": %d},\n",
		  m->claims, m->passed, m->failed, m->missing, m->notcheck, m->observations,
		  m->scenarios, m->incomplete, m->absent, m->exit_code);
	sb_puts(o, "  \"scenarios\": {\n");
	for (int i = 0; i < r->nsc; i++)
		scenario(o, &r->sc[i], i == r->nsc - 1);
	sb_puts(o, "  }\n}\n");
}
