/* The process manager: start-up, then the receive loop: notifications
 * (kernel signals, the clock, the terminal) and requests. */
#include <stdio.h>
#include "pm.h"
#include "sef.h"

endpoint_t pm_current = NONE;

/* The request PM handles, then its answer, which leaves from here with
 * the next receive (ipc_reply_in_place, no copy): static, so that an
 * answer held in it is still there for a new instance in this memory
 * (ipc_reply_held). */
static message pm_msg;

/* pm_reply: see pm.h. */
void pm_reply(endpoint_t dst, int r, message *m)
{
	m->m_type = r;
	ipc_reply_later(dst, m, "pm");   /* leaves with the next receive */
}

/* notified: a notification from WHO. */
static void notified(endpoint_t who)
{
	if (who == SYSTEM)
		ksig_notify();
	else if (who == CLOCK)
		timers_expired();
	else if (who == TTY_EP)
		tty_notify();
}

/* pm_init: SEF init callback of a fresh start: the process records,
 * then init. Returns 0 (PM without init still serves). */
static int pm_init(const struct sef_init_info *info)
{
	(void) info;
	pm_start();
	return 0;
}

/* pm_init_again: SEF init callback of a restart or a live update: with
 * the old instance's memory (SEF_INIT_KEPT; SEF has checked it with
 * pm_state_check) PM goes on with its tables; without it there is no way
 * back to the processes it managed, so the init fails. */
static int pm_init_again(const struct sef_init_info *info)
{
	if (info->flags & SEF_INIT_KEPT)
		return pm_init_kept(info);
	printf("pm: restarted without its memory: the processes are lost\n");
	return -EINVAL;
}

int main(void)
{
	/* With SEF_INIT_KEPT, main runs again from here in the old
	 * instance's memory: nothing above sef_startup may touch PM's
	 * tables, and the fresh init (pm_init) runs only in a fresh start. */
	sef_setcb_init_fresh(pm_init);
	sef_setcb_init_restart(pm_init_again);
	sef_setcb_init_lu(pm_init_again);
	sef_setcb_state_check(pm_state_check);
	sef_setcb_rs_notify(script_run_pending);
	sef_startup();
	for (;;) {
		message *m = &pm_msg;
		if (pm_resync_due)
			pm_resync();
		if (sef_receive(ANY, m) != 0)
			continue;
		endpoint_t who = m->m_source;
		if (m->m_type == NOTIFY_MESSAGE) {
			notified(who);
			continue;
		}
		pm_current = who;
		int r = pm_dispatch(m);
		if (r != NO_REPLY) {
			m->m_type = r;
			ipc_reply_in_place(who, m, "pm");
		}
		pm_current = NONE;
		/* Signals that came up for the caller while it waited for this
		 * reply (a kill of itself, an unblock, a sigreturn) go now. */
		struct mproc *mp = mproc_find(who);
		if (sig_due(mp))
			sig_deliver(mp);
	}
}
