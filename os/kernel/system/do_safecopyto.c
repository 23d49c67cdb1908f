/* SYS_SAFECOPYTO: not implemented yet. */
#include "kernel.h"
#include <abi/errno.h>

int do_safecopyto(struct proc *caller, message *m)
{
	(void) caller;
	(void) m;
	return -ENOSYS;
}
