/* sys_getinfo: see syslib.h. */
#include "syslib.h"

int sys_getinfo(int request, endpoint_t ep, void *buf, size_t len)
{
	message m = { 0 };
	m.u.kc_getinfo.request = request;
	m.u.kc_getinfo.endpoint = ep;
	m.u.kc_getinfo.buf = (vir_bytes) buf;
	m.u.kc_getinfo.len = len;
	int r = _kernel_call(SYS_GETINFO, &m);
	return r < 0 ? r : (int) m.u.kc_getinfo.len;
}

endpoint_t sys_self(void)
{
	struct proc_info info;
	if (sys_getinfo(GET_PROC, SELF, &info, sizeof(info)) < 0)
		return NONE;
	return info.endpoint;
}
