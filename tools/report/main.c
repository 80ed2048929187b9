/* vfslab-report --scenarios DIR RUN_DIR
 * Judges one run: every claim of every scenario against the saved kernel
 * logs; writes RUN_DIR/report.md and report.json, prints KTAP on stdout.
 * vfslab-report --scenarios DIR --compare OUT_DIR RUN_DIR...
 * Judges each run the same way, then writes OUT_DIR/compare.md and
 * compare.json side by side (docs/compare-json.md); no KTAP.
 * vfslab-report --scenarios DIR --check [--only a,b]
 * Only checks the scenario files (and that a subset keeps every scenario
 * its selectors read), before anything is built or booted; writes nothing.
 * Exit: 0 all firm claims pass, 1 one fails, 2 a scenario is missing or
 * incomplete, 3 usage error or unreadable input; with --compare over every
 * run. */
#include "compare.h"
#include "render.h"
#include "xcheck.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char usage[] = "usage: vfslab-report --scenarios DIR RUN_DIR\n"
			    "       vfslab-report --scenarios DIR --compare OUT_DIR RUN_DIR [RUN_DIR...]\n"
			    "       vfslab-report --scenarios DIR --check [--only NAME,NAME...]\n"
			    "  DIR      the scenario files: triggers/ (one folder per suite) or one suite\n"
			    "  RUN_DIR  one run: results/<release>/<timestamp> or results/latest\n"
			    "  OUT_DIR  an existing folder for compare.md and compare.json\n";

static void die3(const char *msg)
{
	fprintf(stderr, "vfslab-report: error: %s\n", msg);
	mem_free_all();
	exit(3);
}

static int by_order(const void *a, const void *b)
{
	const struct scen *x = a, *y = b;
	if (x->def->order != y->def->order)
		return x->def->order < y->def->order ? -1 : 1;
	return strcmp(x->def->name, y->def->name);
}

static int is_scn(const char *name)
{
	size_t n = strlen(name);
	return n > 4 && !strcmp(name + n - 4, ".scn") && name[0] != '.';
}

/* Parses one scenario file into r->sc; a name already loaded (from another
 * suite) is an error: the name is the traced comm, it must be unique. */
static void load_one(struct run *r, int *cap, const char *dir, const char *file)
{
	const char *path = xprintf("%s/%s", dir, file);
	const char *name = xstrndup(file, strlen(file) - 4);
	struct scen *other = run_find(r, name);
	if (other)
		die3(xprintf("%s: scenario '%s' is also %s; rename one (a name is a task comm)", path, name,
			     other->def->path));
	char *buf;
	size_t len;
	int cut;
	if (read_file(path, &buf, &len, &cut) || cut)
		die3(xprintf("%s: %s", path, cut ? "larger than 64 MiB" : strerror(errno)));
	struct scn *s = xalloc(sizeof *s);
	const char *err;
	if (scn_parse(s, path, name, buf, len, &err))
		die3(err);
	VEC_GROW(r->sc, r->nsc, *cap);
	memset(&r->sc[r->nsc], 0, sizeof r->sc[0]);
	r->sc[r->nsc++].def = s;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The entries of dir, sorted (readdir's order differs between filesystems,
 * and the first of two clashing names must be the same everywhere). */
static char **list_dir(const char *dir, int *n)
{
	DIR *d = opendir(dir);
	if (!d)
		die3(xprintf("--scenarios %s: %s; pass the triggers/ directory", dir, strerror(errno)));
	char **v = NULL;
	int cap = 0;
	*n = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		VEC_GROW(v, *n, cap);
		v[(*n)++] = xstrndup(de->d_name, strlen(de->d_name));
	}
	closedir(d);
	if (*n)
		qsort(v, (size_t)*n, sizeof *v, by_name);
	return v;
}

/* Parses every DIR/<name>.scn and every DIR/<suite>/<name>.scn (suites are
 * folders: triggers/stage2/, triggers/stage3/) into r->sc, sorted by order
 * then name. */
static void load_scenarios(struct run *r, const char *dir)
{
	int cap = 0, n;
	char **top = list_dir(dir, &n);
	for (int i = 0; i < n; i++) {
		const char *sub = xprintf("%s/%s", dir, top[i]);
		struct stat st;
		if (is_scn(top[i])) {
			load_one(r, &cap, dir, top[i]);
		} else if (!stat(sub, &st) && S_ISDIR(st.st_mode)) {
			int m;
			char **files = list_dir(sub, &m);
			for (int j = 0; j < m; j++)
				if (is_scn(files[j]))
					load_one(r, &cap, sub, files[j]);
		}
	}
	if (!r->nsc)
		die3(xprintf("no *.scn file in %s or its suite folders; pass --scenarios triggers", dir));
	qsort(r->sc, (size_t)r->nsc, sizeof r->sc[0], by_order);
	for (int i = 0; i < r->nsc; i++) {
		const struct scn *s = r->sc[i].def;
		for (int j = 0; j < s->nrefs; j++)
			if (!run_find(r, s->refs[j].name))
				die3(xprintf("%s:%d: no scenario '%s' (no %s.scn in %s)", s->path,
					     s->refs[j].line, s->refs[j].name, s->refs[j].name, dir));
	}
}

/* Writes through a temporary name so a reader never sees half a report.
 * Returns NULL, or "cannot write PATH: reason". */
static const char *write_out(const char *dir, const char *name, const struct sb *b)
{
	const char *path = xprintf("%s/%s", dir, name), *tmp = xprintf("%s.tmp", path);
	FILE *f = fopen(tmp, "wb");
	int ok = f && fwrite(b->s, 1, b->len, f) == b->len;
	if (f && fclose(f))
		ok = 0;
	if (!ok || rename(tmp, path)) {
		int e = errno;
		remove(tmp);
		return xprintf("cannot write %s: %s", path, strerror(e));
	}
	return NULL;
}

/* report.md and report.json of one judged run; NULL or why not. */
static const char *write_reports(const struct run *r)
{
	struct sb md = { 0 }, js = { 0 };
	render_md(&md, r);
	render_json(&js, r);
	const char *err = write_out(r->dir, "report.md", &md);
	return err ? err : write_out(r->dir, "report.json", &js);
}

/* pfx: "" alone, "<label>: " in a comparison. */
static void warn_parse_errors(const struct run *r, const char *pfx)
{
	for (int i = 0; i < r->nsc; i++) {
		const struct scen *s = &r->sc[i];
		for (int j = 0; j < s->log.nerr && j < 10; j++)
			fprintf(stderr, "vfslab-report: %s%s/dmesg.txt:%d: %s\n", pfx, s->def->name,
				s->log.err[j].line, s->log.err[j].msg);
		if (s->log.nerr > 10)
			fprintf(stderr, "vfslab-report: %s%s/dmesg.txt: %d more malformed lines\n", pfx,
				s->def->name, s->log.nerr - 10);
		for (int j = 0; j < s->log.nbad && j < 10; j++)
			fprintf(stderr, "vfslab-report: %s%s/dmesg.txt:%d: inconsistent: %s\n", pfx,
				s->def->name, s->log.bad[j].line, s->log.bad[j].msg);
	}
}

static void need_dir(const char *what, const char *dir, const char *fix)
{
	struct stat st;
	errno = 0;
	if (stat(dir, &st) || !S_ISDIR(st.st_mode))
		die3(xprintf("%s %s: %s; %s", what, dir, errno ? strerror(errno) : "not a directory", fix));
}

/* Reports are written into the run folder: never into one that is not a
 * run (no manifest.json, no scenario folder). */
static void need_run(const struct run *r)
{
	struct stat st;
	if (!stat(xprintf("%s/manifest.json", r->dir), &st))
		return;
	for (int i = 0; i < r->nsc; i++)
		if (r->sc[i].present)
			return;
	die3(xprintf("RUN_DIR %s is not a vfslab run (no manifest.json, no scenario folder); "
		     "pass results/<release>/<timestamp>", r->dir));
}

static int judge_one(const char *scn_dir, const char *run_dir)
{
	need_dir("RUN_DIR", run_dir, "pass results/<release>/<timestamp> or results/latest");
	struct run r = { .dir = run_dir };
	load_scenarios(&r, scn_dir);
	run_load(&r);
	need_run(&r);
	if (r.unselected)
		fprintf(stderr, "vfslab-report: subset run: %d scenarios not selected, left out\n", r.unselected);
	run_eval(&r);
	const char *err = write_reports(&r);
	if (err)
		die3(xprintf("%s; make RUN_DIR writable", err));
	render_ktap(stdout, &r);
	fflush(stdout);
	warn_parse_errors(&r, "");
	if (xcheck_line(&r))
		fprintf(stderr, "vfslab-report: %s\n", xcheck_line(&r));
	fprintf(stderr, "vfslab-report: %s\n", summary_line(&r));
	return r.sum.exit_code;
}

/* Every run is judged as judge_one would (its report.md/json rewritten, so
 * compare.md links to what it compared); a run folder we may not write to
 * is still compared, and compare.md says its report was not rewritten. */
static int compare(const char *scn_dir, const char *out_dir, char **runs, int nruns)
{
	need_dir("--compare", out_dir, "create the folder first (make compare does)");
	for (int i = 0; i < nruns; i++)
		need_dir("RUN_DIR", runs[i], "pass results/<release>/<timestamp> folders");
	struct cmp c = { .scn_dir = scn_dir, .out_dir = out_dir, .nk = nruns };
	c.k = xalloc(sizeof *c.k * (size_t)nruns);
	for (int i = 0; i < nruns; i++) {
		struct run *r = &c.k[i].run;
		r->dir = runs[i];
		if (i == 0)
			load_scenarios(r, scn_dir);
		else {
			/* the scenario files once: every run is judged against the same */
			r->nsc = c.k[0].run.nsc;
			r->sc = xalloc(sizeof *r->sc * (size_t)r->nsc);
			for (int j = 0; j < r->nsc; j++)
				r->sc[j].def = c.k[0].run.sc[j].def;
		}
		run_load(r);
		need_run(r);
		run_eval(r);
		const char *err = write_reports(r);
		if (err) {
			fprintf(stderr, "vfslab-report: warning: %s; compare.md has no link to it\n", err);
			c.k[i].report_note = xprintf("not written (%s)", err);
		}
	}
	cmp_build(&c);
	for (int i = 0; i < nruns; i++)
		warn_parse_errors(&c.k[i].run, xprintf("%s: ", c.k[i].label));
	struct sb md = { 0 }, js = { 0 };
	render_cmp_md(&md, &c);
	render_cmp_json(&js, &c);
	const char *err = write_out(out_dir, "compare.md", &md);
	if (!err)
		err = write_out(out_dir, "compare.json", &js);
	if (err)
		die3(xprintf("%s; make the --compare folder writable", err));
	fprintf(stderr, "vfslab-report: %s\n", cmp_summary_line(&c));
	return c.exit_code;
}

/* --check: the scenario files parse (load_scenarios dies otherwise) and a
 * subset names known scenarios and keeps every scenario they read. */
static int check_only(const char *scn_dir, const char *only)
{
	struct run r = { .dir = "" };
	load_scenarios(&r, scn_dir);
	if (!only)
		return 0;
	char *list = xstrdup(only);
	for (char *p = list; *p; p++)
		if (*p == ',')
			*p = ' ';
	for (char *w = strtok(list, " "); w; w = strtok(NULL, " "))
		if (!run_find(&r, w))
			die3(xprintf("SCENARIOS: no scenario '%s' (no %s.scn in %s)", w, w, scn_dir));
	list = xprintf(",%s,", only);
	for (int i = 0; i < r.nsc; i++) {
		const struct scn *s = r.sc[i].def;
		if (!strstr(list, xprintf(",%s,", s->name)))
			continue;
		for (int j = 0; j < s->nrefs; j++)
			if (!strstr(list, xprintf(",%s,", s->refs[j].name)))
				die3(xprintf("%s:%d: %s reads scenario '%s', which SCENARIOS=%s leaves out; "
					     "add it: SCENARIOS=%s,%s", s->path, s->refs[j].line, s->name,
					     s->refs[j].name, only, only, s->refs[j].name));
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *scn_dir = NULL, *out_dir = NULL, *only = NULL;
	int check = 0;
	char **runs = xalloc(sizeof *runs * (size_t)argc);
	int nruns = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs(usage, stdout);
			mem_free_all();
			return 0;
		} else if (!strcmp(argv[i], "--scenarios") && i + 1 < argc)
			scn_dir = argv[++i];
		else if (!strncmp(argv[i], "--scenarios=", 12))
			scn_dir = argv[i] + 12;
		else if (!strcmp(argv[i], "--check"))
			check = 1;
		else if (!strcmp(argv[i], "--only") && i + 1 < argc)
			only = argv[++i];
		else if (!strcmp(argv[i], "--compare") && i + 1 < argc && !out_dir)
			out_dir = argv[++i];
		else if (!strncmp(argv[i], "--compare=", 10) && !out_dir)
			out_dir = argv[i] + 10;
		else if (argv[i][0] == '-' || (nruns && !out_dir)) {
			fprintf(stderr, "vfslab-report: error: unexpected argument '%s'\n%s", argv[i], usage);
			mem_free_all();
			return 3;
		} else
			runs[nruns++] = argv[i];
	}
	if (scn_dir && check && !nruns && !out_dir) {
		int code = check_only(scn_dir, only);
		mem_free_all();
		return code;
	}
	if (!scn_dir || !nruns || check || only) {
		fprintf(stderr, "vfslab-report: error: %s\n%s",
			!scn_dir ? "--scenarios DIR is required"
			: check || only ? "--check [--only LIST] takes no RUN_DIR or --compare"
			: out_dir ? "at least one RUN_DIR is required" : "RUN_DIR is required", usage);
		mem_free_all();
		return 3;
	}
	int code = out_dir ? compare(scn_dir, out_dir, runs, nruns) : judge_one(scn_dir, runs[0]);
	mem_free_all();
	return code;
}
