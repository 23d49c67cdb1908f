/* RS_FI: fault injection: the service's event framework makes the fault
 * (rs_req.arg, FI_*; 0 = crash) happen inside the service. The debug
 * kinds (FI_DEBUG_KIND_LIST) too: corrupt only for a service with a
 * corrupt hook (SEF_CAP_CORRUPT, from its RS_SEF_INIT_DONE). */
#include <stdio.h>
#include "rs.h"

static struct rs_start st;

/* kind_valid: whether KIND is one of abi/sef.h's fault kinds. */
static int kind_valid(int kind)
{
#define FI_CASE(id, name, nr) case nr:
	switch (kind) {
	FI_KIND_LIST(FI_CASE)
	FI_DEBUG_KIND_LIST(FI_CASE)
		return 1;
	default:
		return 0;
	}
#undef FI_CASE
}

/* corrupt_refused: FI_CORRUPT for S, which has no corrupt hook: the
 * console line says why (no state check at all, or a fresh start of S
 * would lose what the running system depends on); returns -ENOSYS. */
static int corrupt_refused(const struct service *s)
{
	if (s->sef_caps & SEF_CAP_STATE_CHECK)
		printf("rs: fi %s corrupt refused: %s checks its kept state but "
		    "offers no corrupt hook: a fresh start of it would lose what "
		    "the running system depends on (nothing done)\n", s->label,
		    s->label);
	else
		printf("rs: fi %s corrupt refused: %s has no kept-state check "
		    "and no corrupt hook (nothing done)\n", s->label, s->label);
	return -ENOSYS;
}

/* do_fi: 0, -ENOENT, -EINVAL (bad kind), -EBUSY (the service is not up),
 * -ENOSYS (corrupt without a corrupt hook). RS itself ("rs"): self_fi. */
int do_fi(message *m)
{
	int kind = m->u.rs_req.arg ? m->u.rs_req.arg : FI_CRASH;
	int r;
	struct service *s = req_service(m, &st, &r);
	if (!s && r == -ENOENT && core_is_self(st.label))
		return self_fi(kind);
	if (!s)
		return r;
	if (!kind_valid(kind))
		return -EINVAL;
	if (s->state != RS_STATE_UP || s->ep == NONE)
		return -EBUSY;
	if (kind == FI_CORRUPT && !(s->sef_caps & SEF_CAP_CORRUPT))
		return corrupt_refused(s);
	s->events |= SEF_EV_FI;
	s->ev_fi_kind = kind;
	s->ev_fi_asker = m->m_source;
	ipc_notify(s->ep);
	return 0;
}
