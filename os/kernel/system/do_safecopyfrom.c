/* SYS_SAFECOPYFROM: not implemented yet. */
#include "kernel.h"
#include <abi/errno.h>

int do_safecopyfrom(struct proc *caller, message *m)
{
	(void) caller;
	(void) m;
	return -ENOSYS;
}
