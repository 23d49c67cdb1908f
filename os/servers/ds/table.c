/* Request number -> handler for the data store protocol (abi/ds.h). */
#include <stddef.h>
#include "ds_server.h"

static int (*const handlers[])(message *m) = {
	[DS_PUBLISH - DS_BASE]   = do_publish,
	[DS_RETRIEVE - DS_BASE]  = do_retrieve,
	[DS_DELETE - DS_BASE]    = do_delete,
	[DS_SUBSCRIBE - DS_BASE] = do_subscribe,
	[DS_CHECK - DS_BASE]     = do_check,
};

/* ds_dispatch: see ds_server.h. Anyone may ask; the handlers check who
 * may change what. */
int ds_dispatch(message *m)
{
	uint32_t i = (uint32_t) (m->m_type - DS_BASE);
	if (i >= sizeof(handlers) / sizeof(handlers[0]) || !handlers[i])
		return -ENOSYS;
	return handlers[i](m);
}
