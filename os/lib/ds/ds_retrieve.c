/* ds_retrieve_u32, _str, _mem, _label_endpt: see ds.h. */
#include <abi/errno.h>
#include "ds.h"
#include "ds_call.h"

/* retrieve: RETRIEVE KEY of TYPE into BUF (SIZE bytes) through M. */
static int retrieve(message *m, const char *key, int type, void *buf,
    size_t size)
{
	ds_req_key(m, key);
	m->u.ds_req.type = type;
	m->u.ds_req.val = (vir_bytes) buf;
	m->u.ds_req.val_len = (uint32_t) size;
	return ds_call(DS_RETRIEVE, m);
}

int ds_retrieve_u32(const char *key, uint32_t *value)
{
	message m;
	int r = retrieve(&m, key, DS_TYPE_U32, NULL, 0);
	if (r == 0)
		*value = m.u.ds_req.val_u32;
	return r;
}

int ds_retrieve_str(const char *key, char *buf, size_t size)
{
	message m;
	return retrieve(&m, key, DS_TYPE_STR, buf, size);
}

int ds_retrieve_mem(const char *key, void *buf, size_t size, size_t *len)
{
	message m;
	int r = retrieve(&m, key, DS_TYPE_MEM, buf, size);
	if ((r == 0 || r == -E2BIG) && len)
		*len = m.u.ds_req.val_len;
	return r;
}

int ds_retrieve_label_endpt(const char *label, endpoint_t *ep)
{
	message m;
	int r = retrieve(&m, label, DS_TYPE_LABEL, NULL, 0);
	if (r == 0)
		*ep = (endpoint_t) m.u.ds_req.val_u32;
	return r;
}
