/* SYS_VIRCOPY: not implemented yet (being written). */
#include "kernel.h"
#include <abi/errno.h>

int do_vircopy(struct proc *caller, message *m)
{
	(void) caller;
	(void) m;
	return -ENOSYS;
}
