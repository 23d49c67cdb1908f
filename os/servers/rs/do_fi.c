/* RS_FI: fault injection: the service's event framework makes the fault
 * (rs_req.arg, FI_*; 0 = crash) happen inside the service. */
#include "rs.h"

static struct rs_start st;

/* do_fi: 0, -ENOENT, -EINVAL (bad kind), -EBUSY (the service is not up).
 * RS itself ("rs"): self_fi. */
int do_fi(message *m)
{
	int kind = m->u.rs_req.arg ? m->u.rs_req.arg : FI_CRASH;
	int r;
	struct service *s = req_service(m, &st, &r);
	if (!s && r == -ENOENT && core_is_self(st.label))
		return self_fi(kind);
	if (!s)
		return r;
	if (kind < FI_CRASH || kind > FI_BADIPC)
		return -EINVAL;
	if (s->state != RS_STATE_UP || s->ep == NONE)
		return -EBUSY;
	s->events |= SEF_EV_FI;
	s->ev_fi_kind = kind;
	ipc_notify(s->ep);
	return 0;
}
