/* SYS_EXEC: not implemented yet. */
#include "kernel.h"
#include <abi/errno.h>

int do_exec(struct proc *caller, message *m)
{
	(void) caller;
	(void) m;
	return -ENOSYS;
}
