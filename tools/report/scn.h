/* A scenario file (triggers/<name>.scn): settings, lets, claims and the
 * worksheet/diagram templates, per docs/scenario-format.md. */
#ifndef VR_SCN_H
#define VR_SCN_H

#include "expr.h"

struct let {
	const char *name;
	struct term t;
	int line;
};

struct claim {
	const char *id;
	int observe;          /* `observe`: reported, never fails a run */
	const char *text;     /* the condition as written */
	struct cond c;
	int line;
};

/* A template line is literal text with {term} / {hex:term} holes. */
struct tpart {
	const char *lit;
	int is_term, hex;
	struct term t;
};
struct tmpl {
	struct tpart *p;
	int n;
	int line;
};

struct xref { const char *name; int line; };

struct scn {
	const char *name, *path;
	long order;
	const char *description;
	const char *xcheck_off;   /* cross_check = off: why (else NULL) */
	struct let *lets;
	int nlets, letcap;
	struct claim *claims;
	int nclaims, claimcap;
	struct tmpl *rec, *dia;
	int nrec, reccap, ndia, diacap;
	struct xref *refs;    /* scenarios named by `other:` selectors */
	int nrefs, refcap;
};

/* Parses buf (the file's bytes). On error returns -1 and sets *err to one
 * line "path:line: message". */
int scn_parse(struct scn *s, const char *path, const char *name, const char *buf, size_t len,
	      const char **err);

/* Index of the let called name among s->lets[0..nlets), or -1. */
int scn_find_let(const struct scn *s, const char *name, size_t n);

#endif
