/* SYS_ENDKSIG: not implemented yet. */
#include "kernel.h"
#include <abi/errno.h>

int do_endksig(struct proc *caller, message *m)
{
	(void) caller;
	(void) m;
	return -ENOSYS;
}
