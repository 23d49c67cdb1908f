/* DS_RETRIEVE: read an entry's value. Anyone may. */
#include <string.h>
#include "syslib.h"
#include "ds_server.h"

/* do_retrieve: in key, key_len, type, and for STR and MEM the buffer val
 * of val_len bytes. Out: val_u32 (U32 value, LABEL endpoint), val_len
 * (STR, MEM: the bytes stored, a string with its NUL), owner (the
 * owner's current endpoint, NONE when unknown). -ENOENT: no live entry KEY
 * of this type; -E2BIG: the buffer is too small (val_len still says how
 * much is needed); -EINVAL: a bad key; -EFAULT: a bad buffer. */
int do_retrieve(message *m)
{
	struct mess_ds_req *r = &m->u.ds_req;
	char key[DS_KEY_MAX];
	int s = key_copy(m->m_source, r->key, r->key_len, key);
	if (s != 0)
		return s;
	struct ds_entry *e = store_find(key);
	if (!e || e->type != r->type)
		return -ENOENT;
	r->owner = label_endpoint(e->owner);
	r->val_u32 = e->u32;
	if (e->type != DS_TYPE_STR && e->type != DS_TYPE_MEM)
		return 0;
	uint32_t room = r->val_len;
	r->val_len = e->len;
	if (room < e->len)
		return -E2BIG;
	if (e->len == 0)
		return 0;
	return sys_vircopy(SELF, (vir_bytes) e->data, m->m_source, r->val,
	    e->len);
}
