/*
 * s3c15_open: stage 3 case 15 (user_deep_open), run right after
 * s3c15_create: the lookup finds the dentry the create made, with the
 * same parent and hash.
 */
#include "lab.h"

int main(void)
{
	static const char path[] = "somefileNew.txt";
	int fd = open_existing(path);

	printf("fd=%d\n", fd);
	return close_fd(fd, path);
}
