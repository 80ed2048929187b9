/*
 * minimal_open: one 64-byte name, created with open(O_RDWR|O_CREAT).
 * 64 > DNAME_INLINE_LEN - 1, so __d_alloc copies the name into a separate
 * kmalloc buffer (external name) instead of the dentry's inline d_iname.
 * Study: seed 000 "PROGRAM 1" (with its unlink, whose d_lookup is the
 * worksheet's "cache hit later") and seed 001.
 */
#include <time.h>
#include "lab.h"

int main(void)
{
	char filename[128];
	time_t now = time(NULL);
	int fd, bad = 0;

	/* 54-byte prefix + 10-digit epoch = 64 bytes; zero-padded so the
	 * length stays 64 even if the guest clock were wrong. */
	snprintf(filename, sizeof(filename),
		 "test_file_very_long_name_to_force_external_allocation_%010lld",
		 (long long)now);

	fd = open(filename, O_RDWR | O_CREAT, 0644);
	printf("fd=%d\n", fd);
	if (fd < 0)
		return lab_fail("open", filename, errno);
	sleep(5);	/* Delay lets us observe a later cache hit. */
	if (close(fd) != 0)
		bad |= lab_fail("close", filename, errno);
	if (unlink(filename) != 0)
		bad |= lab_fail("unlink", filename, errno);
	return bad;
}
