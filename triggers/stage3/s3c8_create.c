/*
 * s3c8_create: stage 3 case 8 (user_create_simple). An O_EXCL create of a
 * pid-named file in the cwd: the (parent, name) pair whose hash keys the
 * dentry at creation is the one every later lookup uses.
 */
#include "lab.h"

int main(void)
{
	char path[64];
	int fd;

	snprintf(path, sizeof path, "creation_proof_%d.txt", (int)getpid());
	fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0644);
	if (fd < 0)
		return lab_fail("open O_EXCL", path, errno);
	printf("%s fd=%d\n", path, fd);
	return close_fd(fd, path);
}
