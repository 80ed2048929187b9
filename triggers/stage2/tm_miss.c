/*
 * tm_miss: a miss on a file that does not exist (/tmp/t_m.txt; the
 * scenario's setup removes it). The first open leaves a hashed negative
 * dentry; the second open finds that same dentry in the cache.
 * Study: seed 000 "Record: tm_miss", seed 001 (stdout lines).
 */
#include "lab.h"

int main(void)
{
	const char *n3 = "/tmp/t_m.txt";
	int fd1, fd2, err1, err2, bad = 0;

	bad |= drop_caches_if_root();
	sleep(1);

	fd1 = open(n3, O_RDONLY);
	err1 = errno;
	printf("tm_miss first open fd=%d\n", fd1);
	fd2 = open(n3, O_RDONLY);
	err2 = errno;
	printf("tm_miss second open fd=%d\n", fd2);

	bad |= expect_enoent(fd1, err1, n3);
	bad |= expect_enoent(fd2, err2, n3);
	return bad;
}
