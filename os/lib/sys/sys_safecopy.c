/* sys_safecopy: see syslib.h. */
#include "syslib.h"

static int safecopy(int call, endpoint_t granter, uint32_t grant,
    uint32_t offset, vir_bytes addr, size_t bytes)
{
	message m = { 0 };
	m.u.kc_safecopy.granter = granter;
	m.u.kc_safecopy.grant = grant;
	m.u.kc_safecopy.offset = offset;
	m.u.kc_safecopy.addr = addr;
	m.u.kc_safecopy.bytes = bytes;
	return _kernel_call(call, &m);
}

int sys_safecopyfrom(endpoint_t granter, uint32_t grant, uint32_t offset,
    void *addr, size_t bytes)
{
	return safecopy(SYS_SAFECOPYFROM, granter, grant, offset,
	    (vir_bytes) addr, bytes);
}

int sys_safecopyto(endpoint_t granter, uint32_t grant, uint32_t offset,
    const void *addr, size_t bytes)
{
	return safecopy(SYS_SAFECOPYTO, granter, grant, offset,
	    (vir_bytes) addr, bytes);
}
