/* sys_exit: end the calling process (see syslib.h). */
#include "syslib.h"

void sys_exit(int status)
{
	message m = { 0 };
	m.u.kc_exit.status = status;
	_kernel_call(SYS_EXIT, &m);
	for (;;)
		;   /* not reached: the kernel never replies */
}
