/* A run directory and its scenarios, loaded and then judged. */
#ifndef VR_RUN_H
#define VR_RUN_H

#include "log.h"
#include "scn.h"

enum est { E_OK, E_FAIL, E_MISSING };   /* evaluation outcome */
/* R_NOTCHECK: the claim reads a probe the module could not register on this
 * kernel (and no fallback supplies it): its events cannot exist, so neither
 * a failure nor a pass (a count of 0) would mean anything. */
enum rstat { R_PASS, R_FAIL, R_MISSING, R_NOTCHECK };
enum sstat { S_PASS, S_FAIL, S_INCOMPLETE, S_MISSING };

struct eres {
	enum est st;
	struct value v;
	const char *why;      /* why st != E_OK */
};

struct cres {
	enum rstat st;        /* for observations: PASS = holds */
	const char *values;   /* the values used, one line */
	const char *probe;    /* R_NOTCHECK: the unavailable probe */
};

struct scen {
	struct scn *def;
	const char *dir;
	int present;          /* RUN_DIR/<name>/ exists */
	int has_dmesg, has_exit, exit_code;
	struct log log;
	int complete;         /* exit_code, a meta=unload line, no parse error,
				 no inconsistent line, no probe with nmissed > 0 */
	struct log out, err;  /* stdout.txt, stderr.txt as stdout.line/stderr.line */
	int has_out, has_err;
	const char **notes;   /* why incomplete, timeouts, cut logs */
	int nnotes, notecap;
	struct eres *letv;    /* one per let, in order */
	struct cres *res;     /* one per claim */
	const char **rec, **dia;
	enum sstat status;
	int npass, nfail, nmiss, nnc, nobs;   /* nnc: firm claims not checkable */
};

struct summary {
	int claims, passed, failed, missing, notcheck, observations;
	int scenarios, incomplete, absent;
	int xscen, xvalues, xfailed;   /* the kprobe_events cross-check (xcheck.c) */
	int exit_code;        /* 0 all firm claims pass, 1 one fails, 2 a scenario missing/incomplete */
};

/* A probe fact from meta=probe lines, deduplicated over the run. */
struct pfact {
	const char *symbol, *kind, *as;
	long long err;
};

struct run {
	const char *dir;
	const char *manifest;   /* the manifest's JSON object text, or NULL */
	const char *manifest_note;
	const char *failed;     /* run-failed.txt: why the run stopped (panic, timeout), or NULL */
	const char *release;
	long long dil, dsz;     /* from the first meta=load in scenario order */
	int have_load;
	struct scen *sc;
	int nsc;
	int unselected;         /* scenarios a subset run did not select (left out) */
	struct summary sum;   /* filled by run_eval */
};

/* Reads every scenario's files under run->dir (scenarios already parsed and
 * sorted into run->sc[].def), first leaving out those a subset run did not
 * select (manifest.json "scenarios"). Never fails: absences become
 * notes/status. */
void run_load(struct run *r);
void scen_note(struct scen *s, const char *msg);
/* The log a selector of probe reads in s: the module's, or a stream's. */
const struct log *scen_log(const struct scen *s, const char *probe);
/* Whether that log is whole: a stream once the trigger exited (exit_code)
 * and its file exists; the module's log when the scenario is complete. */
int scen_log_complete(const struct scen *s, const char *probe);
int scen_log_present(const struct scen *s, const char *probe);
struct scen *run_find(struct run *r, const char *name);

/* Evaluates lets, claims and templates of every scenario, then statuses. */
void run_eval(struct run *r);

const char *sstat_name(enum sstat s);
/* report.json's words: pass/fail/missing, holds/does not hold; not_checkable for both. */
const char *rstat_name(enum rstat s, int observe);
/* The words report.md and compare.md show: PASS/FAIL/MISSING/not checkable. */
const char *rstat_label(enum rstat s, int observe);

/* Probes that failed to register, and symbols standing in for others. */
int run_unavailable(const struct run *r, struct pfact **out);
int run_fallbacks(const struct run *r, struct pfact **out);
/* The meta=probe line saying probe could not be registered in s's log, when
 * no active line (the symbol itself, or a fallback with as=probe) supplies
 * it there; NULL when the probe is available or the log does not say. */
const struct probe_line *scen_unavailable(const struct scen *s, const char *probe);

#endif
