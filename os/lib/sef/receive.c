/* sef_receive: the service's receive, with the framework's own messages
 * taken out: RS's notifications (heartbeat and events, answered with
 * RS_SEF_POLL) and, for a signal manager, the kernel's SYSTEM
 * notifications. A pending live-update prepare is checked before every
 * receive at the top of the service's loop (sef_receive), never inside a
 * request (sef_receive_nested): a prepare state and an injected fault
 * both belong between requests. An answer the service left for later
 * (ipc_reply_later) leaves with the receive, in one trap. */
#include <stdio.h>
#include <string.h>
#include <abi/boot.h>
#include <abi/signal.h>
#include "syslib.h"
#include "sef_priv.h"

/* sef_setcb_rs_notify: see sef.h. */
void sef_setcb_rs_notify(sef_cb_rs_notify_t cb)
{
	sef_cbs.rs_notify = cb;
}

/* A fault RS asked for while the service was inside a request (FI_*), 0
 * for none, and who asked: injected at the next sef_receive. */
static int fi_deferred;
static endpoint_t fi_deferred_asker;

/* Set when RS was itself sending to this service as it polled (the
 * kernel refuses the cycle with -EDEADLK: RS publishing a label in DS
 * just as DS answers its heartbeat): the poll is sent again before the
 * next receive, after the service took RS's request, instead of being
 * lost (one lost heartbeat answer is a failure for RS). */
static int poll_owed;

/* poll_rs: answer RS's notification with RS_SEF_POLL (the heartbeat) and
 * act on the events RS has for this service. The text guard is checked
 * first: a service whose code changed panics instead of answering. */
static void poll_rs(int nested)
{
	message m;
	sef_guard_check();
	memset(&m, 0, sizeof(m));
	m.m_type = RS_SEF_POLL;
	int r = ipc_sendrec(RS_EP, &m);
	poll_owed = r == -EDEADLK;
	if (poll_owed)
		return;
	if (r != 0 || m.m_type != 0) {
		printf("%s: poll of rs failed (%d/%d)\n", sef_label(), r,
		    m.m_type);
		return;
	}
	struct mess_sef_poll ev = m.u.sef_poll;
	if (ev.events & SEF_EV_PREPARE)
		sef_lu_request(ev.prep_state);
	if ((ev.events & SEF_EV_FI) && nested) {
		fi_deferred = ev.fi_kind;
		fi_deferred_asker = ev.fi_asker;
	} else if (ev.events & SEF_EV_FI)
		sef_fi_inject(ev.fi_kind, ev.fi_asker);
	if (ev.events & SEF_EV_TERM)
		sef_signal_deliver(SIGTERM);
}

/* is_framework: whether M (just received) belongs to SEF, not the
 * service. */
static int is_framework(const message *m)
{
	if (m->m_type != NOTIFY_MESSAGE)
		return 0;
	if (m->m_source == RS_EP && sef_with_rs)
		return 1;
	if (m->m_source == SYSTEM && sef_cbs.signal_manager)
		return 1;
	return 0;
}

struct sef_inflight sef_inflight;
struct sef_inflight sef_last;
int sef_at_once;

/* sef_answers_at_once: see sef.h. */
void sef_answers_at_once(void)
{
	sef_at_once = 1;
}

/* receive: sef_receive's loop; NESTED: inside a request (no prepare
 * check, no fault injected, the request in flight stays the outer one).
 * At the top of the loop the message handed to the service is recorded
 * as in flight (sef_inflight) until the next call: the service handles
 * it in between (an armed FI_MIDREQUEST may crash there, sef_fi_request). */
static int receive(endpoint_t src, message *m, int nested)
{
	if (!nested) {
		sef_last = sef_inflight;
		sef_inflight.valid = 0;
	}
	for (;;) {
		if (!nested) {
			if (fi_deferred) {
				int kind = fi_deferred;
				fi_deferred = 0;
				ipc_reply_flush();   /* the answer was out */
				sef_fi_inject(kind, fi_deferred_asker);
			}
			sef_lu_check();
		}
		if (poll_owed)
			poll_rs(nested);     /* sends the held answer first */
		int r = ipc_reply_receive(src, m);
		if (r != 0)
			return r;
		if (!is_framework(m)) {
			if (nested)
				return 0;
			sef_inflight.source = m->m_source;
			sef_inflight.type = m->m_type;
			sef_inflight.valid = m->m_type != NOTIFY_MESSAGE;
			if (sef_inflight.valid)
				sef_fi_request(m);
			return 0;
		}
		if (m->m_source == RS_EP) {
			poll_rs(nested);
			if (sef_cbs.rs_notify)
				sef_cbs.rs_notify();
		}
		else
			sef_signal_manage();
	}
}

/* sef_receive: see sef.h. */
int sef_receive(endpoint_t src, message *m)
{
	return receive(src, m, 0);
}

/* sef_receive_nested: see sef.h. */
int sef_receive_nested(endpoint_t src, message *m)
{
	return receive(src, m, 1);
}
