/* SYS_NULL: do nothing (measures the bare cost of a kernel call).
 *
 * Reads:  nothing
 * Writes: nothing
 * Reply:  0 */
#include "kernel.h"

int do_null(struct proc *caller, message *m)
{
	(void) caller;
	(void) m;
	return 0;
}
