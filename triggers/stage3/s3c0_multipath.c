/*
 * s3c0_multipath: stage 3 case 0 (multi_path_open). Three mkdirs build
 * /tmp/alpha/beta/gamma (EEXIST ignored), then one O_CREAT open of a file
 * four components deep: every intermediate component is a cache hit, only
 * the last one is allocated.
 */
#include "lab.h"

int main(void)
{
	static const char path[] = "/tmp/alpha/beta/gamma/delta.txt";
	int bad = 0, fd;

	bad |= mkdir_ok("/tmp/alpha", 0755);
	bad |= mkdir_ok("/tmp/alpha/beta", 0755);
	bad |= mkdir_ok("/tmp/alpha/beta/gamma", 0755);
	fd = open(path, O_RDWR | O_CREAT, 0644);
	if (fd < 0)
		return lab_fail("open", path, errno);
	printf("open %s fd=%d\n", path, fd);
	bad |= close_fd(fd, path);
	return bad;
}
