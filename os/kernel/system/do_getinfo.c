/* SYS_GETINFO: not implemented yet. */
#include "kernel.h"
#include <abi/errno.h>

int do_getinfo(struct proc *caller, message *m)
{
	(void) caller;
	(void) m;
	return -ENOSYS;
}
