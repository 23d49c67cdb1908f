/* sys_getklog: see syslib.h. */
#include "syslib.h"

int sys_getklog(void *buf, size_t len, uint32_t *total)
{
	message m = { 0 };
	m.u.kc_getinfo.request = GET_KLOG;
	m.u.kc_getinfo.buf = (vir_bytes) buf;
	m.u.kc_getinfo.len = len;
	int r = _kernel_call(SYS_GETINFO, &m);
	if (r < 0)
		return r;
	if (total)
		*total = m.u.kc_getinfo.offset;
	return (int) m.u.kc_getinfo.len;
}
