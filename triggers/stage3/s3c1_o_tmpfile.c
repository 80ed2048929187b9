/*
 * s3c1_o_tmpfile: stage 3 case 1 (demo_o_tmpfile). O_TMPFILE on "." makes
 * an unnamed inode in the cwd's filesystem: vfs_tmpfile allocates a dentry
 * named "/" under the cwd, ext4_tmpfile -> d_tmpfile renames it "#<ino>",
 * and nothing ever hashes it. system("ls") shows the fd's link; its child
 * opens /bin/sh under this comm before exec (a pid filter excludes it).
 */
#include "lab.h"

#include <stdlib.h>

int main(void)
{
	char cmd[96];
	struct stat st;
	int fd, bad = 0;

	fd = open(".", O_TMPFILE | O_RDWR, 0600);
	if (fd < 0)
		return lab_fail("open O_TMPFILE", ".", errno);
	printf("O_TMPFILE fd=%d\n", fd);
	if (write(fd, "tmp\n", 4) != 4)
		bad |= lab_fail("write", "O_TMPFILE fd", errno);
	if (fstat(fd, &st) != 0)
		bad |= lab_fail("fstat", "O_TMPFILE fd", errno);
	else
		printf("ino=%lu nlink=%lu size=%ld\n", (unsigned long)st.st_ino,
		       (unsigned long)st.st_nlink, (long)st.st_size);
	fflush(stdout);
	snprintf(cmd, sizeof cmd, "ls -l /proc/%d/fd/%d", (int)getpid(), fd);
	if (system(cmd) != 0)
		bad |= lab_fail("system", cmd, errno);
	bad |= close_fd(fd, "O_TMPFILE fd");
	return bad;
}
