/* One scenario's dmesg.txt, parsed per docs/trace-format.md. */
#ifndef VR_LOG_H
#define VR_LOG_H

#include "value.h"

struct kv {
	const char *key;
	struct value v;
};

struct event {
	int line;                  /* 1-based line in dmesg.txt */
	const char *probe, *phase; /* "replay"/"result" for vfslab_replay lines */
	struct kv *kv;
	int nkv;
	int load;                  /* meta=load lines before it: seq counts per load */
	int mate;                  /* index of its entry (for a ret) or ret (for an
				      entry) in the log's ev[], -1 when none */
};

struct probe_line { const char *symbol, *kind, *status, *as; long long err; };
struct unload_line { const char *symbol, *kind; long long nmissed; };
struct parse_error { int line; const char *msg; };

struct log {
	struct event *ev;
	int nev, evcap;
	struct parse_error *err;
	int nerr, errcap;
	int has_load;
	const char *release;
	long long dname_inline_len, dentry_size;
	struct probe_line *probes;
	int nprobes, probecap;
	struct unload_line *unl;
	int nunl, unlcap;
	int nlines;
	int cut_tail; /* last line had no newline and did not parse: a cut log */
	/* Well-formed lines that contradict themselves or the log (check.c). */
	struct parse_error *bad;
	int nbad, badcap;
};

/* Never fails: malformed module lines become parse errors, other lines are
 * ignored, a cut last line is noted. buf may hold any bytes. */
void log_parse(struct log *lg, const char *buf, size_t len);

/* Pairs every ret line with its entry line and records the lines that
 * contradict themselves or the log (docs/report-json.md lists the checks).
 * log_parse calls it; a log with any is not complete. */
void log_check(struct log *lg);

/* A trigger's stdout.txt or stderr.txt as `<stream>.line` events: `n`,
 * `text`, and one integer key per `key=<integer>` word of the line. */
void stream_parse(struct log *lg, const char *stream, const char *buf, size_t len);

/* The value of key on e, or NULL when the line does not carry it. */
const struct value *ev_get(const struct event *e, const char *key);

#endif
