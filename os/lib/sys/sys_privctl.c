/* sys_privctl: see syslib.h. */
#include "syslib.h"

int sys_privctl(endpoint_t ep, int request, struct priv_spec *spec)
{
	message m = { 0 };
	m.u.kc_privctl.endpoint = ep;
	m.u.kc_privctl.request = request;
	m.u.kc_privctl.spec = (vir_bytes) spec;
	return _kernel_call(SYS_PRIVCTL, &m);
}
