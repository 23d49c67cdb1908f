/* Core services: the commands RS refuses up front (the manifest's `core`
 * key, rs_manifest.core) because the system cannot go on without the
 * service and the command would not keep its state. RS itself is not in
 * the table; it refuses down, refresh and restart (RS_SELF_CORE). */
#include <stdio.h>
#include <string.h>
#include "manifest.h"
#include "rs.h"

/* The RS_CORE_* bit of request TYPE, or 0 for a request that is no
 * command on a running service. */
static uint32_t core_bit(int type)
{
	switch (type) {
	case RS_DOWN:     return RS_CORE_DOWN;
	case RS_REFRESH:  return RS_CORE_REFRESH;
	case RS_RESTART:  return RS_CORE_RESTART;
	case RS_FI:
	case RS_FI_PATCH: return RS_CORE_FI;
	case RS_UPDATE:   return RS_CORE_UPDATE;
	default:          return 0;
	}
}

/* core_is_self: whether LABEL names RS itself. */
int core_is_self(const char *label)
{
	return strcmp(label, RS_SELF_LABEL) == 0;
}

/* core_refuse: request TYPE (RS_DOWN ...) on the service LABEL (S, or
 * NULL when LABEL is RS itself or unknown). Returns -EPERM after a
 * console line when the service is core for that command (RS itself:
 * RS_SELF_CORE), else 0. Nothing is changed either way. */
int core_refuse(int type, const char *label, const struct service *s)
{
	uint32_t bit = core_bit(type);
	uint32_t core = core_is_self(label) ? RS_SELF_CORE :
	    s != NULL ? s->manifest.core : 0;
	if (!(core & bit))
		return 0;
	printf(RS_CORE_REFUSED_FMT, manifest_core_name(bit), label);
	return -EPERM;
}
