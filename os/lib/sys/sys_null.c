/* sys_null: see syslib.h. */
#include "syslib.h"

int sys_null(void)
{
	message m;          /* SYS_NULL reads no field: nothing to clear */
	return _kernel_call(SYS_NULL, &m);
}
