/* Keyboard signals: ^C queues SIGINT for the terminal's foreground group
 * and notifies PM, which fetches the queue with TTY_PM_GETSIG. */
#include "tty.h"
#include <string.h>
#include "syslib.h"

/* tty_raise: SIG for TP's foreground group. Nothing without a group; a
 * signal already queued for the group is not queued twice (signals do
 * not count); a full queue drops it. */
void tty_raise(struct tty *tp, int sig)
{
	if (tp->pgrp <= 0)
		return;
	for (int i = 0; i < tp->nsig; i++)
		if (tp->sigq[i].pgid == tp->pgrp && tp->sigq[i].sig == sig)
			return;
	if (tp->nsig == TTY_SIGQ)
		return;
	tp->sigq[tp->nsig++] = (struct tty_sig_entry) { tp->pgrp, sig };
	ipc_notify(chardriver_pm());
}

/* getsig: TTY_PM_GETSIG: the oldest queued signal into M's tty_sig, reply
 * type 1; 0 when none is queued. */
static int getsig(struct tty *tp, message *m)
{
	memset(&m->u, 0, sizeof(m->u));
	if (tp->nsig == 0)
		return 0;
	m->u.tty_sig.pgid = tp->sigq[0].pgid;
	m->u.tty_sig.sig = tp->sigq[0].sig;
	tp->nsig--;
	for (int i = 0; i < tp->nsig; i++)
		tp->sigq[i] = tp->sigq[i + 1];
	return 1;
}

/* tty_other: the other operation: PM's TTY_PM_GETSIG (the oldest signal
 * of the first terminal that has one queued); notifications from
 * processes are ignored. */
int tty_other(message *m)
{
	if (m->m_type != TTY_PM_GETSIG)
		return CDEV_SUSPEND;
	for (int i = 0; i < tty_count - 1; i++)
		if (tty_all[i]->nsig > 0)
			return getsig(tty_all[i], m);
	return getsig(tty_all[tty_count - 1], m);
}
