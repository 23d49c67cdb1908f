/* SYS_TIMES: not implemented yet. */
#include "kernel.h"
#include <abi/errno.h>

int do_times(struct proc *caller, message *m)
{
	(void) caller;
	(void) m;
	return -ENOSYS;
}
