/*
 * s3c14_symmetry: stage 3 case 14 (user_symmetry_break). Two names one
 * bit apart ('A' 0x41, '@' 0x40) under two parents: different hashes.
 */
#include "lab.h"

int main(void)
{
	int bad = 0;

	bad |= mkdir_ok("dir_1", 0755);
	bad |= mkdir_ok("dir_2", 0755);
	bad |= open_close("dir_1/break_A", O_CREAT | O_RDWR, 0644);
	bad |= open_close("dir_2/break_@", O_CREAT | O_RDWR, 0644);
	return bad;
}
