/* sys_statectl: see syslib.h. */
#include "syslib.h"

int sys_statectl(int request, endpoint_t ep)
{
	message m = { 0 };
	m.u.kc_statectl.request = request;
	m.u.kc_statectl.endpoint = ep;
	return _kernel_call(SYS_STATECTL, &m);
}
