/*
 * s3c6_sym_loop: stage 3 case 6 (case6_symlink_loop). /tmp/link_a ->
 * /tmp/link_b -> /tmp/link_a (the scenario's setup): the walk follows
 * links until MAXSYMLINKS (40) and the open fails with ELOOP.
 */
#include "lab.h"

int main(void)
{
	static const char path[] = "/tmp/link_a";
	int fd = open(path, O_RDONLY);

	return expect_errno(fd, errno, ELOOP, path);
}
