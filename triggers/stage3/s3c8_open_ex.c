/*
 * s3c8_open_ex: stage 3 case 8 (user_open_existing). An O_RDONLY open of
 * creation_proof.txt, which the setup creates (the study's run never did,
 * and got ENOENT): a cache hit, nothing allocated.
 */
#include "lab.h"

int main(void)
{
	static const char path[] = "creation_proof.txt";
	int fd = open_existing(path);

	printf("fd=%d\n", fd);
	return close_fd(fd, path);
}
