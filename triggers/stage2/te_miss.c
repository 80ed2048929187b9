/*
 * te_miss: a miss on a file that exists. /tmp/t_e.txt is created, its
 * dentry dropped with the caches, then opened: __d_alloc copies the
 * basename, 5 bytes (strlen("/tmp/")) into the kernel's path copy.
 * Study: seed 000 "Record: te_miss".
 */
#include "lab.h"

int main(void)
{
	const char *n2 = "/tmp/t_e.txt";
	int fd, bad = 0;

	bad |= creat_close(n2);
	bad |= drop_caches_if_root();
	sleep(1);

	fd = open_existing(n2);
	bad |= close_fd(fd, n2);
	return bad;
}
