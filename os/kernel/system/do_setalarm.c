/* SYS_SETALARM: a notification from CLOCK at a later tick.
 *
 * Reads:  kc_setalarm.ticks (0 cancels), kc_setalarm.absolute
 * Writes: kc_setalarm.remaining: ticks the previous alarm had left
 * Reply:  0. One alarm per process; a new one replaces the old. */
#include "kernel.h"

int do_setalarm(struct proc *caller, message *m)
{
	struct mess_kc_setalarm *x = &m->u.kc_setalarm;
	uint32_t at = 0;
	if (x->ticks)
		at = x->absolute ? x->ticks : clock_ticks() + x->ticks;
	x->remaining = clock_set_alarm(caller, at);
	return 0;
}
