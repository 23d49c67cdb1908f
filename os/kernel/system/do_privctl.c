/* SYS_PRIVCTL: not implemented yet. */
#include "kernel.h"
#include <abi/errno.h>

int do_privctl(struct proc *caller, message *m)
{
	(void) caller;
	(void) m;
	return -ENOSYS;
}
