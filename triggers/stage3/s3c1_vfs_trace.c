/*
 * s3c1_vfs_trace: stage 3 case 1 (test_vfs_trace). Four O_RDONLY opens of
 * different path classes: absolute (/etc/passwd), absolute through a
 * symlink (/usr/bin/ls -> /bin/busybox), absolute in /tmp, and a relative
 * path starting with "..", which the walk handles without a hash lookup.
 * The last file does not exist (setup removes it): ENOENT is expected.
 */
#include "lab.h"

int main(void)
{
	static const char *const paths[] = { "/etc/passwd", "/usr/bin/ls", "/tmp/test_vfs_trace.txt" };
	static const char rel[] = "../some_relative_file.txt";
	int bad = 0, fd;

	for (unsigned i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		fd = open_existing(paths[i]);
		printf("%s fd=%d\n", paths[i], fd);
		bad |= close_fd(fd, paths[i]);
	}
	fd = open(rel, O_RDONLY);
	return bad | expect_errno(fd, errno, ENOENT, rel);
}
