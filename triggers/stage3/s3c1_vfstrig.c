/*
 * s3c1_vfstrig: stage 3 case 1 (vfs_trigger). openat() with a directory
 * fd and a two-component relative path: the walk starts at the fd's
 * dentry (ALPHA), finds BETA under it and creates GAMMA under BETA.
 */
#include "lab.h"

int main(void)
{
	int bad = 0, dfd, fd;

	bad |= mkdir_ok("ALPHA", 0755);
	bad |= mkdir_ok("ALPHA/BETA", 0755);
	dfd = open("ALPHA", O_RDONLY | O_DIRECTORY);
	if (dfd < 0)
		return lab_fail("open", "ALPHA", errno);
	fd = openat(dfd, "BETA/GAMMA", O_CREAT | O_RDWR, 0644);
	if (fd < 0)
		return lab_fail("openat", "BETA/GAMMA", errno);
	printf("dir_fd=%d fd=%d\n", dfd, fd);
	bad |= close_fd(fd, "BETA/GAMMA");
	return bad | close_fd(dfd, "ALPHA");
}
