/* Timers: PM_ALARM and PM_SLEEP of every process, and the next-tick retry
 * of signal deliveries, multiplexed over PM's one kernel alarm. */
#include <string.h>
#include "pm.h"

/* due: whether tick AT has come by NOW (wrap-safe). */
static int due(uint32_t at, uint32_t now)
{
	return (int32_t) (at - now) <= 0;
}

/* timers_now: see pm.h. */
uint32_t timers_now(void)
{
	struct mess_kc_times t;
	return sys_times(SELF, &t) == 0 ? t.uptime : 0;
}

/* timers_update: see pm.h. */
void timers_update(void)
{
	uint32_t now = timers_now(), next = 0;
	int any = 0;
	for (int i = 0; i < PM_NR_PROCS; i++) {
		struct mproc *mp = &mproc[i];
		if (!mp->flags)
			continue;
		uint32_t at[3];
		int n = 0;
		if (mp->alarm_at)
			at[n++] = mp->alarm_at;
		if (mp->flags & MP_SLEEPING)
			at[n++] = mp->sleep_at;
		if (mp->flags & MP_SIGRETRY)
			at[n++] = now + 1;
		for (int k = 0; k < n; k++) {
			if (!any || (int32_t) (at[k] - next) < 0)
				next = at[k];
			any = 1;
		}
	}
	if (!any) {
		sys_setalarm(0, 0, NULL);
		return;
	}
	int32_t delay = (int32_t) (next - now);
	sys_setalarm(delay > 0 ? (uint32_t) delay : 1, 0, NULL);
}

/* timers_expired: see pm.h. */
void timers_expired(void)
{
	uint32_t now = timers_now();
	for (int i = 0; i < PM_NR_PROCS; i++) {
		struct mproc *mp = &mproc[i];
		if (mp->flags && mp->alarm_at && due(mp->alarm_at, now)) {
			mp->alarm_at = 0;
			sig_raise(mp, SIGALRM);
		}
		if ((mp->flags & MP_SLEEPING) && due(mp->sleep_at, now)) {
			message reply;
			memset(&reply, 0, sizeof(reply));
			mp->flags &= ~MP_SLEEPING;
			pm_reply(mp->ep, 0, &reply);
		}
		if (mp->flags & MP_SIGRETRY) {
			mp->flags &= ~MP_SIGRETRY;
			sig_deliver(mp);
		}
	}
	timers_update();
}

/* timers_cancel: see pm.h. */
void timers_cancel(struct mproc *mp)
{
	mp->alarm_at = 0;
	mp->flags &= ~(MP_SLEEPING | MP_SIGRETRY);
}

/* do_alarm: PM_ALARM from a user process.
 * Reads:  pm_timer.ticks (0 cancels)
 * Writes: pm_timer.left (as the reply code)
 * Reply:  the ticks the previous alarm had left (0: none); -EPERM for a
 *         system process. SIGALRM comes when the ticks have passed. */
int do_alarm(message *m)
{
	struct mess_pm_timer *x = &m->u.pm_timer;
	struct mproc *mp = mproc_find(m->m_source);
	if (!mproc_is_user(mp))
		return -EPERM;
	uint32_t now = timers_now(), left = 0;
	if (mp->alarm_at)
		left = due(mp->alarm_at, now) ? 1 : mp->alarm_at - now;
	mp->alarm_at = x->ticks ? now + x->ticks : 0;
	if (x->ticks && mp->alarm_at == 0)
		mp->alarm_at = 1;      /* 0 means none */
	timers_update();
	x->left = left;
	return (int) left;
}

/* do_sleep: PM_SLEEP from any process.
 * Reads:  pm_timer.ticks
 * Writes: pm_timer.left (with -EINTR: the ticks that were left)
 * Reply:  0 once the ticks have passed (at once for 0); -EINTR when a
 *         caught signal interrupts the sleep. Until then no reply. */
int do_sleep(message *m)
{
	struct mess_pm_timer *x = &m->u.pm_timer;
	struct mproc *mp = mproc_find(m->m_source);
	x->left = 0;
	if (x->ticks == 0)
		return 0;
	mp->sleep_at = timers_now() + x->ticks;
	mp->flags |= MP_SLEEPING;
	timers_update();
	return EDONTREPLY;
}
