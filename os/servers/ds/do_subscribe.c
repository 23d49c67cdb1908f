/* DS_SUBSCRIBE: be notified when keys matching a pattern change. */
#include "ds_server.h"

/* do_subscribe: in key, key_len (the pattern), flags (DSF_INITIAL: the
 * live entries that match count as changed now). Anyone may subscribe.
 * -ENOSPC: too many subscriptions; -EINVAL: a bad pattern. */
int do_subscribe(message *m)
{
	struct mess_ds_req *r = &m->u.ds_req;
	char pattern[DS_KEY_MAX];
	int s = key_copy(m->m_source, r->key, r->key_len, pattern);
	if (s != 0)
		return s;
	return subs_add(m->m_source, label_of(m->m_source), pattern,
	    (r->flags & DSF_INITIAL) != 0);
}
