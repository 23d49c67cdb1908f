/* The one way the DS client library talks to DS. */
#include <string.h>
#include "syslib.h"
#include <abi/boot.h>
#include "ds_call.h"

/* ds_call: see ds_call.h. */
int ds_call(int type, message *m)
{
	m->m_type = type;
	int r = ipc_sendrec(DS_EP, m);
	return r != 0 ? r : m->m_type;
}

/* ds_req_key: see ds_call.h. key_len covers the NUL; DS reads at most
 * DS_KEY_MAX bytes and rejects a longer key. */
void ds_req_key(message *m, const char *key)
{
	memset(m, 0, sizeof(*m));
	if (key) {
		m->u.ds_req.key = (vir_bytes) key;
		m->u.ds_req.key_len = (uint32_t) strlen(key) + 1;
	}
}
