/* sys_fork: see syslib.h. */
#include "syslib.h"

int sys_fork(endpoint_t *child)
{
	message m = { 0 };
	int r = _kernel_call(SYS_FORK, &m);
	if (r == 0)
		*child = m.u.kc_fork.child;
	return r;
}
