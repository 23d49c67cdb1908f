/* sys_shutdown: power off, reboot or panic the machine (see syslib.h). */
#include "syslib.h"

int sys_shutdown(int how)
{
	message m = { 0 };
	m.u.kc_shutdown.how = how;
	return _kernel_call(SYS_SHUTDOWN, &m);
}
