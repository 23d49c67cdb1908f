/* RS_RESTART: restart a service that failed (from its recovery script, or
 * one waiting in backoff, or dead); a running one is refreshed. The reply
 * comes when the new instance finished its init. */
#include <stdio.h>
#include "rs.h"

/* do_restart: -ENOENT, -EINVAL, -EBUSY; else no reply now. */
int do_restart(message *m)
{
	int r;
	struct service *s = req_service(m, NULL, &r);
	if (!s)
		return r;
	if (svc_busy(s))
		return -EBUSY;
	int failed = s->state == RS_STATE_SCRIPT ||
	    s->state == RS_STATE_BACKOFF || s->state == RS_STATE_DEAD;
	if (!failed && s->ep != NONE)
		sys_kill(s->ep, SIGKILL);
	printf("rs: %s restarting\n", s->label);
	s->caller = m->m_source;
	restart_now(s, failed);
	return NO_REPLY;
}
