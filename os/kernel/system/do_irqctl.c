/* SYS_IRQCTL: not implemented yet. */
#include "kernel.h"
#include <abi/errno.h>

int do_irqctl(struct proc *caller, message *m)
{
	(void) caller;
	(void) m;
	return -ENOSYS;
}
