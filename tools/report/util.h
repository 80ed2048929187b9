/* Small helpers every other file needs: tracked allocation, a string
 * builder, whole-file reading. */
#ifndef VR_UTIL_H
#define VR_UTIL_H

#include <stddef.h>
#include <stdint.h>

/* Every allocation is tracked so one call frees everything at exit: the
 * tool is short-lived, and this keeps LeakSanitizer quiet without an owner
 * for each object. Memory is zeroed. Out of memory aborts with a message. */
#define NONNULL_RET __attribute__((returns_nonnull))
NONNULL_RET void *xalloc(size_t n);
NONNULL_RET void *xrealloc(void *p, size_t n);
NONNULL_RET char *xstrndup(const char *s, size_t n);
NONNULL_RET char *xstrdup(const char *s);
char *xprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void mem_free_all(void);

/* Grow a (pointer, count, capacity) array so one more element fits. */
#define VEC_GROW(arr, n, cap)                                           \
	do {                                                            \
		if ((n) >= (cap)) {                                     \
			(cap) = (cap) ? 2 * (cap) : 8;                  \
			(arr) = xrealloc((arr), (size_t)(cap) * sizeof *(arr)); \
		}                                                       \
	} while (0)

struct sb {
	char *s;
	size_t len, cap;
};
void sb_add(struct sb *b, const char *s, size_t n);
void sb_puts(struct sb *b, const char *s);
void sb_putc(struct sb *b, char c);
void sb_printf(struct sb *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *sb_str(struct sb *b); /* never NULL; stays owned by b */

/* Reads a whole regular file (at most READ_CAP bytes; *truncated says if it
 * was longer). The buffer is NUL-terminated. Returns 0, or -1 with errno. */
#define READ_CAP (64u << 20)
int read_file(const char *path, char **buf, size_t *len, int *truncated);

/* One shared copy of each distinct short string (log keys and words such
 * as probe names repeat on every line). */
const char *intern(const char *s, size_t n);

/* First occurrence of needle in hay[0..n), NUL bytes allowed in hay. */
const char *find_bytes(const char *hay, size_t n, const char *needle);

#endif
