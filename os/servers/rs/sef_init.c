/* RS_SEF_INIT and RS_SEF_INIT_DONE: the start-up protocol with a
 * service's event framework. */
#include <stdio.h>
#include <string.h>
#include "rs.h"

/* send_answer: tell S's instance how it starts (the reply to its
 * RS_SEF_INIT). */
static void send_answer(struct service *s)
{
	s->init_held = 0;
	message m;
	memset(&m, 0, sizeof(m));
	struct mess_sef_init *in = &m.u.sef_init;
	in->type = s->init_type;
	in->flags = s->init_flags;
	in->old_endpoint = s->old_ep;
	in->restarts = s->restarts;
	in->prep_state = s->prep_state;
	in->dev_major = s->dev_major;
	strlcpy(in->label, s->label, sizeof(in->label));
	rs_reply(s->ep, 0, &m);
}

/* sef_init_answer: answer S's RS_SEF_INIT. Its label is published in DS
 * first (DS itself excepted: it waits for this reply), so that DS knows
 * the instance as the owner of its entries during its init (a restored
 * checkpoint, a driver-up event: a reset-restarted driver's new endpoint
 * would be refused). When DS cannot answer right now (busy in its own
 * heartbeat poll of RS, restarting) and the instance has an endpoint DS
 * does not know yet, the answer waits for the label, at most a second
 * (sef_init_released, from dspub_retry); then it goes anyway. */
void sef_init_answer(struct service *s)
{
	/* A live update or a stateful restart keeps the endpoint DS knows. */
	int new_ep = s->init_type != SEF_INIT_LU &&
	    !(s->init_flags & SEF_INIT_STATEFUL);
	if (s->ep != DS_EP) {
		dspub_label(s);
		if (s->dspub_wait && new_ep) {
			s->init_held = timers_now() + rs_hz;
			if (s->init_held == 0)
				s->init_held = 1;
			timers_update();
			return;
		}
	}
	send_answer(s);
}

/* sef_init_released: the held RS_SEF_INIT answers whose label is in DS
 * now, or whose time (NOW) is up. */
void sef_init_released(uint32_t now)
{
	for (int i = 0; i < RS_MAX_SERVICES; i++) {
		struct service *s = &rs_services[i];
		if (!s->in_use || !s->init_held)
			continue;
		if (!s->dspub_wait || (int32_t) (now - s->init_held) >= 0)
			send_answer(s);
	}
}

/* do_sef_init: a service asks how it starts. A boot service waits for its
 * turn; a process RS does not manage gets -EINVAL (it initialises alone). */
int do_sef_init(message *m)
{
	if (rs_upd.phase == UPD_LOAD && m->m_source == rs_upd.spare) {
		update_loaded(rs_upd.svc);
		return NO_REPLY;
	}
	if (rs_upd.phase == UPD_COPY && m->m_source == rs_upd.spare) {
		update_copy_started(rs_upd.svc);
		return NO_REPLY;
	}
	struct service *s = svc_by_ep(m->m_source);
	if (!s)
		return -EINVAL;
	if (s->boot && s->init_type == SEF_INIT_FRESH &&
	    s->state == RS_STATE_STARTING && s->init_asked == 0) {
		boot_init_asked(s);
		return NO_REPLY;
	}
	sef_init_answer(s);
	return NO_REPLY;
}

/* do_sef_init_done: a service's init callback returned
 * m->u.sef_result.result. Success: the service is up (the waiting
 * `service` command gets 0). Failure: a first start is brought down, a
 * restart counts as another failure, a new version is rolled back. */
int do_sef_init_done(message *m)
{
	struct service *s = svc_by_ep(m->m_source);
	if (!s)
		return -EINVAL;
	int r = m->u.sef_result.result;
	if (r == 0)
		s->sef_caps = m->u.sef_result.caps;
	if (rs_upd.phase == UPD_INIT && rs_upd.svc == s) {
		if (rs_upd.batch)
			batch_init_done(s, r);
		else
			update_init_done(s, r);
		return NO_REPLY;
	}
	if (r != 0) {
		failure_of_init(s, r);
		return NO_REPLY;
	}
	/* Answer first: RS's requests to DS below must not meet DS still
	 * waiting for this reply. */
	message ok;
	memset(&ok, 0, sizeof(ok));
	rs_reply(m->m_source, 0, &ok);
	int was = s->init_type;
	int kept = (s->init_flags & SEF_INIT_KEPT) != 0;
	s->kept_failed = 0;
	svc_set_state(s, RS_STATE_UP);
	heartbeat_start(s);
	if (was == SEF_INIT_RESTART)
		printf("rs: %s restarted%s (endpoint %d, restarts %d)\n",
		    s->label, kept ? " in place" : "", s->ep, s->restarts);
	else if (!s->boot)
		printf("rs: %s up (endpoint %d)\n", s->label, s->ep);
	s->init_type = SEF_INIT_FRESH;
	s->init_flags = 0;
	dspub_label(s);
	if (s->boot)
		boot_init_done(s);      /* DS (also back from a restart): publish */
	svc_answer_caller(s, 0);
	return NO_REPLY;
}
