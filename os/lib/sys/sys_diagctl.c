/* sys_diagctl: print on the kernel console (see syslib.h). */
#include "syslib.h"

int sys_diagctl(const char *buf, size_t len)
{
	message m = { 0 };
	m.u.kc_diag.buf = (vir_bytes) buf;
	m.u.kc_diag.len = len;
	return _kernel_call(SYS_DIAGCTL, &m);
}
