/* The second instrument: the kernel's own tracefs kprobe events, saved by
 * the guest as <scenario>/kprobe_events.txt, must agree with the module's
 * lines on the values the claims rest on (docs/trace-format.md). */
#ifndef VR_XCHECK_H
#define VR_XCHECK_H

#include "run.h"

/* Checks every scenario that ran. A disagreement (or a second instrument
 * that could not run, lost events, or is missing while other scenarios have
 * it) adds a note saying why and makes a passing scenario fail; counts go
 * to r->sum (xscen, xvalues, xfailed). Runs without any kprobe_events.txt
 * (older runs) are left alone. */
void xcheck_run(struct run *r);

/* "cross-check: N values compared in K scenarios ..." for stderr; NULL
 * when the run has no kprobe_events.txt. */
const char *xcheck_line(const struct run *r);

#endif
