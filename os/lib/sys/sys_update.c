/* sys_update: see syslib.h. */
#include "syslib.h"

int sys_update(endpoint_t src, endpoint_t dst)
{
	message m = { 0 };
	m.u.kc_update.src = src;
	m.u.kc_update.dst = dst;
	return _kernel_call(SYS_UPDATE, &m);
}
