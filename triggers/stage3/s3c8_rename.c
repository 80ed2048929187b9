/*
 * s3c8_rename: stage 3 case 8 (user_rename). Create rename_proof_old.txt,
 * close, rename it to rename_proof_new.txt: d_move gives the file's dentry
 * the new name (and its hash); the dentry allocated for the new name is the
 * one thrown away.
 */
#include "lab.h"

int main(void)
{
	static const char old[] = "rename_proof_old.txt", new[] = "rename_proof_new.txt";
	int bad = open_close(old, O_CREAT | O_RDWR, 0666);

	if (rename(old, new) != 0)
		return lab_fail("rename", old, errno);
	printf("renamed %s -> %s\n", old, new);
	return bad;
}
