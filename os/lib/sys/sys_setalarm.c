/* sys_setalarm: see syslib.h. */
#include "syslib.h"

int sys_setalarm(uint32_t ticks, int absolute, uint32_t *remaining)
{
	message m = { 0 };
	m.u.kc_setalarm.ticks = ticks;
	m.u.kc_setalarm.absolute = absolute;
	int r = _kernel_call(SYS_SETALARM, &m);
	if (r == 0 && remaining)
		*remaining = m.u.kc_setalarm.remaining;
	return r;
}
