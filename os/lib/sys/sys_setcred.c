/* sys_setcred: see syslib.h. */
#include "syslib.h"

int sys_setcred(endpoint_t ep, const struct proc_cred *cred)
{
	message m = { 0 };
	m.u.kc_setcred.endpoint = ep;
	m.u.kc_setcred.cred = *cred;
	return _kernel_call(SYS_SETCRED, &m);
}
