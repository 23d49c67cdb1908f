/* SYS_SETGRANT: not implemented yet. */
#include "kernel.h"
#include <abi/errno.h>

int do_setgrant(struct proc *caller, message *m)
{
	(void) caller;
	(void) m;
	return -ENOSYS;
}
