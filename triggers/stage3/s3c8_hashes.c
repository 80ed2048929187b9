/*
 * s3c8_hashes: stage 3 case 8 (user_hash_collision). Three O_EXCL creates
 * in one directory. No collision is arranged (the study's name is
 * aspirational): same parent, three different hashes.
 */
#include "lab.h"

int main(void)
{
	static const char *const names[] = { "collision_alpha.txt", "collision_beta.txt", "collision_gamma.txt" };
	int bad = 0;

	for (int i = 0; i < 3; i++)
		bad |= open_close(names[i], O_RDWR | O_CREAT | O_EXCL, 0644);
	return bad;
}
