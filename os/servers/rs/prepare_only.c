/* A prepare-only live update (`service update ... -o`): the old instance
 * reaches the prepare state as for a real update, then RS lets it go on
 * (the reply 0 to its RS_SEF_LU_READY) and removes the new program that
 * waited beside it: nothing is swapped, the service keeps its program,
 * endpoint and state. */
#include <stdio.h>
#include <string.h>
#include "rs.h"

/* update_prepared: S's old instance reached the prepare state of the
 * update in rs_upd (a prepare-only one): resume it, end the update with
 * 0. */
void update_prepared(struct service *s)
{
	message m;
	memset(&m, 0, sizeof(m));
	rs_reply(s->ep, 0, &m);
	if (rs_upd.spare != NONE)           /* keep-state: no copy yet */
		sys_clear(rs_upd.spare);
	printf("rs: %s reached prepare state %d; resumed (prepare only, "
	    "nothing swapped)\n", s->label, rs_upd.state);
	update_finish(s, 0);
}
