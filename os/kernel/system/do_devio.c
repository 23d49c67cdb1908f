/* SYS_DEVIO: not implemented yet. */
#include "kernel.h"
#include <abi/errno.h>

int do_devio(struct proc *caller, message *m)
{
	(void) caller;
	(void) m;
	return -ENOSYS;
}
