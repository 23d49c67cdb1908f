/* RS_REFRESH: kill a service and start it again (not counted as a
 * failure). The reply comes when the new instance finished its init. */
#include <stdio.h>
#include "rs.h"

/* do_refresh: -ENOENT, -EINVAL, -EBUSY (an update or a stop runs, or
 * someone waits for it already); else no reply now. */
int do_refresh(message *m)
{
	int r;
	struct service *s = req_service(m, NULL, &r);
	if (!s)
		return r;
	if (svc_busy(s))
		return -EBUSY;
	if (s->ep != NONE)
		sys_kill(s->ep, SIGKILL);
	printf("rs: %s refreshing\n", s->label);
	s->caller = m->m_source;
	restart_now(s, 0);
	return NO_REPLY;
}
