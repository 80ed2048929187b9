/*
 * s3c13_avalanch: stage 3 case 13 (user_salt_avalanche). The same name
 * created under two sibling directories: the salts (parent pointers) are
 * close, the hashes are not.
 */
#include "lab.h"

int main(void)
{
	int bad = 0;

	bad |= mkdir_ok("dir_X", 0755);
	bad |= mkdir_ok("dir_Z", 0755);
	bad |= open_close("dir_X/avalanche_hit.txt", O_CREAT | O_RDWR, 0644);
	bad |= open_close("dir_Z/avalanche_hit.txt", O_CREAT | O_RDWR, 0644);
	return bad;
}
