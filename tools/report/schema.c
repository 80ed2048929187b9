/* The key table of docs/trace-format.md. Change it with that doc. */
#include "schema.h"

#include <string.h>

static const struct {
	const char *keys;
	enum ktype t;
} types[] = {
	{ "path_ptr file dentry dname_ptr parent name_ptr sb inode target old_parent new_parent "
	  "link_ptr uptr filename", K_PTR },
	{ "seq pid dfd err len hash unhashed blocksize negative parent_match "
	  "computed_hash nmissed format dentry_size dname_inline_len active "
	  "unavailable n old_len new_len old_hash new_hash fd refcnt acc_mode trunc", K_INT },
	{ "sb_magic open_flag flags lookup_flags", K_HEX },
	{ "comm path dname name parent_name target_comm release why parent_path text old_name new_name "
	  "link", K_STR },
	{ "meta probe phase via kind status symbol as result", K_WORD },
};

/* cond: the keys in cond_keys are required when cond_key's value is zero
 * (COND_ZERO: err=0) or a real pointer (COND_PTR: not NULL, not ERR_PTR).
 * extra: keys the module prints beyond the doc's table; never required. */
static const struct kind {
	const char *probes, *phase, *keys, *cond_key;
	enum keycond cond;
	const char *cond_keys, *extra;
} kinds[] = {
	{ "do_filp_open", "entry", "dfd path_ptr path", NULL, COND_NONE, "", "open_flag" },
	{ "do_filp_open", "ret", "path_ptr path file err", "err", COND_ZERO,
	  "dentry dname_ptr dname", "inode" },
	{ "d_lookup __d_lookup __d_lookup_rcu", "entry", "parent name_ptr name len hash", NULL,
	  COND_NONE, "", "" },
	{ "d_lookup __d_lookup_rcu", "ret", "name len hash dentry", "dentry", COND_PTR,
	  "dname_ptr dname inode", "" },
	{ "__d_alloc", "entry", "sb name_ptr name len hash", NULL, COND_NONE, "", "" },
	{ "__d_alloc", "ret", "name dentry", "dentry", COND_PTR,
	  "dname_ptr dname len hash inode unhashed", "" },
	{ "__d_add d_delete __dentry_kill", "entry", "dentry dname_ptr dname inode", NULL,
	  COND_NONE, "", "" },
	{ "d_alloc_parallel", "entry",
	  "parent parent_name name_ptr name len hash sb_magic blocksize", NULL, COND_NONE, "", "" },
	{ "d_move", "entry", "dentry target old_parent old_name old_len old_hash new_parent new_name "
	  "new_len new_hash", NULL, COND_NONE, "", "" },
	{ "d_move", "ret", "dentry dname_ptr dname parent hash", NULL, COND_NONE, "", "" },
	{ "ext4_get_link page_get_link", "entry", "dentry inode", NULL, COND_NONE, "", "" },
	{ "ext4_get_link page_get_link", "ret", "link_ptr err", "err", COND_ZERO, "link", "" },
	{ "do_sys_openat2", "entry", "dfd uptr path flags", NULL, COND_NONE, "", "" },
	{ "do_sys_openat2 get_unused_fd_flags", "ret", "fd", NULL, COND_NONE, "", "" },
	{ "get_unused_fd_flags", "entry", "flags", NULL, COND_NONE, "", "" },
	{ "fd_install", "entry", "fd file dentry dname_ptr dname inode", NULL, COND_NONE, "", "" },
	{ "putname", "entry", "filename path_ptr path refcnt", NULL, COND_NONE, "", "" },
	{ "may_open", "entry", "dentry dname_ptr dname inode acc_mode open_flag", NULL, COND_NONE, "",
	  "" },
	{ "may_open", "ret", "err", NULL, COND_NONE, "", "" },
	{ "path_lookupat", "entry", "lookup_flags", NULL, COND_NONE, "", "" },
	{ "path_lookupat", "ret", "err", "err", COND_ZERO, "dentry dname_ptr dname inode", "" },
	/* The replay line: only `result` is always there; the rest depend on it. */
	{ "replay", "result", "result", NULL, COND_NONE, "",
	  "parent parent_path parent_match name hash computed_hash dentry inode "
	  "negative unhashed err why" },
	/* Not module lines: the trigger's stdout.txt / stderr.txt, one event
	 * per line (docs/scenario-format.md); other keys come from the line. */
	{ "stdout stderr", "line", "n text", NULL, COND_NONE, "", "" },
};

static const char common[] = "seq probe phase via pid comm trunc";
static const char streams[] = "stdout stderr";

int is_stream(const char *probe) { return word_in(probe, streams); }

/* A stdout/stderr line's `key=<integer>` words are numeric keys of their
 * own; every other key keeps its one documented type. */
enum ktype key_type_at(const char *probe, const char *key)
{
	if (is_stream(probe) && strcmp(key, "n") && strcmp(key, "text"))
		return K_INT;
	return key_type(key);
}

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
	if (is_stream(probe))
		return 1; /* n, text, or a key=<integer> word of the line */
	if (strcmp(probe, "replay") != 0 && word_in(key, common))
		return 1;
	return word_in(key, k->keys) || word_in(key, k->cond_keys) || word_in(key, k->extra);
}

int required_keys(const char *probe, const char *phase, const char **keys,
		  const char **cond_key, enum keycond *cond, const char **cond_keys)
{
	const struct kind *k = find_kind(probe, phase);
	if (!k)
		return 0;
	*keys = k->keys;
	*cond_key = k->cond_key;
	*cond = k->cond;
	*cond_keys = k->cond_keys;
	return 1;
}

/* Ret lines that repeat keys of their entry ("(from entry)" in the doc). */
static const struct { const char *probes, *keys; } carried[] = {
	{ "do_filp_open", "path_ptr path" },
	{ "d_lookup __d_lookup_rcu", "name len hash" },
	{ "__d_alloc", "name" },
};

const char *carried_keys(const char *probe)
{
	for (size_t i = 0; i < sizeof carried / sizeof carried[0]; i++)
		if (word_in(probe, carried[i].probes))
			return carried[i].keys;
	return "";
}

/* ERR_PTR values are the top 4095 addresses (include/linux/err.h). */
int is_err_ptr(uint64_t v) { return v >= (uint64_t)-4095; }

int cond_applies(enum keycond c, uint64_t v)
{
	if (c == COND_ZERO)
		return v == 0;
	return c == COND_PTR && v != 0 && !is_err_ptr(v);
}
