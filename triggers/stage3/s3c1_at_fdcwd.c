/*
 * s3c1_at_fdcwd: stage 3 case 1 (demo_at_fdcwd). Three creates, through
 * open(), openat(AT_FDCWD) and the raw openat syscall with -100: all three
 * reach do_filp_open with dfd = -100. Then close and unlink each.
 */
#include "lab.h"

#include <sys/syscall.h>

int main(void)
{
	static const char *const names[3] = { "test_fdcwd.txt", "test_fdcwd_2.txt", "test_fdcwd_3.txt" };
	int fd[3], bad = 0;

	fd[0] = open(names[0], O_CREAT | O_WRONLY, 0644);
	fd[1] = openat(AT_FDCWD, names[1], O_CREAT | O_WRONLY, 0644);
	fd[2] = (int)syscall(SYS_openat, -100, names[2], O_CREAT | O_WRONLY, 0644);
	for (int i = 0; i < 3; i++) {
		if (fd[i] < 0) {
			bad |= lab_fail("open", names[i], errno);
			continue;
		}
		printf("%s fd=%d\n", names[i], fd[i]);
		bad |= close_fd(fd[i], names[i]);
	}
	for (int i = 0; i < 3; i++)
		if (unlink(names[i]) != 0)
			bad |= lab_fail("unlink", names[i], errno);
	return bad;
}
