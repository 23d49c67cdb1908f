/* ds_subscribe, ds_check: see ds.h. */
#include "ds.h"
#include "ds_call.h"

int ds_subscribe(const char *pattern, int flags)
{
	message m;
	ds_req_key(&m, pattern);
	m.u.ds_req.flags = (uint32_t) flags;
	return ds_call(DS_SUBSCRIBE, &m);
}

int ds_check(char *key, int *type, endpoint_t *owner)
{
	message m;
	ds_req_key(&m, NULL);
	m.u.ds_req.key = (vir_bytes) key;
	m.u.ds_req.key_len = DS_KEY_MAX;
	int r = ds_call(DS_CHECK, &m);
	if (r == 0) {
		if (type)
			*type = m.u.ds_req.type;
		if (owner)
			*owner = m.u.ds_req.owner;
	}
	return r;
}
