/* SYS_TIMES: a process's CPU time and the uptime.
 *
 * Reads:  kc_times.endpoint (SELF or any live process)
 * Writes: kc_times.user_ticks, sys_ticks, uptime, hz, boottime (the
 *         wall clock at tick 0: seconds since 1970 UTC; 0 unknown)
 * Reply:  0, -EINVAL, -EDEADSRCDST. */
#include "kernel.h"

int do_times(struct proc *caller, message *m)
{
	struct mess_kc_times *x = &m->u.kc_times;
	struct proc *p;
	int r = proc_lookup(caller, x->endpoint, &p);
	if (r != 0)
		return r;
	x->user_ticks = p->user_ticks;
	x->sys_ticks = p->sys_ticks;
	x->uptime = clock_ticks();
	x->hz = HZ;
	x->boottime = rtc_boot_time();
	return 0;
}
