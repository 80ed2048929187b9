/* Selectors, terms and conditions of docs/scenario-format.md: the AST and
 * its parser. Parsing also type-checks, so a scenario that compares a
 * string with a number, names an undocumented key or probe, or uses a $NAME
 * before its `let` is refused with its line, before any log is read. */
#ifndef VR_EXPR_H
#define VR_EXPR_H

#include "value.h"

enum vtype { T_NUM = 1, T_STR };
enum cmpop { OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE };

struct sel;

struct filter {
	const char *key;      /* NULL for in(...) */
	char op;              /* '=', '!' (!=), '~', '<', '>'; 'I' in(sel) */
	enum { FV_LIT, FV_VAR } vk;
	struct value lit;     /* FV_LIT: number or string, typed by the key */
	int var;              /* FV_VAR: index of the let */
	struct sel *in;       /* 'I': the call whose entry..ret the event is in */
};

struct sel {
	const char *scn;      /* other scenario (`hits:`), NULL for the own log */
	const char *probe, *phase;
	struct filter *f;
	int nf;
	long index;           /* 1.. from the first match, -1.. from the last */
	const char *text;     /* as written, for messages */
};

enum atomk { A_VAR, A_NUM, A_NULL, A_STR, A_STRLEN, A_COUNT, A_FIELD, A_DIL, A_DSZ,
	     A_FUNC,    /* NH(parent, name), xor(a, b), popcount(a) */
	     A_CUR };   /* a bare key inside every(sel): the key of the event at hand */
enum fnk { F_NH, F_XOR, F_POPCOUNT };

struct term;

struct atom {
	enum atomk k;
	struct value lit;     /* A_NUM, A_NULL, A_STR, A_STRLEN (the length) */
	int var;              /* A_VAR */
	struct sel sel;       /* A_COUNT, A_FIELD */
	const char *field;    /* A_FIELD, A_CUR */
	enum fnk fn;          /* A_FUNC */
	struct term *args;
	int nargs;
	const char *text;     /* as written */
	enum vtype type;
};

struct term {
	struct atom *a;
	char *op;             /* op[i] joins a[i] and a[i+1]: '+' or '-' */
	int n;
	const char *text;
	enum vtype type;
};

enum condk { C_CMP, C_EXTERNAL, C_INLINE, C_EVERY };

struct cond {
	enum condk k;
	struct term *t;       /* C_CMP: nt terms joined by nt-1 ops */
	enum cmpop *op;
	int nt;
	struct sel sel;       /* C_EXTERNAL, C_INLINE; C_EVERY: the events */
	struct cond *body;    /* C_EVERY: a comparison, held by each of them */
};

struct scn;

struct pctx {
	const char *p;        /* cursor into the text being parsed */
	const char *err;      /* first error; parsing stops at it */
	struct scn *scn;      /* lets visible so far, cross-scenario refs */
	int line;
	const struct sel *cur; /* inside every(sel): bare keys are its event's */
};

/* Each returns 0, or -1 with pc->err set. parse_term stops at the first
 * character that cannot continue a term; parse_cond requires the end. */
int parse_term(struct pctx *pc, struct term *t);
int parse_cond(struct pctx *pc, struct cond *c);

const char *op_text(enum cmpop op);

#endif
