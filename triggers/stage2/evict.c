/*
 * evict: recreate the two names (on the negative dentries delete left),
 * open and close them, then drop the caches: each unused dentry is freed
 * through __dentry_kill.
 * Study: seed 000 "Record: evict", evict.c of its repository.
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
	return bad;
}
