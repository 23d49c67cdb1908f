/* Values shared by the manifest parser and `service`: time values,
 * kernel-call names (from KCALL_LIST, the one declaration of the calls),
 * restart-policy names and the names of the commands a core service
 * refuses. */
#include <string.h>
#include <abi/errno.h>
#include <abi/kcalls.h>
#include "manifest.h"

#define MF_KCALL_NAME(name, handler, out) [SYS_##name - KCALL_BASE] = #name,
static const char *const mf_kcall_names[NR_KCALLS] = {
	KCALL_LIST(MF_KCALL_NAME)
};
#undef MF_KCALL_NAME

_Static_assert(NR_KCALLS <= PRIV_KCALL_WORDS * 32,
    "the privilege kernel-call mask is too small for KCALL_LIST");

/* Returns the number (SYS_x) of the kernel call named NAME, or -1. */
int manifest_kcall_lookup(const char *name)
{
	for (int i = 0; i < NR_KCALLS; i++)
		if (strcmp(mf_kcall_names[i], name) == 0)
			return KCALL_BASE + i;
	return -1;
}

/* Returns the name of kernel call NR (SYS_x), or NULL if there is none. */
const char *manifest_kcall_name(int nr)
{
	if (nr < KCALL_BASE || nr >= KCALL_BASE + NR_KCALLS)
		return NULL;
	return mf_kcall_names[nr - KCALL_BASE];
}

/* Returns the name of restart policy P, or "?". */
const char *manifest_restart_name(int p)
{
	switch (p) {
	case RS_RESTART_STATEFUL: return "stateful";
	case RS_RESTART_RESET:    return "reset";
	case RS_RESTART_NEVER:    return "never";
	case RS_RESTART_INPLACE:  return "inplace";
	default:                  return "?";
	}
}

/* The names of the RS_CORE_* bits, lowest first. */
static const char *const mf_core_names[] = {
	"down", "refresh", "restart", "fi", "update",
};
_Static_assert(sizeof(mf_core_names) / sizeof(mf_core_names[0]) == 5 &&
    RS_CORE_ALL == 0x1f, "mf_core_names must name every RS_CORE_* bit");

/* Returns the RS_CORE_* bit of command NAME ("down"), or 0. */
uint32_t manifest_core_lookup(const char *name)
{
	for (uint32_t i = 0; i < 5; i++)
		if (strcmp(mf_core_names[i], name) == 0)
			return 1u << i;
	return 0;
}

/* Returns the name of the single RS_CORE_* bit BIT, or "?". */
const char *manifest_core_name(uint32_t bit)
{
	for (uint32_t i = 0; i < 5; i++)
		if (bit == 1u << i)
			return mf_core_names[i];
	return "?";
}

/* Parses "N" (ticks) or "NHZ" (N seconds) into *TICKS; N is decimal
 * digits only. Returns 0, or -EINVAL (nothing stored) for an empty
 * number, another character, or more than INT32_MAX ticks. */
int manifest_parse_time(const char *s, int32_t *ticks)
{
	if (s == NULL)
		return -EINVAL;
	uint32_t v = 0;
	size_t i = 0;
	for (; s[i] >= '0' && s[i] <= '9'; i++) {
		uint32_t d = (uint32_t) (s[i] - '0');
		if (v > (INT32_MAX - d) / 10)
			return -EINVAL;
		v = v * 10 + d;
	}
	if (i == 0)
		return -EINVAL;
	if (strcmp(s + i, "HZ") == 0) {
		if (v > INT32_MAX / MANIFEST_HZ)
			return -EINVAL;
		v *= MANIFEST_HZ;
	} else if (s[i] != '\0') {
		return -EINVAL;
	}
	*ticks = (int32_t) v;
	return 0;
}
