/* RS_SYSCTL: control of RS's queue of live updates (abi/rs.h): run it as
 * one atomic batch, drop it, or list it. Root only (table.c). */
#include "rs.h"

/* do_sysctl: rs_req.arg says what; an unknown one is -EINVAL. */
int do_sysctl(message *m)
{
	switch (m->u.rs_req.arg) {
	case RS_SYSCTL_UPD_RUN:
		return batch_run(m->m_source);
	case RS_SYSCTL_UPD_STOP:
		return batch_stop();
	case RS_SYSCTL_UPD_STATUS:
		return batch_status(m);
	default:
		return -EINVAL;
	}
}
