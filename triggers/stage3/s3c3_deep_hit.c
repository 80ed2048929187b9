/*
 * s3c3_deep_hit: stage 3 case 3 (case3_deep_hit). The tree exists (setup
 * makes it and drops the caches): the first open allocates every component,
 * the second finds them all in the cache and allocates nothing.
 */
#include "lab.h"

int main(void)
{
	static const char path[] = "/tmp/alpha/beta/gamma/hit.txt";
	int bad = 0;

	for (int i = 1; i <= 2; i++) {
		int fd = open_existing(path);

		printf("open #%d fd=%d\n", i, fd);
		bad |= close_fd(fd, path);
	}
	return bad;
}
