/* A value read from the log or computed from a scenario expression. */
#ifndef VR_VALUE_H
#define VR_VALUE_H

#include "util.h"

enum vkind { V_NONE, V_NUM, V_STR };
/* How a number prints: pointers as 0x%016llx, integers in decimal, and
 * values that came from hex (sb_magic, 0x literals) in hex as written. */
enum vdisp { D_DEC, D_PTR, D_HEX };

struct value {
	enum vkind kind;
	enum vdisp disp;
	uint64_t u;      /* numbers: two's complement bits */
	const char *s;   /* strings: decoded bytes (may hold NUL) */
	size_t slen;
	int unread;      /* the module printed `?`: string could not be read */
	int partial;     /* from a `trunc=1` line: the string may be cut (a prefix) */
};

/* Report form: 0x + 16 hex digits, decimal, 0x-hex, or a quoted string. */
void fmt_value(struct sb *b, const struct value *v);
/* Template form: strings unquoted ("as they are", non-printables escaped). */
void fmt_value_plain(struct sb *b, const struct value *v, int hex);
/* Escape bytes outside 0x20..0x7e as \xHH (and \" \\ when quoted). */
void fmt_bytes(struct sb *b, const char *s, size_t n, int quoted);

/* Parses a number as a scenario or filter writes it: decimal (optionally
 * negative), 0x-hex, NULL, or exactly 16 hex digits (a pointer as the log
 * prints it). Returns 0, or -1 when the text is not such a number. */
int parse_number(const char *s, size_t n, struct value *v);
/* Decimal only, optionally negative; 64-bit range checked. */
int parse_decimal(const char *s, size_t n, struct value *v);

/* Numeric comparison: unsigned when either side is a pointer, signed
 * otherwise (differences are signed 64-bit). Returns <0, 0, >0. */
int num_cmp(const struct value *a, const struct value *b);
int str_eq(const struct value *a, const struct value *b);

#endif
