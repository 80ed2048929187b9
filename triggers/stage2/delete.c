/*
 * delete: unlink the two names hits left cached. The fds are closed first,
 * so unlink's dentry is unused and d_delete turns it negative in place
 * (still hashed: the next run's creat finds the same dentry).
 * Study: seed 000 "Record: delete", delete.c of its repository.
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

	if (unlink(n1) != 0)
		bad |= lab_fail("unlink", n1, errno);
	if (unlink(n2) != 0)
		bad |= lab_fail("unlink", n2, errno);
	return bad;
}
