/* The kernel's name hash and bit helpers the scenario grammar offers
 * (NH, xor, popcount), so a printed hash can be recomputed report-side. */
#ifndef VR_HASH_H
#define VR_HASH_H

#include <stddef.h>
#include <stdint.h>

/* full_name_hash(salt, name, len) as x86-64 Linux computes it
 * (fs/namei.c, CONFIG_DCACHE_WORD_ACCESS, 64-bit HASH_MIX, fold_hash):
 * salt is the parent dentry pointer. The same since Linux 4.8, so 6.1 and
 * 6.12 agree. A filesystem with its own d_hash (casefold, vfat) differs. */
uint32_t nh_full_name_hash(uint64_t salt, const char *name, size_t len);

int popcount64(uint64_t v);

#endif
