/*
 * s3c1_threads: stage 3 case 1 (demo_thread_safety). The threads of a
 * process share one cwd: T2's chdir(dir_B) moves it for all. T1's
 * openat(dir_fd, "data.txt") still resolves under dir_A (the fd pins that
 * dentry); T3's open("data.txt") resolves under dir_B.
 */
#include "lab.h"

#include <pthread.h>
#include <time.h>

#define TOP "/tmp/demo_threads"

static int dir_fd;
static int res[3];

static void nap_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static void *t1_openat(void *arg)
{
	int fd;

	(void)arg;
	nap_ms(200);
	fd = openat(dir_fd, "data.txt", O_RDONLY);
	printf("T1 openat(dir_fd, data.txt) fd=%d\n", fd);
	res[0] = fd < 0 ? lab_fail("T1 openat", "data.txt", errno) : close_fd(fd, "data.txt");
	return NULL;
}

static void *t2_chdir(void *arg)
{
	(void)arg;
	res[1] = chdir(TOP "/dir_B") != 0 ? lab_fail("T2 chdir", TOP "/dir_B", errno) : 0;
	printf("T2 chdir(dir_B) done\n");
	return NULL;
}

static void *t3_open(void *arg)
{
	int fd;

	(void)arg;
	nap_ms(200);
	fd = open("data.txt", O_RDONLY);
	printf("T3 open(data.txt) fd=%d\n", fd);
	res[2] = fd < 0 ? lab_fail("T3 open", "data.txt", errno) : close_fd(fd, "data.txt");
	return NULL;
}

int main(void)
{
	void *(*fn[3])(void *) = { t1_openat, t2_chdir, t3_open };
	pthread_t t[3];
	int bad = 0;

	bad |= mkdir_ok(TOP, 0755);
	bad |= mkdir_ok(TOP "/dir_A", 0755);
	bad |= mkdir_ok(TOP "/dir_B", 0755);
	bad |= open_close(TOP "/dir_A/data.txt", O_CREAT | O_TRUNC | O_WRONLY, 0644);
	bad |= open_close(TOP "/dir_B/data.txt", O_CREAT | O_TRUNC | O_WRONLY, 0644);
	if (chdir(TOP "/dir_A") != 0)
		return lab_fail("chdir", TOP "/dir_A", errno);
	dir_fd = open(TOP "/dir_A", O_RDONLY | O_DIRECTORY);
	if (dir_fd < 0)
		return lab_fail("open", TOP "/dir_A", errno);
	fflush(stdout);
	for (int i = 0; i < 3; i++)
		if (pthread_create(&t[i], NULL, fn[i], NULL) != 0)
			return lab_fail("pthread_create", "", errno);
	for (int i = 0; i < 3; i++) {
		pthread_join(t[i], NULL);
		bad |= res[i];
	}
	return bad | close_fd(dir_fd, TOP "/dir_A");
}
