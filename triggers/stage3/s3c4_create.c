/*
 * s3c4_create: stage 3 case 4 (case4_create_flow). An O_CREAT open of a
 * file that does not exist (setup removes it and drops the caches), a
 * pause, close, then an O_RDONLY open: the dentry allocated negative by the
 * first open is made positive by the create and found by the second.
 */
#include "lab.h"

int main(void)
{
	static const char path[] = "/tmp/new_creation_file.txt";
	int fd, bad = 0;

	fd = open(path, O_RDWR | O_CREAT, 0644);
	if (fd < 0)
		return lab_fail("open O_CREAT", path, errno);
	printf("create fd=%d\n", fd);
	sleep(5);
	bad |= close_fd(fd, path);
	fd = open_existing(path);
	printf("reopen fd=%d\n", fd);
	return bad | close_fd(fd, path);
}
