/* ds_publish_u32, ds_publish_str, ds_publish_mem: see ds.h. */
#include <string.h>
#include <abi/errno.h>
#include "ds.h"
#include "ds_call.h"

int ds_publish_u32(const char *key, uint32_t value, int flags)
{
	message m;
	ds_req_key(&m, key);
	m.u.ds_req.type = DS_TYPE_U32;
	m.u.ds_req.flags = (uint32_t) flags;
	m.u.ds_req.val_u32 = value;
	return ds_call(DS_PUBLISH, &m);
}

/* Publish LEN bytes at DATA as KEY of TYPE (a string or a blob). */
static int publish_bytes(const char *key, int type, const void *data,
    size_t len, int flags)
{
	message m;
	ds_req_key(&m, key);
	m.u.ds_req.type = type;
	m.u.ds_req.flags = (uint32_t) flags;
	m.u.ds_req.val = (vir_bytes) data;
	m.u.ds_req.val_len = (uint32_t) len;
	return ds_call(DS_PUBLISH, &m);
}

int ds_publish_str(const char *key, const char *value, int flags)
{
	size_t len = strlen(value) + 1;
	if (len > DS_STR_MAX)
		return -E2BIG;
	return publish_bytes(key, DS_TYPE_STR, value, len, flags);
}

int ds_publish_mem(const char *key, const void *data, size_t len, int flags)
{
	if (len > DS_MEM_MAX)
		return -E2BIG;
	return publish_bytes(key, DS_TYPE_MEM, data, len, flags);
}
