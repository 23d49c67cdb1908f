/* sys_clear: see syslib.h. */
#include "syslib.h"

int sys_clear(endpoint_t ep)
{
	message m = { 0 };
	m.u.kc_proc.endpoint = ep;
	return _kernel_call(SYS_CLEAR, &m);
}
