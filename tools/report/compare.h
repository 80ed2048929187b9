/* Runs side by side (`--compare`): each run judged exactly as alone, then
 * lined up claim by claim, probe by probe and name by name. */
#ifndef VR_COMPARE_H
#define VR_COMPARE_H

#include "run.h"

/* One run, i.e. one kernel. */
struct kside {
	struct run run;
	const char *label;       /* manifest kernel_release, else meta=load, else folder; unique */
	const char *accel;       /* manifest "accel", or NULL */
	const char *report;      /* RUN_DIR/report.md as seen from OUT_DIR */
	const char *report_note; /* why report.md could not be written, or NULL */
};

/* What the meta=probe lines of one run say about one symbol. Scenario logs
 * are counted apart: each boot of the module registers again. */
struct pcell {
	int nact, nunav;         /* logs with the symbol active / unavailable */
	long long err;           /* of the first unavailable line */
	const char *as;          /* the logical probe it stands in for, or NULL */
	const char *via;         /* when unavailable: active fallbacks, ", "-joined */
};
struct prow {
	const char *symbol, *kind;
	struct pcell *by;        /* one per run */
	int differs;
};

struct crow {
	int sc, cl;              /* the scenario index and claim index, same in every run */
	int differs;             /* the status is not the same on every kernel */
};

/* A name __d_alloc's return printed, per run: how often inline/external. */
struct ncell {
	int nin, next;
	long long minlen, maxlen;
	const char *name;        /* the first one seen (the row key may be a pattern) */
};
struct nrow {
	const char *key;         /* the name; runs of 3+ digits (a pid, a random suffix) as <n> */
	struct ncell *by;
	int differs;
	long long len;           /* in the first run that has it: rows sort by length */
};

struct cmp {
	const char *scn_dir, *out_dir;
	struct kside *k;
	int nk;
	struct prow *p;
	int np, pcap;
	struct crow *c;
	int nc, ccap;
	struct nrow *nm;
	int nn, ncap;
	int ndiff;               /* claim and observation rows that differ */
	int passed, failed, missing, notcheck, incomplete; /* over every run */
	int exit_code;           /* 2 a run incomplete, else 1 a claim failed somewhere, else 0 */
};

/* Lines the evaluated runs up (k[].run already judged by run_eval). */
void cmp_build(struct cmp *c);

/* The status word of cell (row, run) as report.json spells it. */
const char *cmp_status(const struct cmp *c, const struct crow *row, int k);
/* Cell texts: "active", "unavailable (err -2)"..., and "inline (7)". */
const char *pcell_text(const struct pcell *p);
const char *pcell_status(const struct pcell *p); /* compare.json's word */
const char *ncell_text(const struct ncell *n);

void render_cmp_md(struct sb *out, const struct cmp *c);
void render_cmp_json(struct sb *out, const struct cmp *c);
/* One line, no newline, for stderr. */
const char *cmp_summary_line(const struct cmp *c);

#endif
