/*
 * s3c12_puzzle: stage 3 case 12 (user_puzzle). One file moved across
 * parents: dir_A/puzzle_target.txt renamed to dir_B/puzzle_target.txt
 * keeps its dentry; its parent and therefore its hash change.
 */
#include "lab.h"

int main(void)
{
	static const char a[] = "dir_A/puzzle_target.txt", b[] = "dir_B/puzzle_target.txt";
	int bad = 0, fd;

	bad |= mkdir_ok("dir_A", 0755);
	bad |= mkdir_ok("dir_B", 0755);
	bad |= open_close(a, O_CREAT | O_RDWR, 0644);
	fd = open_existing(a);
	printf("%s fd=%d\n", a, fd);
	bad |= close_fd(fd, a);
	if (rename(a, b) != 0)
		return lab_fail("rename", a, errno);
	fd = open_existing(b);
	printf("%s fd=%d\n", b, fd);
	return bad | close_fd(fd, b);
}
