/* x86-64 full_name_hash, restated from the facts of fs/namei.c (6.12):
 * the name is read 8 bytes at a time as little-endian words; every whole
 * word is mixed into (x, y) with HASH_MIX; the last 0..7 bytes, zero
 * padded, are xored into x; fold_hash multiplies down to 32 bits. A name
 * of exactly 8*k bytes ends with a zero word, which changes nothing: that
 * is what makes it equal to hash_name()'s walk over a path component. */
#include "hash.h"

#define GOLDEN_RATIO_64 0x61C8864680B583EBull

static uint64_t rol64(uint64_t v, unsigned s) { return v << s | v >> (64 - s); }

/* One word, zero padded past n bytes (the kernel masks the same bytes
 * away with bytemask_from_count). */
static uint64_t load_le(const char *p, size_t n)
{
	uint64_t w = 0;
	for (size_t i = 0; i < n && i < 8; i++)
		w |= (uint64_t)(unsigned char)p[i] << (8 * i);
	return w;
}

uint32_t nh_full_name_hash(uint64_t salt, const char *name, size_t len)
{
	uint64_t x = 0, y = salt;
	while (len >= 8) {
		uint64_t a = load_le(name, 8);
		/* HASH_MIX(x, y, a) */
		x ^= a;
		y ^= x;
		x = rol64(x, 12);
		x += y;
		y = rol64(y, 45);
		y *= 9;
		name += 8;
		len -= 8;
	}
	x ^= load_le(name, len);
	/* fold_hash(x, y) */
	y ^= x * GOLDEN_RATIO_64;
	y *= GOLDEN_RATIO_64;
	return (uint32_t)(y >> 32);
}

int popcount64(uint64_t v)
{
	int n = 0;
	for (; v; v &= v - 1)
		n++;
	return n;
}
