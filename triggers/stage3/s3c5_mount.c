/*
 * s3c5_mount: stage 3 case 5 (case5_mount_jump). An ext2 image is mounted
 * at /tmp/mnt_stage3 (the scenario's setup): the walk crosses from the ext4
 * mountpoint to the ext2 root, and loop_file.txt is looked up there.
 */
#include "lab.h"

int main(void)
{
	static const char path[] = "/tmp/mnt_stage3/loop_file.txt";
	int fd = open_existing(path);

	printf("fd=%d\n", fd);
	return close_fd(fd, path);
}
