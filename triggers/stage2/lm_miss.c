/*
 * lm_miss: a miss on a missing file named relative to the cwd (l_m.txt;
 * the scenario's setup removes it): the qstr __d_alloc copies from starts
 * at the path's first byte.
 * Study: seed 000 "Record: lm_miss".
 */
#include "lab.h"

int main(void)
{
	const char *n4 = "l_m.txt";
	int fd, err, bad = 0;

	bad |= drop_caches_if_root();
	sleep(1);

	fd = open(n4, O_RDONLY);
	err = errno;
	bad |= expect_enoent(fd, err, n4);
	return bad;
}
