/* DS_DELETE: remove an entry, by its owner only. */
#include <string.h>
#include "ds_server.h"

/* do_delete: in key, key_len, type. -ENOENT: no live entry KEY of this
 * type; -EPERM: the caller's label is not the owner; -EINVAL: a bad key.
 * Subscribers whose pattern matches hear of it (type 0 in DS_CHECK). */
int do_delete(message *m)
{
	struct mess_ds_req *r = &m->u.ds_req;
	char key[DS_KEY_MAX];
	int s = key_copy(m->m_source, r->key, r->key_len, key);
	if (s != 0)
		return s;
	struct ds_entry *e = store_find(key);
	if (!e || e->type != r->type)
		return -ENOENT;
	const char *owner = label_of(m->m_source);
	if (!owner || strcmp(owner, e->owner) != 0)
		return -EPERM;
	e->state = DS_DELETED;
	subs_changed(e);
	store_remove(e);
	return 0;
}
