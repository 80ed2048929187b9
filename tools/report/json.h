/* The little JSON the tool needs: validating the manifest it copies into
 * report.json, and escaping strings it writes. */
#ifndef VR_JSON_H
#define VR_JSON_H

#include "util.h"

/* Trims [*b, *e) to its JSON text; 1 when that is exactly one object. */
int json_object_text(const char **b, const char **e);
/* Appends s as a JSON string literal (quoted, escaped; bytes >= 0x80 that
 * are not UTF-8 become \u00XX so the output is always valid JSON). */
void json_str(struct sb *out, const char *s, size_t n);
void json_cstr(struct sb *out, const char *s); /* NULL prints null */
/* The string value of a top-level member of the object text obj (as
 * json_object_text returns it), unescaped; NULL when absent or not a
 * string, or when the string holds \u escapes (not worth decoding here). */
const char *json_member_str(const char *obj, const char *key);

#endif
