/*
 * s3c2_deep_miss: stage 3 case 2 (case2_deep_miss). /tmp/alpha does not
 * exist (setup removes it and drops the caches): the walk allocates one
 * dentry for "alpha", finds it negative and stops with ENOENT; beta, gamma
 * and nonexistent.txt are never looked up.
 */
#include "lab.h"

int main(void)
{
	static const char path[] = "/tmp/alpha/beta/gamma/nonexistent.txt";
	int fd = open(path, O_RDONLY);

	return expect_errno(fd, errno, ENOENT, path);
}
