/* SYS_SETALARM: not implemented yet. */
#include "kernel.h"
#include <abi/errno.h>

int do_setalarm(struct proc *caller, message *m)
{
	(void) caller;
	(void) m;
	return -ENOSYS;
}
