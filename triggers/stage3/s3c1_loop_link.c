/*
 * s3c1_loop_link: stage 3 case 1's copy of case 6. "loop_link" is a
 * symlink to itself (made by the scenario's setup): the walk follows it
 * until MAXSYMLINKS (40) and the open fails with ELOOP.
 */
#include "lab.h"

int main(void)
{
	static const char path[] = "loop_link";
	int fd = open(path, O_RDONLY);

	return expect_errno(fd, errno, ELOOP, path);
}
