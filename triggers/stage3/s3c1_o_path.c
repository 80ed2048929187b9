/*
 * s3c1_o_path: stage 3 case 1 (demo_o_path). Create a file, close it, open
 * it again with O_PATH (a handle to the path, no file opened for I/O:
 * path_openat takes do_o_path, which skips may_open), close, unlink.
 */
#include "lab.h"

int main(void)
{
	static const char path[] = "demo_o_path_target";
	int fd, bad = 0;

	fd = open(path, O_CREAT | O_RDWR, 0644);
	if (fd < 0)
		return lab_fail("open", path, errno);
	printf("create fd=%d\n", fd);
	bad |= close_fd(fd, path);
	fd = open(path, O_PATH);
	if (fd < 0)
		return lab_fail("open O_PATH", path, errno);
	printf("O_PATH fd=%d\n", fd);
	bad |= close_fd(fd, path);
	if (unlink(path) != 0)
		bad |= lab_fail("unlink", path, errno);
	return bad;
}
