/* SYS_NULL: not implemented yet. */
#include "kernel.h"
#include <abi/errno.h>

int do_null(struct proc *caller, message *m)
{
	(void) caller;
	(void) m;
	return -ENOSYS;
}
