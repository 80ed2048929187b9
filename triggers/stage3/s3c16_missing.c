/*
 * s3c16_missing: stage 3 case 16 (user_trigger_missing). A missing file
 * (setup removes it and drops the caches): do_filp_open returns
 * ERR_PTR(-ENOENT) after allocating a negative dentry.
 */
#include "lab.h"

int main(void)
{
	static const char path[] = "missing_case16.txt";
	int fd = open(path, O_RDONLY);

	return expect_errno(fd, errno, ENOENT, path);
}
