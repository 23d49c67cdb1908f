/* RS_DOWN: stop a service for good: it is asked to stop (SEF_EV_TERM),
 * and killed after a grace time. The reply comes when it is gone. */
#include <stdio.h>
#include "rs.h"

/* do_down: -ENOENT, -EINVAL, -EBUSY (an update or a stop runs); else no
 * reply now (or 0 at once for a service without a live instance). */
int do_down(message *m)
{
	int r;
	struct service *s = req_service(m, NULL, &r);
	if (!s)
		return r;
	if (svc_busy(s))
		return -EBUSY;
	if (s->state != RS_STATE_UP || s->ep == NONE) {
		instance_remove(s->ep);
		printf("rs: %s down\n", s->label);
		svc_free(s);
		return 0;
	}
	svc_set_state(s, RS_STATE_DOWN);
	s->events |= SEF_EV_TERM;
	s->deadline = timers_now() + RS_DOWN_GRACE_S * rs_hz;
	s->caller = m->m_source;
	ipc_notify(s->ep);
	return NO_REPLY;
}
