/* sys_null: see syslib.h. */
#include "syslib.h"

int sys_null(void)
{
	message m = { 0 };
	return _kernel_call(SYS_NULL, &m);
}
