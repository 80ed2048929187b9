/*
 * s3c8_crt_deep: stage 3 case 8 (user_create_deep). mkdir("subdir"), then
 * an O_EXCL create one level down: the new dentry's parent is the one the
 * mkdir allocated.
 */
#include "lab.h"

int main(void)
{
	static const char path[] = "subdir/creation_proof_deep.txt";
	int bad = mkdir_ok("subdir", 0755);

	return bad | open_close(path, O_RDWR | O_CREAT | O_EXCL, 0644);
}
