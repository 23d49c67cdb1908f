/* sys_codepatch: see syslib.h. */
#include <string.h>
#include "syslib.h"

int sys_codepatch(endpoint_t ep, vir_bytes addr, const void *old_bytes,
    const void *new_bytes, size_t len)
{
	message m = { 0 };
	if (len > CODEPATCH_MAX)
		return -EINVAL;
	m.u.kc_codepatch.endpoint = ep;
	m.u.kc_codepatch.addr = addr;
	m.u.kc_codepatch.len = len;
	memcpy(m.u.kc_codepatch.old_bytes, old_bytes, len);
	memcpy(m.u.kc_codepatch.new_bytes, new_bytes, len);
	return _kernel_call(SYS_CODEPATCH, &m);
}
