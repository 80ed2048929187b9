/*
 * lab.h: the few helpers the vfslab triggers share.
 *
 * Every trigger reproduces one program of the study (docs: seeds 000-002)
 * call for call: the helpers below add error reporting on stderr, never an
 * extra path lookup, because every lookup the traced task makes is an event
 * in its log. Helpers return 0 on success and 1 on a reported failure, so a
 * program accumulates its exit status with "bad |= ...".
 */
#ifndef VFSLAB_LAB_H
#define VFSLAB_LAB_H

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Report "what path: strerror(err)" on stderr; returns 1. */
static inline int lab_fail(const char *what, const char *path, int err)
{
	fprintf(stderr, "%s %s: %s\n", what, path, strerror(err));
	return 1;
}

/*
 * The study's drop_caches_if_root(): as root, sync() and write "2\n" to
 * /proc/sys/vm/drop_caches (dentries and inodes, not the page cache); as
 * anyone else, nothing. Every unused dentry is then freed through
 * __dentry_kill, in this task, so the tracer sees it.
 */
static inline int drop_caches_if_root(void)
{
	static const char path[] = "/proc/sys/vm/drop_caches";
	int fd, bad = 0;

	if (geteuid() != 0)
		return 0;
	sync();
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return lab_fail("open", path, errno);
	if (write(fd, "2\n", 2) != 2)
		bad = lab_fail("write 2 to", path, errno);
	if (close(fd) != 0)
		bad = lab_fail("close", path, errno);
	return bad;
}

/* close(creat(path, 0644)), as the study writes it. */
static inline int creat_close(const char *path)
{
	int fd = creat(path, 0644);

	if (fd < 0)
		return lab_fail("creat", path, errno);
	if (close(fd) != 0)
		return lab_fail("close", path, errno);
	return 0;
}

/* open(path, O_RDONLY) of a file that must exist: the fd, or -1 (reported). */
static inline int open_existing(const char *path)
{
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		lab_fail("open", path, errno);
	return fd;
}

/* close an fd from open_existing(); a failed open was reported already. */
static inline int close_fd(int fd, const char *path)
{
	if (fd < 0)
		return 1;
	if (close(fd) != 0)
		return lab_fail("close", path, errno);
	return 0;
}

/*
 * The result of an open that must fail with ENOENT (fd and the errno saved
 * right after it): 0 when it did. An unexpected success is closed.
 */
static inline int expect_enoent(int fd, int err, const char *path)
{
	if (fd >= 0) {
		fprintf(stderr, "open %s: succeeded (fd=%d), expected ENOENT\n", path, fd);
		close(fd);
		return 1;
	}
	if (err != ENOENT)
		return lab_fail("open (expected ENOENT)", path, err);
	return 0;
}

/* mkdir(path, mode), an existing directory being fine (the study ignores EEXIST). */
static inline int mkdir_ok(const char *path, mode_t mode)
{
	if (mkdir(path, mode) != 0 && errno != EEXIST)
		return lab_fail("mkdir", path, errno);
	return 0;
}

/* close(open(path, flags, mode)) for a create the scenario needs to succeed. */
static inline int open_close(const char *path, int flags, mode_t mode)
{
	int fd = open(path, flags, mode);

	if (fd < 0)
		return lab_fail("open", path, errno);
	printf("open %s fd=%d\n", path, fd);
	if (close(fd) != 0)
		return lab_fail("close", path, errno);
	return 0;
}

/* The result of an open that must fail with errno want: 0 when it did. */
static inline int expect_errno(int fd, int err, int want, const char *path)
{
	if (fd >= 0) {
		fprintf(stderr, "open %s: succeeded (fd=%d), expected %s\n", path, fd, strerror(want));
		close(fd);
		return 1;
	}
	printf("open %s: %s\n", path, strerror(err));
	if (err != want)
		return lab_fail("open (unexpected errno)", path, err);
	return 0;
}

#endif /* VFSLAB_LAB_H */
