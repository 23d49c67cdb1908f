/* RS_SEF_LU_READY: the old instance reached the prepare state of a live
 * update (result 0; it now waits here while RS swaps the slots) or does
 * not support it (a negative error, answered at once). */
#include "rs.h"

/* do_sef_lu_ready: hand over to the update in progress; without one (it
 * was cancelled meanwhile) the service goes on: -EINTR. */
int do_sef_lu_ready(message *m)
{
	struct service *s = svc_by_ep(m->m_source);
	if (!s || rs_upd.phase != UPD_PREPARE || rs_upd.svc != s)
		return -EINTR;
	int r = m->u.sef_result.result;
	if (rs_upd.batch)
		batch_ready(s, r);
	else if (rs_upd.prep_only && r == 0)
		update_prepared(s);
	else
		update_ready(s, r);
	return NO_REPLY;
}
