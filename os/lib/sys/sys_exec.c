/* sys_exec: see syslib.h. */
#include "syslib.h"

int sys_exec(endpoint_t target, const void *image, size_t len,
    const char *args)
{
	message m = { 0 };
	size_t n = 0;
	while (args && args[n])
		n++;
	m.u.kc_exec.target = target;
	m.u.kc_exec.image = (vir_bytes) image;
	m.u.kc_exec.image_len = len;
	m.u.kc_exec.args = (vir_bytes) args;
	m.u.kc_exec.args_len = n;
	return _kernel_call(SYS_EXEC, &m);
}
