/*
 * s3c10_dir_ren: stage 3 case 10 (user_dir_rename). mkdir("dir_old"), then
 * rename it to "dir_new": the directory keeps its dentry, which takes the
 * new name; its parent is unchanged, its hash changes.
 */
#include "lab.h"

int main(void)
{
	if (mkdir("dir_old", 0777) != 0)
		return lab_fail("mkdir", "dir_old", errno);
	if (rename("dir_old", "dir_new") != 0)
		return lab_fail("rename", "dir_old", errno);
	printf("renamed dir_old -> dir_new\n");
	return 0;
}
