/* sys_getmodule, sys_getmodule_map: see syslib.h. */
#include "syslib.h"

int sys_getmodule(int index, uint32_t offset, void *buf, size_t len)
{
	message m = { 0 };
	m.u.kc_getinfo.request = GET_MODULE;
	m.u.kc_getinfo.endpoint = index;
	m.u.kc_getinfo.offset = offset;
	m.u.kc_getinfo.buf = (vir_bytes) buf;
	m.u.kc_getinfo.len = len;
	int r = _kernel_call(SYS_GETINFO, &m);
	return r < 0 ? r : (int) m.u.kc_getinfo.len;
}

int sys_getmodule_map(int index, vir_bytes addr, size_t len)
{
	message m = { 0 };
	m.u.kc_getinfo.request = GET_MODULE_MAP;
	m.u.kc_getinfo.endpoint = index;
	m.u.kc_getinfo.buf = addr;
	m.u.kc_getinfo.len = len;
	return _kernel_call(SYS_GETINFO, &m);
}
