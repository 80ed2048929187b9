/* The three outputs: report.md, report.json and KTAP on stdout. */
#ifndef VR_RENDER_H
#define VR_RENDER_H

#include "run.h"

#include <stdio.h>

/* Where the study's DNAME_INLINE_LEN figure is shown beside the real one. */
#define STUDY_DNAME_INLINE_LEN 36

void render_md(struct sb *out, const struct run *r);
void render_json(struct sb *out, const struct run *r);
void render_ktap(FILE *out, const struct run *r);
/* One line, no newline: "N claims: P passed, F failed, M missing; S scenarios (I incomplete)". */
const char *summary_line(const struct run *r);
/* A code fence longer than any backtick run in lines, so log bytes cannot
 * close it early. */
const char *md_fence(const char **lines, int n);

#endif
