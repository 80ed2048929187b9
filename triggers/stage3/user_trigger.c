/*
 * user_trigger (case17): open a missing file, by absolute path, in the
 * cwd (on ext4). The failed lookup leaves a hashed negative dentry that
 * the replay module finds again with d_lookup after this process exits.
 * Study: seed 002, user_trigger.c of its repository (same stdout lines;
 * the directory is getcwd() instead of the study's home directory).
 */
#include <limits.h>
#include "lab.h"

int main(void)
{
	char cwd[PATH_MAX];
	char filename[PATH_MAX + 64];
	int pid = getpid();
	int fd, err, n;

	if (!getcwd(cwd, sizeof(cwd)))
		return lab_fail("getcwd", ".", errno);
	n = snprintf(filename, sizeof(filename), "%s/missing_case17_filp_%d.txt", cwd, pid);
	if (n < 0 || (size_t)n >= sizeof(filename)) {
		fprintf(stderr, "path too long under %s\n", cwd);
		return 1;
	}

	printf("[USER] My PID: %d\n", pid);
	printf("[USER] Starting Case 17 Trigger\n");
	printf("[USER] Target: %s\n", filename);

	fd = open(filename, O_RDONLY);
	err = errno;
	if (fd < 0) {
		printf("[USER] open() failed as expected. Result: %d, Errno: %d (%s)\n",
		       fd, err, strerror(err));
		return err == ENOENT ? 0 : 1;
	}
	printf("[USER] open() unexpectedly succeeded! fd: %d\n", fd);
	close(fd);
	return 1;
}
