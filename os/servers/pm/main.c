/* The process manager: start-up, then the receive loop: notifications
 * (kernel signals, the clock, the terminal) and requests. */
#include <stdio.h>
#include "pm.h"
#include "sef.h"

endpoint_t pm_current = NONE;

/* pm_reply: see pm.h. */
void pm_reply(endpoint_t dst, int r, message *m)
{
	m->m_type = r;
	int e = ipc_sendnb(dst, m);
	if (e != 0 && e != -EDEADSRCDST)
		printf("pm: reply to %d lost (%d)\n", dst, e);
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

/* pm_init: SEF init callback (every start): the process records, then
 * init. Returns 0 (PM without init still serves). */
static int pm_init(const struct sef_init_info *info)
{
	(void) info;
	pm_start();
	return 0;
}

int main(void)
{
	sef_setcb_init_fresh(pm_init);
	sef_setcb_rs_notify(script_run_pending);
	sef_startup();
	for (;;) {
		message m;
		if (sef_receive(ANY, &m) != 0)
			continue;
		if (m.m_type == NOTIFY_MESSAGE) {
			notified(m.m_source);
			continue;
		}
		endpoint_t who = m.m_source;
		pm_current = who;
		int r = pm_dispatch(&m);
		if (r != NO_REPLY)
			pm_reply(who, r, &m);
		pm_current = NONE;
		/* Signals that came up for the caller while it waited for this
		 * reply (a kill of itself, an unblock, a sigreturn) go now. */
		struct mproc *mp = mproc_find(who);
		if (mp && mproc_is_user(mp))
			sig_deliver(mp);
	}
}
