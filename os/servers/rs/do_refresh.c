/* RS_REFRESH: kill a service and start it again (not counted as a
 * failure). The reply comes when the new instance finished its init.
 * With RS_NO_BACKOFF in the request's flags (`service refresh LABEL -b`)
 * the service is restarted at once after every later failure, as if it
 * had been started with -b (fault-injection campaigns over services that
 * cannot be brought down and up again: harness/campaign.py). */
#include <stdio.h>
#include "rs.h"

/* do_refresh: -ENOENT, -EINVAL, -EBUSY (an update or a stop runs, or
 * someone waits for it already); else no reply now. */
int do_refresh(message *m)
{
	int r;
	struct rs_start st;
	struct service *s = req_service(m, &st, &r);
	if (!s)
		return r;
	if (svc_busy(s))
		return -EBUSY;
	if (st.flags & RS_NO_BACKOFF)
		s->flags |= RS_NO_BACKOFF;
	if (s->ep != NONE)
		sys_kill(s->ep, SIGKILL);
	printf("rs: %s refreshing\n", s->label);
	s->caller = m->m_source;
	restart_now(s, 0);
	return NO_REPLY;
}
