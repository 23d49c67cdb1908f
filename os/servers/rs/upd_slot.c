/* The update records: `service update`'s (slot 0) and a batch's members
 * (slots 1..), and which one RS works on now (rs_upd, rs.h). Every
 * handler of the update protocol reads rs_upd; upd_select points it at
 * the record an event is about, so the per-service update code (update.c)
 * serves a batch's members unchanged. */
#include "rs.h"

struct rs_update rs_updates[RS_UPD_SLOTS];
struct rs_update *rs_updp = &rs_updates[0];

/* upd_select: point rs_upd at the update in progress that EP takes part
 * in (its service's instance, or its spare slot); with none, at slot 0,
 * `service update`'s (so a new single update sees whether one runs). */
void upd_select(endpoint_t ep)
{
	for (int i = 0; i < RS_UPD_SLOTS; i++) {
		struct rs_update *u = &rs_updates[i];
		if (u->phase != UPD_NONE && ep != NONE &&
		    (u->spare == ep || u->svc->ep == ep)) {
			rs_updp = u;
			return;
		}
	}
	rs_updp = &rs_updates[0];
}

/* upd_of: the update in progress of S, or NULL. */
struct rs_update *upd_of(const struct service *s)
{
	for (int i = 0; i < RS_UPD_SLOTS; i++)
		if (rs_updates[i].phase != UPD_NONE && rs_updates[i].svc == s)
			return &rs_updates[i];
	return NULL;
}

/* upd_any: whether any update (single or batch, RS's own part of a batch
 * included) is in progress. */
int upd_any(void)
{
	for (int i = 0; i < RS_UPD_SLOTS; i++)
		if (rs_updates[i].phase != UPD_NONE)
			return 1;
	return rs_self.upd_batch;
}

/* upd_expired: the alarm rang at NOW: an update whose service's deadline
 * (maxtime) passed times out; in a batch that ends every member
 * (batch_fail), so one is enough. */
void upd_expired(uint32_t now)
{
	for (int i = 0; i < RS_UPD_SLOTS; i++) {
		struct rs_update *u = &rs_updates[i];
		if (u->phase == UPD_NONE || !u->svc->deadline ||
		    now < u->svc->deadline)
			continue;
		rs_updp = u;
		if (!u->batch) {
			update_timeout();
			continue;
		}
		batch_fail(-EINTR, u->phase == UPD_INIT ?
		    "a new version did not answer its init in time" :
		    "a service did not reach its prepare state in time");
		return;
	}
	rs_updp = &rs_updates[0];
}
