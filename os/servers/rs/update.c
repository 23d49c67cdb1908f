/* Live update: the new program is started side by side (in a spare
 * slot, stopped), the old instance prepares (SEF_EV_PREPARE) and says
 * RS_SEF_LU_READY; RS swaps the slots (SYS_UPDATE) so that the new
 * program runs at the service's endpoint with its queue of waiting
 * senders, and it initialises with SEF_INIT_LU. Failure or a timeout
 * swaps back: the old instance gets -EINTR for RS_SEF_LU_READY and goes
 * on serving.
 * Keep-state (a service that restarts in place, rs_upd.keep): the old
 * instance prepares first; once it is frozen, the kernel copies it into
 * the spare slot and the new program starts in that copy's memory
 * (instance_copy); when it asks for its init, the slots are swapped and it
 * initialises with SEF_INIT_LU | SEF_INIT_KEPT. The old instance's memory
 * is never touched: a rollback finds it as it was. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "rs.h"

/* End the update: S is up again, the `service` command gets R. */
static void finish(struct service *s, int r)
{
	if (rs_upd.image && rs_upd.image != s->image)
		free(rs_upd.image);
	rs_upd.image = NULL;
	rs_upd.phase = UPD_NONE;
	rs_upd.spare = NONE;
	s->init_type = SEF_INIT_FRESH;
	s->init_flags = 0;
	s->prep_state = 0;
	svc_set_state(s, RS_STATE_UP);
	heartbeat_start(s);
	if (rs_upd.caller != NONE) {
		message m;
		memset(&m, 0, sizeof(m));
		rs_reply(rs_upd.caller, r, &m);
	}
	rs_upd.caller = NONE;
}

/* Answer the old instance's RS_SEF_LU_READY with R. */
static void answer_old(struct service *s, int r)
{
	message m;
	memset(&m, 0, sizeof(m));
	rs_reply(s->ep, r, &m);
}

/* update_loaded: the new program, started in the spare slot, asks how it
 * starts (RS_SEF_INIT): it waits for the answer while the old instance of
 * S prepares. */
void update_loaded(struct service *s)
{
	rs_upd.phase = UPD_PREPARE;
	s->events |= SEF_EV_PREPARE;
	s->ev_prep_state = rs_upd.state;
	ipc_notify(s->ep);
}

/* update_abort: the new program died or did not ask for its init before
 * the old instance was frozen, or (keep-state) before the swap (ERR for
 * `service`, WHY for the console): a prepare is cancelled, a frozen old
 * instance released (-EINTR), the spare removed, the old version goes
 * on. */
void update_abort(int err, const char *why)
{
	struct service *s = rs_upd.svc;
	if (rs_upd.phase == UPD_PREPARE) {
		s->events |= SEF_EV_PREPARE;
		s->ev_prep_state = SEF_LU_STATE_NULL;
		ipc_notify(s->ep);
	}
	if (rs_upd.phase == UPD_COPY)
		answer_old(s, -EINTR);      /* frozen in its RS_SEF_LU_READY */
	if (rs_upd.spare != NONE)
		sys_clear(rs_upd.spare);
	printf("rs: %s update cancelled: %s\n", s->label, why);
	finish(s, err);
}

/* copy_frozen: keep-state: S's old instance is frozen; start the new
 * program in a copy of it (instance_copy). It asks for its init next
 * (update_copy_started); an error releases the old instance. */
static void copy_frozen(struct service *s)
{
	int r = instance_copy(s, rs_upd.image, rs_upd.image_len,
	    &rs_upd.spare);
	if (r != 0) {
		rs_upd.spare = NONE;
		answer_old(s, -EINTR);
		printf("rs: %s update failed: the new version cannot start in a "
		    "copy of the old one (%d); old version kept\n", s->label, r);
		finish(s, r);
		return;
	}
	rs_upd.phase = UPD_COPY;
}

/* update_copy_started: keep-state: the new program in the copy of S's
 * frozen instance asks for its init: swap the slots (it now runs at S's
 * endpoint, with its queue of waiting senders) and tell it to initialise
 * in the kept memory (SEF_INIT_LU | SEF_INIT_KEPT). */
void update_copy_started(struct service *s)
{
	int r = sys_update(s->ep, rs_upd.spare);
	if (r != 0) {
		printf("rs: %s update failed: swap (%d)\n", s->label, r);
		update_abort(r, "the slots could not be swapped");
		return;
	}
	s->init_type = SEF_INIT_LU;
	s->init_flags = rs_upd.dbg | SEF_INIT_KEPT;
	s->old_ep = s->ep;
	s->prep_state = rs_upd.state;
	rs_upd.phase = UPD_INIT;
	s->deadline = timers_now() + (uint32_t) rs_upd.maxtime;
	sef_init_answer(s);
}

/* update_ready: the old instance of S reached the prepare state (RESULT
 * 0) or refuses it. Swap the slots: the new program, waiting in its
 * RS_SEF_INIT, now holds S's endpoint and is told to initialise. */
void update_ready(struct service *s, int result)
{
	if (result != 0) {
		answer_old(s, result);
		if (rs_upd.spare != NONE)
			sys_clear(rs_upd.spare);
		printf("rs: %s update refused (%d)\n", s->label, result);
		finish(s, result);
		return;
	}
	rs_upd.frozen_at = rs_tsc();
	if (rs_upd.keep) {
		copy_frozen(s);
		return;
	}
	int r = sys_update(s->ep, rs_upd.spare);
	if (r != 0) {
		answer_old(s, -EINTR);
		sys_clear(rs_upd.spare);
		printf("rs: %s update failed: swap (%d)\n", s->label, r);
		finish(s, r);
		return;
	}
	s->init_type = SEF_INIT_LU;
	s->init_flags = rs_upd.dbg;
	s->old_ep = s->ep;
	s->prep_state = rs_upd.state;
	rs_upd.phase = UPD_INIT;
	s->deadline = timers_now() + (uint32_t) rs_upd.maxtime;
	sef_init_answer(s);
}

/* update_init_done: the new version of S finished its init with R. */
void update_init_done(struct service *s, int r)
{
	if (r != 0) {
		update_rollback(r, "new version failed its init");
		return;
	}
	answer_old(s, 0);                 /* the new program's INIT_DONE */
	update_commit(s);
}

/* update_commit: the new version of S runs (its init succeeded and was
 * answered): clear the old program, keep the new image, end with 0. */
void update_commit(struct service *s)
{
	s->lu_downtime = rs_tsc() - rs_upd.frozen_at;
	sys_clear(rs_upd.spare);          /* the old program */
	if (rs_upd.image != s->image) {
		if (!s->boot)
			free(s->image);
		s->image = rs_upd.image;
		s->image_len = rs_upd.image_len;
	}
	strlcpy(s->binary, rs_upd.binary, sizeof(s->binary));
	printf("rs: %s updated (endpoint %d)\n", s->label, s->ep);
	finish(s, 0);
}

/* update_rollback: the new version failed (ERR for `service`, WHY for the
 * console): the old program goes back into the service's slot and goes on
 * serving; the new one is removed. */
void update_rollback(int err, const char *why)
{
	struct service *s = rs_upd.svc;
	sys_kill(s->ep, SIGKILL);             /* the new program: stop it */
	int r = sys_update(s->ep, rs_upd.spare);
	if (r != 0) {
		printf("rs: %s: rollback failed (%d)\n", s->label, r);
		sys_clear(rs_upd.spare);
		rs_upd.spare = NONE;
		finish(s, err);
		failure_handle(s, RS_REASON_RESTART, "lost in update");
		return;
	}
	sys_clear(rs_upd.spare);              /* now the new program */
	answer_old(s, -EINTR);
	printf("rs: %s update failed: %s; old version kept\n", s->label, why);
	finish(s, err);
}

/* update_timeout: the update's maxtime passed. Preparing: the prepare is
 * cancelled (prepare state 0); initialising: rollback. */
void update_timeout(void)
{
	struct service *s = rs_upd.svc;
	if (rs_upd.phase == UPD_INIT) {
		update_rollback(-EINTR, "no init answer in time");
		return;
	}
	if (rs_upd.phase == UPD_LOAD || rs_upd.phase == UPD_COPY) {
		update_abort(-EINTR, "the new version did not start in time");
		return;
	}
	s->events |= SEF_EV_PREPARE;
	s->ev_prep_state = SEF_LU_STATE_NULL;
	ipc_notify(s->ep);
	if (rs_upd.spare != NONE)
		sys_clear(rs_upd.spare);
	printf("rs: %s update cancelled: not ready in time\n", s->label);
	finish(s, -EINTR);
}

/* update_finish: end the update of S with R for `service` (the layers over
 * the single update: prepare-only, batch). */
void update_finish(struct service *s, int r)
{
	finish(s, r);
}
