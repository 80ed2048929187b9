/*
 * s3c1_fast_link: stage 3 case 1's copy of case 7. "fast_link" -> "fast_target"
 * (made by the scenario's setup): an 11-byte target is stored in the inode
 * (ext4 fast symlink), and the open returns the target's dentry.
 */
#include "lab.h"

int main(void)
{
	static const char path[] = "fast_link";
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return lab_fail("open", path, errno);
	printf("fd=%d\n", fd);
	return close_fd(fd, path);
}
