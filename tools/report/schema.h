/* The module's documented keys (docs/trace-format.md) in one table, used by
 * the log parser (required keys, value types) and the scenario parser
 * (field and filter names must exist, so a typo fails loudly). */
#ifndef VR_SCHEMA_H
#define VR_SCHEMA_H

#include <stdint.h>

enum ktype { K_UNKNOWN, K_PTR, K_INT, K_HEX, K_STR, K_WORD };
enum keycond { COND_NONE, COND_ZERO, COND_PTR };

/* Value type of a documented key, K_UNKNOWN for keys the doc does not name. */
enum ktype key_type(const char *key);
/* 1 when the type compares as a number (pointer, integer, hex). */
int ktype_numeric(enum ktype t);

/* 1 when probe.phase is a documented event kind (replay.result included). */
int event_kind_known(const char *probe, const char *phase);
int probe_known(const char *probe);
/* 1 when key may appear on probe.phase lines (common keys included). */
int key_documented(const char *probe, const char *phase, const char *key);

/* Keys every probe.phase line must carry, space-separated; cond_keys are
 * required too when cond_applies(cond, value of cond_key). Returns 0 for
 * undocumented kinds. */
int required_keys(const char *probe, const char *phase, const char **keys,
		  const char **cond_key, enum keycond *cond, const char **cond_keys);
int cond_applies(enum keycond c, uint64_t v);

/* stdout/stderr: the trigger's output streams, read as `<stream>.line`
 * events (not module lines). */
int is_stream(const char *probe);
/* key_type, except that a stream line's own `key=<integer>` keys are K_INT. */
enum ktype key_type_at(const char *probe, const char *key);
/* Keys a ret line repeats from its entry line ("" when none). */
const char *carried_keys(const char *probe);
/* 1 when v is an ERR_PTR value (the top 4095 addresses). */
int is_err_ptr(uint64_t v);

/* 1 when word appears in the space-separated list. */
int word_in(const char *word, const char *list);

#endif
