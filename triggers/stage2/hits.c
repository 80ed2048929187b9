/*
 * hits: two names opened twice after a cache drop. The first pass misses
 * and inserts a dentry per name; the second pass finds those same dentries.
 * The second-pass dentries stay cached for the next runs (delete, evict):
 * nothing here or between the runs drops the caches again.
 * Study: hits.c of the study's repository (seed 001 "hits.c + delete.c +
 * evict.c"); both passes close their fds.
 */
#include "lab.h"

int main(void)
{
	const char *n1 = "l_e.txt";
	const char *n2 = "/tmp/t_e.txt";
	int f1, f2, bad = 0;

	bad |= creat_close(n1);
	bad |= creat_close(n2);
	bad |= drop_caches_if_root();
	sleep(1);

	/* first pass: misses */
	f1 = open_existing(n1);
	f2 = open_existing(n2);
	bad |= close_fd(f1, n1);
	bad |= close_fd(f2, n2);

	/* second pass: hits */
	f1 = open_existing(n1);
	f2 = open_existing(n2);
	bad |= close_fd(f1, n1);
	bad |= close_fd(f2, n2);
	return bad;
}
