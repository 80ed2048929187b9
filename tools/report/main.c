/* vfslab-report --scenarios DIR RUN_DIR
 * Judges one run: every claim of every scenario against the saved kernel
 * logs; writes RUN_DIR/report.md and report.json, prints KTAP on stdout.
 * Exit: 0 all firm claims pass, 1 one fails, 2 a scenario is missing or
 * incomplete, 3 usage error or unreadable input. */
#include "render.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char usage[] = "usage: vfslab-report --scenarios DIR RUN_DIR\n"
			    "  DIR      the scenario files (triggers/, holding *.scn)\n"
			    "  RUN_DIR  one run: results/<release>/<timestamp> or results/latest\n";

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

/* Parses every DIR/<name>.scn into r->sc, sorted by order then name. */
static void load_scenarios(struct run *r, const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		die3(xprintf("--scenarios %s: %s; pass the triggers/ directory", dir, strerror(errno)));
	int cap = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		size_t n = strlen(de->d_name);
		if (n <= 4 || strcmp(de->d_name + n - 4, ".scn") || de->d_name[0] == '.')
			continue;
		const char *path = xprintf("%s/%s", dir, de->d_name);
		char *buf;
		size_t len;
		int cut;
		if (read_file(path, &buf, &len, &cut) || cut) {
			closedir(d);
			die3(xprintf("%s: %s", path, cut ? "larger than 64 MiB" : strerror(errno)));
		}
		struct scn *s = xalloc(sizeof *s);
		const char *err;
		if (scn_parse(s, path, xstrndup(de->d_name, n - 4), buf, len, &err)) {
			closedir(d);
			die3(err);
		}
		VEC_GROW(r->sc, r->nsc, cap);
		memset(&r->sc[r->nsc], 0, sizeof r->sc[0]);
		r->sc[r->nsc++].def = s;
	}
	closedir(d);
	if (!r->nsc)
		die3(xprintf("no *.scn file in %s; pass --scenarios triggers", dir));
	qsort(r->sc, (size_t)r->nsc, sizeof r->sc[0], by_order);
	for (int i = 0; i < r->nsc; i++) {
		const struct scn *s = r->sc[i].def;
		for (int j = 0; j < s->nrefs; j++)
			if (!run_find(r, s->refs[j].name))
				die3(xprintf("%s:%d: no scenario '%s' (no %s.scn in %s)", s->path,
					     s->refs[j].line, s->refs[j].name, s->refs[j].name, dir));
	}
}

/* Writes through a temporary name so a reader never sees half a report. */
static void write_out(const char *dir, const char *name, const struct sb *b)
{
	const char *path = xprintf("%s/%s", dir, name), *tmp = xprintf("%s.tmp", path);
	FILE *f = fopen(tmp, "wb");
	int ok = f && fwrite(b->s, 1, b->len, f) == b->len;
	if (f && fclose(f))
		ok = 0;
	if (!ok || rename(tmp, path)) {
		int e = errno;
		remove(tmp);
		die3(xprintf("cannot write %s: %s; make RUN_DIR writable", path, strerror(e)));
	}
}

static void warn_parse_errors(const struct run *r)
{
	for (int i = 0; i < r->nsc; i++) {
		const struct scen *s = &r->sc[i];
		for (int j = 0; j < s->log.nerr && j < 10; j++)
			fprintf(stderr, "vfslab-report: %s/dmesg.txt:%d: %s\n", s->def->name,
				s->log.err[j].line, s->log.err[j].msg);
		if (s->log.nerr > 10)
			fprintf(stderr, "vfslab-report: %s/dmesg.txt: %d more malformed lines\n",
				s->def->name, s->log.nerr - 10);
	}
}

int main(int argc, char **argv)
{
	const char *scn_dir = NULL, *run_dir = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs(usage, stdout);
			return 0;
		} else if (!strcmp(argv[i], "--scenarios") && i + 1 < argc)
			scn_dir = argv[++i];
		else if (!strncmp(argv[i], "--scenarios=", 12))
			scn_dir = argv[i] + 12;
		else if (argv[i][0] == '-' || run_dir) {
			fprintf(stderr, "vfslab-report: error: unexpected argument '%s'\n%s", argv[i], usage);
			return 3;
		} else
			run_dir = argv[i];
	}
	if (!scn_dir || !run_dir) {
		fprintf(stderr, "vfslab-report: error: %s is required\n%s",
			!scn_dir ? "--scenarios DIR" : "RUN_DIR", usage);
		return 3;
	}
	struct stat st;
	if (stat(run_dir, &st) || !S_ISDIR(st.st_mode))
		die3(xprintf("RUN_DIR %s: %s; pass results/<release>/<timestamp> or results/latest",
			     run_dir, errno ? strerror(errno) : "not a directory"));
	struct run r = { .dir = run_dir };
	load_scenarios(&r, scn_dir);
	run_load(&r);
	run_eval(&r);
	struct sb md = { 0 }, js = { 0 };
	render_md(&md, &r);
	render_json(&js, &r);
	write_out(run_dir, "report.md", &md);
	write_out(run_dir, "report.json", &js);
	render_ktap(stdout, &r);
	fflush(stdout);
	warn_parse_errors(&r);
	fprintf(stderr, "vfslab-report: %s\n", summary_line(&r));
	int code = r.sum.exit_code;
	mem_free_all();
	return code;
}
