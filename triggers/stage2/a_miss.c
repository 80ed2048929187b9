/*
 * a_miss: a miss on an existing file of another filesystem: a.txt on the
 * ext2 loop mount /mnt/loopfs (12 bytes of prefix before the basename).
 * Study: seed 000 "Record: a_miss".
 */
#include "lab.h"

int main(void)
{
	const char *n5 = "/mnt/loopfs/a.txt";
	int fd, bad = 0;

	bad |= drop_caches_if_root();
	sleep(1);

	fd = open_existing(n5);
	bad |= close_fd(fd, n5);
	return bad;
}
