/* RS_SEF_POLL: a service answers RS's notification (the heartbeat) and
 * fetches its pending events (prepare, fault injection, stop). */
#include <string.h>
#include "rs.h"

/* do_sef_poll: note the heartbeat and hand over the events. */
int do_sef_poll(message *m)
{
	struct service *s = svc_by_ep(m->m_source);
	if (!s)
		return -EINVAL;
	s->last_poll = timers_now();
	memset(&m->u, 0, sizeof(m->u));
	m->u.sef_poll.events = s->events;
	m->u.sef_poll.prep_state = s->ev_prep_state;
	m->u.sef_poll.fi_kind = s->ev_fi_kind;
	m->u.sef_poll.fi_asker = s->ev_fi_asker;
	s->events = 0;
	return 0;
}
