/*
 * s3c1_dup_names: stage 3 case 1 (demo_dup_names). dirA/common and
 * dirB/common share a name but are two dentries; file.txt created under
 * each hashes differently, because the hash is salted with the parent.
 */
#include "lab.h"

static int create_here(const char *where)
{
	static const char path[] = "file.txt";
	int fd = open(path, O_CREAT | O_RDWR, 0644);

	if (fd < 0)
		return lab_fail("open", path, errno);
	printf("%s/file.txt fd=%d\n", where, fd);
	return close_fd(fd, path);
}

int main(void)
{
	int bad = 0;

	bad |= mkdir_ok("dirA", 0755);
	bad |= mkdir_ok("dirA/common", 0755);
	bad |= mkdir_ok("dirB", 0755);
	bad |= mkdir_ok("dirB/common", 0755);
	if (chdir("dirA/common") != 0)
		return lab_fail("chdir", "dirA/common", errno);
	bad |= create_here("dirA/common");
	if (chdir("../../dirB/common") != 0)
		return lab_fail("chdir", "../../dirB/common", errno);
	bad |= create_here("dirB/common");
	return bad;
}
