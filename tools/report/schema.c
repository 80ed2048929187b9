/* The key table of docs/trace-format.md. Change it with that doc. */
#include "schema.h"

#include <string.h>

static const struct {
	const char *keys;
	enum ktype t;
} types[] = {
	{ "path_ptr file dentry dname_ptr parent name_ptr sb inode", K_PTR },
	{ "seq pid dfd err len hash unhashed blocksize negative parent_match "
	  "computed_hash nmissed format dentry_size dname_inline_len active "
	  "unavailable", K_INT },
	{ "sb_magic", K_HEX },
	{ "comm path dname name parent_name target_comm release why parent_path", K_STR },
	{ "meta probe phase via kind status symbol as result", K_WORD },
};

static const struct kind {
	const char *probes, *phase, *keys, *cond_key;
	int when_zero;
	const char *cond_keys;
} kinds[] = {
	{ "do_filp_open", "entry", "dfd path_ptr path", NULL, 0, "" },
	{ "do_filp_open", "ret", "path_ptr path file err", "err", 1, "dentry dname_ptr dname" },
	{ "d_lookup __d_lookup __d_lookup_rcu", "entry", "parent name_ptr name len hash", NULL, 0, "" },
	{ "d_lookup __d_lookup_rcu", "ret", "name len hash dentry", "dentry", 0, "dname_ptr dname inode" },
	{ "__d_alloc", "entry", "sb name_ptr name len hash", NULL, 0, "" },
	{ "__d_alloc", "ret", "name dentry", "dentry", 0, "dname_ptr dname len hash inode unhashed" },
	{ "__d_add d_delete __dentry_kill", "entry", "dentry dname_ptr dname inode", NULL, 0, "" },
	{ "d_alloc_parallel", "entry",
	  "parent parent_name name_ptr name len hash sb_magic blocksize", NULL, 0, "" },
	/* The replay line: only `result` is always there; the rest depend on it. */
	{ "replay", "result", "result", NULL, 0,
	  "parent parent_path parent_match name hash computed_hash dentry inode "
	  "negative unhashed err why" },
};

static const char common[] = "seq probe phase via pid comm";

int word_in(const char *word, const char *list)
{
	size_t n = strlen(word);
	for (const char *p = list; *p;) {
		const char *e = strchr(p, ' ');
		size_t m = e ? (size_t)(e - p) : strlen(p);
		if (m == n && memcmp(p, word, n) == 0)
			return 1;
		p += m;
		while (*p == ' ')
			p++;
	}
	return 0;
}

enum ktype key_type(const char *key)
{
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
		if (word_in(key, types[i].keys))
			return types[i].t;
	return K_UNKNOWN;
}

int ktype_numeric(enum ktype t) { return t == K_PTR || t == K_INT || t == K_HEX; }

static const struct kind *find_kind(const char *probe, const char *phase)
{
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (word_in(probe, kinds[i].probes) && strcmp(phase, kinds[i].phase) == 0)
			return &kinds[i];
	return NULL;
}

int event_kind_known(const char *probe, const char *phase)
{
	return find_kind(probe, phase) != NULL;
}

int probe_known(const char *probe)
{
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (word_in(probe, kinds[i].probes))
			return 1;
	return 0;
}

int key_documented(const char *probe, const char *phase, const char *key)
{
	const struct kind *k = find_kind(probe, phase);
	if (!k)
		return 0;
	if (strcmp(probe, "replay") != 0 && word_in(key, common))
		return 1;
	return word_in(key, k->keys) || word_in(key, k->cond_keys);
}

int required_keys(const char *probe, const char *phase, const char **keys,
		  const char **cond_key, int *when_zero, const char **cond_keys)
{
	const struct kind *k = find_kind(probe, phase);
	if (!k)
		return 0;
	*keys = k->keys;
	*cond_key = k->cond_key;
	*when_zero = k->when_zero;
	*cond_keys = k->cond_keys;
	return 1;
}
