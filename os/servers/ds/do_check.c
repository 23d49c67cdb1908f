/* DS_CHECK: the next changed key among the caller's subscriptions. */
#include <string.h>
#include "syslib.h"
#include "ds_server.h"

/* do_check: in key (a buffer), key_len (its size). Out: the key there,
 * type (0 when the entry was deleted), owner (the owner's current
 * endpoint, NONE when unknown), val_u32 (the value of a U32 or LABEL
 * entry, as a convenience). -ENOENT: nothing changed since the last
 * check; -E2BIG: the buffer is too small for the key (it stays marked);
 * -EFAULT: a bad buffer (likewise). */
int do_check(message *m)
{
	struct mess_ds_req *r = &m->u.ds_req;
	endpoint_t who = m->m_source;
	const char *label = label_of(who);
	struct ds_entry *e = subs_peek(who, label);
	if (!e)
		return -ENOENT;
	uint32_t len = (uint32_t) strlen(e->key) + 1;
	int s = len > r->key_len ? -E2BIG :
	    sys_vircopy(SELF, (vir_bytes) e->key, who, r->key, len);
	if (s != 0)
		return s;
	subs_clear(who, label, e);
	r->type = e->state == DS_LIVE ? e->type : 0;
	r->owner = label_endpoint(e->owner);
	r->val_u32 = e->state == DS_LIVE ? e->u32 : 0;
	store_collect(e);
	return 0;
}
