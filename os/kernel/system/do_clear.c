/* SYS_CLEAR: not implemented yet. */
#include "kernel.h"
#include <abi/errno.h>

int do_clear(struct proc *caller, message *m)
{
	(void) caller;
	(void) m;
	return -ENOSYS;
}
