/*
 * s3c1_o_pathdir: stage 3 case 1 (demo_o_path_dir). An O_PATH|O_DIRECTORY
 * fd cannot be read as a directory (fdopendir/readdir fail), but it works
 * as the dfd of openat: the walk starts at that fd's dentry.
 */
#include "lab.h"

#include <dirent.h>

int main(void)
{
	struct stat st;
	DIR *d;
	int dfd, fd, bad = 0;

	bad |= mkdir_ok("demo_dir", 0755);
	bad |= open_close("demo_dir/secret_file.txt", O_CREAT | O_WRONLY, 0644);
	dfd = open("demo_dir", O_PATH | O_DIRECTORY);
	if (dfd < 0)
		return lab_fail("open O_PATH|O_DIRECTORY", "demo_dir", errno);
	printf("dir_fd=%d\n", dfd);
	/* userspace only: an O_PATH fd is no readable directory */
	d = fdopendir(dfd);
	if (!d)
		printf("fdopendir: %s (expected)\n", strerror(errno));
	else if (!readdir(d))
		printf("readdir: %s (expected)\n", strerror(errno));
	else
		bad |= lab_fail("readdir on an O_PATH fd", "demo_dir", 0);
	fd = openat(dfd, "secret_file.txt", O_RDONLY);
	if (fd < 0)
		return lab_fail("openat", "secret_file.txt", errno);
	if (fstat(fd, &st) != 0)
		bad |= lab_fail("fstat", "secret_file.txt", errno);
	else
		printf("openat fd=%d ino=%lu\n", fd, (unsigned long)st.st_ino);
	bad |= close_fd(fd, "secret_file.txt");
	if (!d)
		close(dfd);
	if (unlink("demo_dir/secret_file.txt") != 0 || rmdir("demo_dir") != 0)
		bad |= lab_fail("cleanup", "demo_dir", errno);
	return bad;
}
