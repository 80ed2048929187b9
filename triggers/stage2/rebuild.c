/*
 * rebuild: cache both names, drop the caches, reopen /tmp/t_e.txt: the
 * name is looked up from disk again into a newly allocated dentry.
 * Study: seed 000 "Record: rebuild", rebuild.c of its repository.
 */
#include "lab.h"

int main(void)
{
	const char *n1 = "l_e.txt";
	const char *n2 = "/tmp/t_e.txt";
	int f1, f2, bad = 0;

	bad |= creat_close(n1);
	bad |= creat_close(n2);

	f1 = open_existing(n1);
	f2 = open_existing(n2);
	bad |= close_fd(f1, n1);
	bad |= close_fd(f2, n2);

	bad |= drop_caches_if_root();
	sleep(1);

	f2 = open_existing(n2);
	bad |= close_fd(f2, n2);
	return bad;
}
