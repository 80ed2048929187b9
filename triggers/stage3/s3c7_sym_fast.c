/*
 * s3c7_sym_fast: stage 3 case 7 (case7_symlink_fast). /tmp/good_link ->
 * /tmp/target.txt (setup): a 15-byte target, stored in the inode (ext4
 * fast symlink, i_link set), so the walk reads it without any get_link.
 * The lab adds a contrast open: /tmp/slow_link's target is 64 bytes, over
 * ext4's 60-byte inline limit, so that one needs ext4_get_link.
 */
#include "lab.h"

int main(void)
{
	static const char *const paths[] = { "/tmp/good_link", "/tmp/slow_link" };
	int bad = 0;

	for (int i = 0; i < 2; i++) {
		int fd = open_existing(paths[i]);

		printf("%s fd=%d\n", paths[i], fd);
		bad |= close_fd(fd, paths[i]);
	}
	return bad;
}
