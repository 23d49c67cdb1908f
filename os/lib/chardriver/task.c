/* The character-driver library's receive loop: who may ask what, and where
 * notifications go. */
#include <stdio.h>
#include "chardriver_priv.h"
#include "syslib.h"
#include "sef.h"
#include <abi/errno.h>

/* notification: route notification M: interrupts, alarms, the rest. */
static void notification(const struct chardriver *ops, message *m)
{
	if (m->m_source == HARDWARE) {
		if (ops->interrupt)
			ops->interrupt(m->u.notify.irqs);
	} else if (m->m_source == CLOCK) {
		if (ops->alarm)
			ops->alarm(m->u.notify.timestamp);
	} else if (ops->other) {
		ops->other(m);
	}
}

/* request: handle VFS's request M; returns the reply's m_type, with the
 * payload in M. A type the library does not know is answered -ENOSYS. */
static int request(const struct chardriver *ops, message *m)
{
	chardriver_handler h = chardriver_lookup(m->m_type);
	if (!h)
		return chardriver_reply(m, m->u.cdev_req.id, -ENOSYS);
	return h(ops, m);
}

/* chardriver_task: see chardriver.h. The driver ran sef_startup before;
 * sef_receive keeps RS's messages away from here. Replies go out with
 * sendnb: the requester waits for them (it used sendrec), and a sender
 * that does not cannot make the driver block. A driver whose code another
 * process changed never answers: the kernel's text guard
 * (os/kernel/textguard.c) stops it at the trap that would carry the
 * answer, and the request fails instead. SEF's own checksum of the text
 * runs at every heartbeat, not per answer (it would cost about three
 * instructions per word of text on every request). */
void chardriver_task(const struct chardriver *ops)
{
	message m;
	for (;;) {
		int r = sef_receive(ANY, &m);
		if (r != 0) {
			printf("chardriver: receive failed (%d)\n", r);
			continue;
		}
		if (m.m_type == NOTIFY_MESSAGE) {
			notification(ops, &m);
			continue;
		}
		endpoint_t src = m.m_source;
		int type;
		if (src == chardriver_pm() && m.m_type == TTY_PM_GETSIG)
			type = ops->other ? ops->other(&m) : -ENOSYS;
		else if (src == chardriver_vfs())
			type = request(ops, &m);
		else
			type = chardriver_reply(&m, m.u.cdev_req.id, -EPERM);
		if (type == CDEV_SUSPEND)
			continue;
		m.m_type = type;
		/* Leaves with the next receive (one trap); a lost answer to
		 * VFS or PM is reported. */
		ipc_reply_later(src, &m, src == chardriver_vfs() ||
		    src == chardriver_pm() ? "chardriver" : NULL);
	}
}
