/* DS_PUBLISH: create or (DSF_OVERWRITE, by its owner) replace an entry. */
#include <stdlib.h>
#include <string.h>
#include "syslib.h"
#include "ds_server.h"

/* copy_value: the STR or MEM value of request R from EP into a fresh
 * malloc'd buffer (*DATA, *LEN bytes; a string keeps its NUL). 0, -EINVAL
 * (an empty string buffer), -E2BIG, -ENOMEM, -EFAULT. */
static int copy_value(endpoint_t ep, const struct mess_ds_req *r,
    void **data, uint32_t *len)
{
	*data = NULL;
	*len = 0;
	if (r->type == DS_TYPE_STR) {
		if (r->val_len == 0)
			return -EINVAL;
		uint32_t max = r->val_len < DS_STR_MAX ? r->val_len : DS_STR_MAX;
		char *s = malloc(max);
		if (!s)
			return -ENOMEM;
		int n = sys_vircopy_str(ep, r->val, s, max);
		if (n < 0) {
			free(s);
			return n == -ENAMETOOLONG ? -E2BIG : n;
		}
		*data = s;
		*len = (uint32_t) n + 1;
		return 0;
	}
	if (r->val_len > DS_MEM_MAX)
		return -E2BIG;
	if (r->val_len == 0)
		return 0;
	void *b = malloc(r->val_len);
	if (!b)
		return -ENOMEM;
	int s = sys_vircopy(ep, r->val, SELF, (vir_bytes) b, r->val_len);
	if (s != 0) {
		free(b);
		return s;
	}
	*data = b;
	*len = r->val_len;
	return 0;
}

/* check_publish: may OWNER (the caller's label) publish TYPE under
 * KEY with FLAGS, given the live entry E (NULL: none)? 0 or the error. */
static int check_publish(const struct ds_entry *e, const char *owner,
    int type, uint32_t flags)
{
	if (type == DS_TYPE_LABEL && strcmp(owner, "rs") != 0)
		return -EPERM;             /* only RS says who runs where */
	if (!e)
		return 0;
	if (strcmp(e->owner, owner) != 0)
		return -EPERM;
	if (e->type != type)
		return -EINVAL;
	if (!(flags & DSF_OVERWRITE))
		return -EEXIST;
	return 0;
}

/* do_publish: in key, key_len, type, flags, and the value: val_u32 (U32,
 * LABEL) or val, val_len (STR: the buffer holding the string; MEM: the
 * bytes). The owner is the caller's label: -EPERM without one, or when
 * KEY belongs to another label (LABEL entries: RS only). -EEXIST: KEY
 * exists and DSF_OVERWRITE is not set; -EINVAL: a bad key, type, or KEY
 * exists with another type; -E2BIG: value too long; -ENOSPC: full.
 * Subscribers whose pattern matches are notified. */
int do_publish(message *m)
{
	struct mess_ds_req *r = &m->u.ds_req;
	endpoint_t who = m->m_source;
	if (r->type < DS_TYPE_U32 || r->type > DS_TYPE_LABEL)
		return -EINVAL;
	char key[DS_KEY_MAX];
	int s = key_copy(who, r->key, r->key_len, key);
	if (s != 0)
		return s;
	const char *owner = label_of(who);
	if (!owner)
		return -EPERM;
	char owner_copy[DS_LABEL_MAX];
	strlcpy(owner_copy, owner, sizeof(owner_copy));
	struct ds_entry *e = store_find(key);
	s = check_publish(e, owner_copy, r->type, r->flags);
	if (s != 0)
		return s;
	void *data = NULL;
	uint32_t len = 0;
	if (r->type == DS_TYPE_STR || r->type == DS_TYPE_MEM) {
		s = copy_value(who, r, &data, &len);
		if (s != 0)
			return s;
	}
	if (!e) {
		e = store_slot(key);
		if (!e) {
			free(data);
			return -ENOSPC;
		}
		e->state = DS_LIVE;
		strlcpy(e->owner, owner_copy, sizeof(e->owner));
	}
	store_set(e, r->type, r->val_u32, data, len);
	subs_changed(e);
	return 0;
}
