/*
 * s3c16_exists: stage 3 case 16 (user_trigger_exists). Create, close,
 * open O_RDONLY: both opens return the same dentry.
 */
#include "lab.h"

int main(void)
{
	static const char path[] = "existing_case16.txt";
	int bad = open_close(path, O_CREAT | O_WRONLY, 0644);
	int fd = open_existing(path);

	printf("reopen fd=%d\n", fd);
	return bad | close_fd(fd, path);
}
