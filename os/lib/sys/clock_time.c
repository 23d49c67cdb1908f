/* clock_time: see kcall.h. */
#include "syslib.h"

uint32_t clock_time(void)
{
	struct mess_kc_times t;
	if (sys_times(SELF, &t) != 0 || t.hz == 0)
		return 0;
	return t.boottime + t.uptime / t.hz;
}
