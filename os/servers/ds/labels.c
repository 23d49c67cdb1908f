/* Labels: who a caller is, and where a label's service runs now. RS
 * publishes a LABEL entry (key = label, value = endpoint) for every
 * service it starts; boot services are also known by their module names
 * (abi/boot.h), so RS itself is "rs" and DS works before RS published
 * anything. */
#include <string.h>
#include "ds_server.h"

#define BOOT_NAME(name, str, slot) [slot] = str,
static const char *const boot_names[] = { BOOT_SERVICE_LIST(BOOT_NAME) };
#undef BOOT_NAME
#define NR_BOOT_NAMES ((int) (sizeof(boot_names) / sizeof(boot_names[0])))

/* boot_label: the module name of boot service EP (its slot, generation
 * 1), or NULL. */
static const char *boot_label(endpoint_t ep)
{
	for (int s = 0; s < NR_BOOT_NAMES; s++)
		if (boot_names[s] && ep == BOOT_EP(s))
			return boot_names[s];
	return NULL;
}

/* label_of: see ds_server.h. */
const char *label_of(endpoint_t ep)
{
	for (int i = 0; i < DS_MAX_ENTRIES; i++) {
		struct ds_entry *e = store_at(i);
		if (e->state == DS_LIVE && e->type == DS_TYPE_LABEL &&
		    (endpoint_t) e->u32 == ep)
			return e->key;
	}
	return boot_label(ep);
}

/* label_endpoint: see ds_server.h. */
endpoint_t label_endpoint(const char *label)
{
	struct ds_entry *e = store_find(label);
	if (e && e->type == DS_TYPE_LABEL)
		return (endpoint_t) e->u32;
	for (int s = 0; s < NR_BOOT_NAMES; s++)
		if (boot_names[s] && !strcmp(boot_names[s], label))
			return BOOT_EP(s);
	return NONE;
}
