/*
 * s3c15_create: stage 3 case 15 (user_deep_create). unlink (result
 * ignored) then an O_EXCL create of the same name: unlink turns the cached
 * dentry negative in place, and the create reuses that very dentry.
 */
#include "lab.h"

int main(void)
{
	static const char path[] = "somefileNew.txt";

	if (unlink(path) != 0)
		printf("unlink: %s (ignored)\n", strerror(errno));
	return open_close(path, O_CREAT | O_EXCL | O_RDWR, 0666);
}
