/* SYS_GETKSIG: not implemented yet. */
#include "kernel.h"
#include <abi/errno.h>

int do_getksig(struct proc *caller, message *m)
{
	(void) caller;
	(void) m;
	return -ENOSYS;
}
