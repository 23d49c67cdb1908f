/* sys_privadd: see syslib.h (SYS_PRIVADD). */
#include "syslib.h"

int sys_privadd(endpoint_t ep, int request, uint32_t base, uint32_t last)
{
	message m = { 0 };
	m.u.kc_privadd.endpoint = ep;
	m.u.kc_privadd.request = request;
	m.u.kc_privadd.base = base;
	m.u.kc_privadd.last = last;
	return _kernel_call(SYS_PRIVADD, &m);
}
