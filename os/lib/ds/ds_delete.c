/* ds_delete: see ds.h. */
#include "ds.h"
#include "ds_call.h"

int ds_delete(const char *key, int type)
{
	message m;
	ds_req_key(&m, key);
	m.u.ds_req.type = type;
	return ds_call(DS_DELETE, &m);
}
