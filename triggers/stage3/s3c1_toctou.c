/*
 * s3c1_toctou: stage 3 case 1 (demo_toctou). Round A: check a path with
 * access(), swap its directory for a symlink to evil_dir, open the same
 * path: the open follows the link and returns evil_dir's file. Round B:
 * hold an fd on real_dir first, do the same swap, openat(fd): the fd pins
 * the real directory, the open returns the real file.
 */
#include "lab.h"

#include <stdlib.h>

#define TOP "/tmp/demo_toctou"
#define REAL TOP "/real_dir/secret.txt"

static int setup(void)
{
	int bad = 0;

	bad |= mkdir_ok(TOP, 0755);
	bad |= mkdir_ok(TOP "/real_dir", 0755);
	bad |= mkdir_ok(TOP "/evil_dir", 0755);
	bad |= open_close(REAL, O_CREAT | O_WRONLY | O_TRUNC, 0644);
	bad |= open_close(TOP "/evil_dir/secret.txt", O_CREAT | O_WRONLY | O_TRUNC, 0644);
	return bad;
}

static int attack(void)
{
	if (rename(TOP "/real_dir", TOP "/old_dir") != 0)
		return lab_fail("rename", TOP "/real_dir", errno);
	if (symlink(TOP "/evil_dir", TOP "/real_dir") != 0)
		return lab_fail("symlink", TOP "/real_dir", errno);
	return 0;
}

int main(void)
{
	int bad = 0, fd, dfd;

	/* round A: check, swap, use */
	bad |= setup();
	printf("round A: access=%d\n", access(REAL, R_OK));
	bad |= attack();
	fd = open(REAL, O_RDONLY);
	printf("round A: open after swap fd=%d\n", fd);
	bad |= fd < 0 ? lab_fail("open", REAL, errno) : close_fd(fd, REAL);
	fflush(stdout);

	/* round B: an fd on the directory before the swap */
	if (system("rm -rf " TOP) != 0)
		bad |= lab_fail("system", "rm -rf " TOP, errno);
	bad |= setup();
	dfd = open(TOP "/real_dir", O_DIRECTORY);
	if (dfd < 0)
		return lab_fail("open", TOP "/real_dir", errno);
	bad |= attack();
	fd = openat(dfd, "secret.txt", O_RDONLY);
	printf("round B: openat(dir_fd) after swap fd=%d\n", fd);
	bad |= fd < 0 ? lab_fail("openat", "secret.txt", errno) : close_fd(fd, "secret.txt");
	return bad | close_fd(dfd, TOP "/real_dir");
}
