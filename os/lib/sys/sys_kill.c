/* sys_kill: see syslib.h. */
#include "syslib.h"

int sys_kill(endpoint_t ep, int sig)
{
	message m = { 0 };
	m.u.kc_kill.endpoint = ep;
	m.u.kc_kill.sig = sig;
	return _kernel_call(SYS_KILL, &m);
}
