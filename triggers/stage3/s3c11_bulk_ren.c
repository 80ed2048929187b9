/*
 * s3c11_bulk_ren: stage 3 case 11 (user_bulk_rename). 100 files in
 * bulk_old, then the directory is renamed: a child's hash is salted with
 * its parent's pointer, not its parent's name, so child_50.txt keeps its
 * hash and its dentry across the rename.
 */
#include "lab.h"

int main(void)
{
	char path[64];
	int bad = 0, fd;

	if (mkdir("bulk_old", 0777) != 0)
		return lab_fail("mkdir", "bulk_old", errno);
	for (int i = 0; i < 100; i++) {
		snprintf(path, sizeof path, "bulk_old/child_%d.txt", i);
		fd = open(path, O_CREAT | O_RDWR, 0666);
		if (fd < 0)
			return lab_fail("open", path, errno);
		close(fd);
	}
	fd = open_existing("bulk_old/child_50.txt");
	printf("bulk_old/child_50.txt fd=%d\n", fd);
	bad |= close_fd(fd, "bulk_old/child_50.txt");
	if (rename("bulk_old", "bulk_new") != 0)
		return lab_fail("rename", "bulk_old", errno);
	fd = open_existing("bulk_new/child_50.txt");
	printf("bulk_new/child_50.txt fd=%d\n", fd);
	return bad | close_fd(fd, "bulk_new/child_50.txt");
}
