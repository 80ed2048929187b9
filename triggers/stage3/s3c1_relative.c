/*
 * s3c1_relative: stage 3 case 1 (case1_relative). A relative O_CREAT open:
 * do_filp_open gets dfd = AT_FDCWD and the walk starts at the cwd, so the
 * new name's parent is the cwd's dentry ("work").
 */
#include "lab.h"

int main(void)
{
	static const char path[] = "some_relative_file.txt";
	int fd = open(path, O_CREAT | O_WRONLY, 0644);

	if (fd < 0)
		return lab_fail("open", path, errno);
	printf("fd=%d path string at %p\n", fd, (const void *)path);
	return close_fd(fd, path);
}
