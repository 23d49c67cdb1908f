/* The network-driver library's receive loop: NDEV_* requests to their
 * handlers and answered at once, notifications to the driver's
 * operations. */
#include <stdio.h>
#include <string.h>
#include "netdriver_priv.h"
#include "syslib.h"
#include "sef.h"
#include <abi/errno.h>

/* send_reply: send M to SRC without blocking (a sender that does not wait
 * for it cannot block the driver). A driver whose code another process
 * changed is stopped by the kernel's text guard at the trap that would
 * carry M: the request fails instead. */
static void send_reply(endpoint_t src, message *m)
{
	ipc_reply_later(src, m, sef_label());   /* with the next receive */
}

/* notification: route notification M: interrupts (counted, then the link
 * compared), alarms, the rest. */
static void notification(const struct netdriver *ops, message *m)
{
	if (m->m_source == HARDWARE) {
		netdriver_stats()->interrupts++;
		if (ops->interrupt)
			ops->interrupt(m->u.notify.irqs);
		netdriver_link_check(ops->link());
	} else if (m->m_source == CLOCK) {
		if (ops->alarm)
			ops->alarm(m->u.notify.timestamp);
	} else if (ops->other) {
		ops->other(m);
	}
}

/* netdriver_serve: see netdriver_priv.h. An NDEV_* request is checked,
 * then handled; the answer carries the link, address and MTU. Another
 * request goes to ops->other (none: NDEV_REPLY -ENOSYS). */
void netdriver_serve(const struct netdriver *ops, message *m)
{
	if (m->m_type == NOTIFY_MESSAGE) {
		notification(ops, m);
		return;
	}
	endpoint_t src = m->m_source;
	netdriver_handler h = netdriver_lookup(m->m_type);
	if (!h && ops->other) {
		m->m_type = ops->other(m);
		send_reply(src, m);
		return;
	}
	message rm;
	memset(&rm, 0, sizeof(rm));
	struct mess_ndev_reply *rep = &rm.u.ndev_reply;
	int status = h ? netdriver_check(m->m_type, m->u.ndev_req.size) :
	    -ENOSYS;
	if (status == 0)
		status = h(ops, m, rep);
	rm.m_type = NDEV_REPLY;
	rep->id = m->u.ndev_req.id;
	rep->status = status;
	netdriver_fill(rep, ops->link(), netdriver_addr());
	send_reply(src, &rm);
}

/* netdriver_task: see netdriver.h. */
void netdriver_task(const struct netdriver *ops)
{
	netdriver_sef_setup(ops);
	sef_startup();
	netdriver_link_check(ops->link());
	message m;
	for (;;) {
		int r = sef_receive(ANY, &m);
		if (r != 0) {
			printf("%s: receive failed (%d)\n", sef_label(), r);
			continue;
		}
		netdriver_serve(ops, &m);
	}
}
