/* Loading RUN_DIR: manifest, and per scenario dmesg.txt + exit_code. */
#include "run.h"
#include "json.h"
#include "schema.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void scen_note(struct scen *s, const char *msg)
{
	VEC_GROW(s->notes, s->nnotes, s->notecap);
	s->notes[s->nnotes++] = msg;
}

const struct log *scen_log(const struct scen *s, const char *probe)
{
	if (!is_stream(probe))
		return &s->log;
	return !strcmp(probe, "stdout") ? &s->out : &s->err;
}

int scen_log_present(const struct scen *s, const char *probe)
{
	if (!is_stream(probe))
		return s->has_dmesg;
	return !strcmp(probe, "stdout") ? s->has_out : s->has_err;
}

int scen_log_complete(const struct scen *s, const char *probe)
{
	if (!is_stream(probe))
		return s->complete;
	return s->has_exit && scen_log_present(s, probe);
}

struct scen *run_find(struct run *r, const char *name)
{
	for (int i = 0; i < r->nsc; i++)
		if (!strcmp(r->sc[i].def->name, name))
			return &r->sc[i];
	return NULL;
}

const char *sstat_name(enum sstat s)
{
	static const char *n[] = { "pass", "fail", "incomplete", "missing" };
	return n[s];
}

const char *rstat_name(enum rstat s, int observe)
{
	static const char *c[] = { "pass", "fail", "missing", "not_checkable" };
	static const char *o[] = { "holds", "does not hold", "missing", "not_checkable" };
	return observe ? o[s] : c[s];
}

const char *rstat_label(enum rstat s, int observe)
{
	static const char *c[] = { "PASS", "FAIL", "MISSING", "not checkable" };
	static const char *o[] = { "holds", "does not hold", "missing", "not checkable" };
	return observe ? o[s] : c[s];
}

const struct probe_line *scen_unavailable(const struct scen *s, const char *probe)
{
	const struct probe_line *gone = NULL;
	for (int i = 0; i < s->log.nprobes; i++) {
		const struct probe_line *p = &s->log.probes[i];
		int names = !strcmp(p->symbol, probe) || (p->as && !strcmp(p->as, probe));
		if (names && !strcmp(p->status, "active"))
			return NULL;
		if (!strcmp(p->symbol, probe) && !gone && strcmp(p->status, "active"))
			gone = p;
	}
	return gone;
}

/* Collects meta=probe lines matching want (unavailable, or with as=). */
static int probe_facts(const struct run *r, struct pfact **out, int fallbacks)
{
	int n = 0, cap = 0;
	*out = NULL;
	for (int i = 0; i < r->nsc; i++) {
		const struct log *lg = &r->sc[i].log;
		for (int j = 0; j < lg->nprobes; j++) {
			const struct probe_line *p = &lg->probes[j];
			if (fallbacks ? !p->as : strcmp(p->status, "unavailable") != 0)
				continue;
			int seen = 0;
			for (int k = 0; k < n && !seen; k++)
				seen = !strcmp((*out)[k].symbol, p->symbol) && !strcmp((*out)[k].kind, p->kind);
			if (seen)
				continue;
			VEC_GROW(*out, n, cap);
			(*out)[n++] = (struct pfact){ p->symbol, p->kind, p->as, p->err };
		}
	}
	return n;
}

int run_unavailable(const struct run *r, struct pfact **out) { return probe_facts(r, out, 0); }
int run_fallbacks(const struct run *r, struct pfact **out) { return probe_facts(r, out, 1); }

static void load_manifest(struct run *r)
{
	char *buf;
	size_t len;
	int cut;
	const char *path = xprintf("%s/manifest.json", r->dir);
	if (read_file(path, &buf, &len, &cut)) {
		r->manifest_note = xprintf("manifest.json: %s", strerror(errno));
		return;
	}
	const char *b = buf, *e = buf + len;
	if (cut || !json_object_text(&b, &e))
		r->manifest_note = "manifest.json is not one JSON object: \"run\" is null";
	else
		r->manifest = xstrndup(b, (size_t)(e - b));
}

static void load_exit(struct scen *s)
{
	char *buf;
	size_t len;
	int cut;
	if (read_file(xprintf("%s/exit_code", s->dir), &buf, &len, &cut)) {
		scen_note(s, "no exit_code: the trigger did not finish");
		return;
	}
	while (len && (buf[len - 1] == '\n' || buf[len - 1] == ' ' || buf[len - 1] == '\r'))
		buf[--len] = 0;
	char *end;
	errno = 0;
	long v = strtol(buf, &end, 10);
	if (!len || *end || errno || v < 0 || v > 255) {
		scen_note(s, "exit_code is not a decimal exit status");
		return;
	}
	s->has_exit = 1;
	s->exit_code = (int)v;
	if (v == 124)
		scen_note(s, "exit_code 124: the trigger was killed by its timeout");
}

/* stdout.txt / stderr.txt: absent is not an error of the run (an old run
 * may lack stderr.txt); only the claims that read it are missing. */
static void load_stream(struct scen *s, const char *stream, struct log *lg, int *has)
{
	char *buf;
	size_t len;
	int cut;
	if (read_file(xprintf("%s/%s.txt", s->dir, stream), &buf, &len, &cut))
		return;
	*has = 1;
	stream_parse(lg, stream, buf, len);
	if (cut)
		scen_note(s, xprintf("%s.txt is larger than 64 MiB: read the first 64 MiB", stream));
}

static void load_scen(struct run *r, struct scen *s)
{
	struct stat st;
	s->dir = xprintf("%s/%s", r->dir, s->def->name);
	if (stat(s->dir, &st) || !S_ISDIR(st.st_mode)) {
		scen_note(s, "no directory in the run: the scenario never ran");
		return;
	}
	s->present = 1;
	load_exit(s);
	load_stream(s, "stdout", &s->out, &s->has_out);
	load_stream(s, "stderr", &s->err, &s->has_err);
	char *buf;
	size_t len;
	int cut;
	if (read_file(xprintf("%s/dmesg.txt", s->dir), &buf, &len, &cut)) {
		scen_note(s, xprintf("dmesg.txt: %s", strerror(errno)));
		return;
	}
	s->has_dmesg = 1;
	log_parse(&s->log, buf, len);
	if (cut)
		scen_note(s, "dmesg.txt is larger than 64 MiB: read the first 64 MiB");
	if (s->log.cut_tail)
		scen_note(s, "dmesg.txt ends in a cut line");
	if (s->log.nerr)
		scen_note(s, xprintf("dmesg.txt has %d malformed vfslab line(s)", s->log.nerr));
	if (!s->log.nunl)
		scen_note(s, "dmesg.txt has no meta=unload line: the log is truncated");
	if (!s->log.has_load)
		scen_note(s, "dmesg.txt has no meta=load line");
	if (s->log.nbad)
		scen_note(s, xprintf("dmesg.txt has %d inconsistent vfslab line(s)", s->log.nbad));
	/* A probe that missed hits (nmissed at rmmod) lost events: a count of
	 * 0, a "no X happened" or a #last would rest on a partial log. */
	int missed = 0;
	for (int i = 0; i < s->log.nunl; i++)
		if (s->log.unl[i].nmissed) {
			missed = 1;
			scen_note(s, xprintf("probe %s (%s) missed %lld hit(s) (nmissed at unload): "
					     "the log lacks events", s->log.unl[i].symbol,
					     s->log.unl[i].kind, s->log.unl[i].nmissed));
		}
	s->complete = s->has_exit && s->log.nunl > 0 && s->log.nerr == 0 && s->log.nbad == 0 &&
		      !missed;
	if (s->log.has_load && !r->have_load) {
		r->have_load = 1;
		r->release = s->log.release;
		r->dil = s->log.dname_inline_len;
		r->dsz = s->log.dentry_size;
	}
}

static int name_in_list(const char *list, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = list; *p;) {
		while (*p == ' ')
			p++;
		size_t w = strcspn(p, " ");
		if (w == n && !strncmp(p, name, n))
			return 1;
		p += w;
	}
	return 0;
}

/* A subset run (SCENARIOS=a,b) lists what it ran in manifest.json: the
 * other scenarios were never asked for, so they are left out of the report
 * instead of counted missing. A selected scenario keeps the scenarios its
 * `name:` selectors read (those are judged, and missing if they did not run).
 * A list naming none of DIR's scenarios selects nothing: all are judged. */
static void select_scenarios(struct run *r)
{
	const char *list = r->manifest ? json_member_str(r->manifest, "scenarios") : NULL;
	if (!list || !r->nsc)
		return;
	char *keep = xalloc((size_t)r->nsc);
	int nkeep = 0, grew = 1;
	for (int i = 0; i < r->nsc; i++)
		nkeep += keep[i] = (char)name_in_list(list, r->sc[i].def->name);
	if (!nkeep)
		return;
	while (grew) {
		grew = 0;
		for (int i = 0; i < r->nsc; i++)
			for (int j = 0; keep[i] && j < r->sc[i].def->nrefs; j++)
				for (int k = 0; k < r->nsc; k++)
					if (!keep[k] && !strcmp(r->sc[k].def->name, r->sc[i].def->refs[j].name))
						keep[k] = 1, grew = 1;
	}
	int n = 0;
	for (int i = 0; i < r->nsc; i++)
		if (keep[i])
			r->sc[n++] = r->sc[i];
	r->unselected = r->nsc - n;
	r->nsc = n;
}

/* run-lab.sh writes the reason a run stopped early (the panic's text, a
 * timeout) to run-failed.txt; the report shows it next to what is missing. */
static void load_failed(struct run *r)
{
	char *buf;
	size_t len;
	int cut;
	if (read_file(xprintf("%s/run-failed.txt", r->dir), &buf, &len, &cut) || !len)
		return;
	buf[strcspn(buf, "\r\n")] = '\0';
	r->failed = buf;
}

void run_load(struct run *r)
{
	load_manifest(r);
	select_scenarios(r);
	load_failed(r);
	for (int i = 0; i < r->nsc; i++) {
		load_scen(r, &r->sc[i]);
		if (r->failed && !r->sc[i].complete)
			scen_note(&r->sc[i], xprintf("run stopped: %s", r->failed));
	}
}
