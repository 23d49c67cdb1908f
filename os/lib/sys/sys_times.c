/* sys_times: see syslib.h. */
#include "syslib.h"

int sys_times(endpoint_t ep, struct mess_kc_times *out)
{
	message m = { 0 };
	m.u.kc_times.endpoint = ep;
	int r = _kernel_call(SYS_TIMES, &m);
	if (r == 0)
		*out = m.u.kc_times;
	return r;
}
