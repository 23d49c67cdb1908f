/* sys_getksig: see syslib.h. */
#include "syslib.h"

int sys_getksig(endpoint_t *ep, sigset_k *sigs, int *exit_status)
{
	message m = { 0 };
	int r = _kernel_call(SYS_GETKSIG, &m);
	if (r == 0) {
		*ep = m.u.kc_getksig.endpoint;
		*sigs = m.u.kc_getksig.sigs;
		if (exit_status)
			*exit_status = m.u.kc_getksig.exit_status;
	}
	return r;
}

int sys_endksig(endpoint_t ep)
{
	message m = { 0 };
	m.u.kc_proc.endpoint = ep;
	return _kernel_call(SYS_ENDKSIG, &m);
}
