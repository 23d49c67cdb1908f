/* The entry table: DS_MAX_ENTRIES slots, each free, live or a tombstone
 * (a deletion some subscriber has not checked yet). Keys are unique among
 * live entries whatever their type. */
#include <stdlib.h>
#include <string.h>
#include "ds_server.h"

static struct ds_entry entries[DS_MAX_ENTRIES];

/* store_find: see ds_server.h. */
struct ds_entry *store_find(const char *key)
{
	for (int i = 0; i < DS_MAX_ENTRIES; i++)
		if (entries[i].state == DS_LIVE && !strcmp(entries[i].key, key))
			return &entries[i];
	return NULL;
}

/* store_slot: see ds_server.h. Reusing KEY's tombstone keeps the marks
 * subscribers have on it: they hear of the new value. */
struct ds_entry *store_slot(const char *key)
{
	struct ds_entry *free_slot = NULL;
	for (int i = 0; i < DS_MAX_ENTRIES; i++) {
		struct ds_entry *e = &entries[i];
		if (e->state == DS_DELETED && !strcmp(e->key, key))
			return e;
		if (e->state == DS_FREE && !free_slot)
			free_slot = e;
	}
	if (free_slot) {
		memset(free_slot, 0, sizeof(*free_slot));
		strlcpy(free_slot->key, key, sizeof(free_slot->key));
	}
	return free_slot;
}

/* store_set: see ds_server.h. */
void store_set(struct ds_entry *e, int type, uint32_t u32, void *data,
    uint32_t len)
{
	if (e->data != data)
		free(e->data);
	e->type = type;
	e->u32 = u32;
	e->data = data;
	e->len = len;
	e->sum = entry_sum(e);
}

/* store_remove: see ds_server.h. The value goes at once; the key and type
 * stay in a tombstone for DS_CHECK. */
void store_remove(struct ds_entry *e)
{
	free(e->data);
	e->data = NULL;
	e->len = 0;
	e->u32 = 0;
	e->state = DS_DELETED;
	store_collect(e);
}

/* store_collect: see ds_server.h. */
void store_collect(struct ds_entry *e)
{
	if (e->state == DS_DELETED && !subs_waiting(e))
		memset(e, 0, sizeof(*e));
}

/* store_index: see ds_server.h. */
int store_index(const struct ds_entry *e)
{
	return (int) (e - entries);
}

/* store_at: see ds_server.h. */
struct ds_entry *store_at(int i)
{
	return &entries[i];
}

/* store_reset: see ds_server.h. */
void store_reset(void)
{
	for (int i = 0; i < DS_MAX_ENTRIES; i++)
		free(entries[i].data);
	memset(entries, 0, sizeof(entries));
}
