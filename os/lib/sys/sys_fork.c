/* sys_fork, sys_fork_proc: see syslib.h. */
#include "syslib.h"

int sys_fork_proc(endpoint_t parent, uint32_t flags, endpoint_t *child)
{
	message m = { 0 };
	m.u.kc_fork.parent = parent;
	m.u.kc_fork.flags = flags;
	int r = _kernel_call(SYS_FORK, &m);
	if (r == 0)
		*child = m.u.kc_fork.child;
	return r;
}

int sys_fork(endpoint_t *child)
{
	return sys_fork_proc(SELF, 0, child);
}
