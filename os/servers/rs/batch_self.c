/* RS itself as a member of an atomic update batch (`service -q update
 * self -label rs`, then `service sysctl upd_run`). RS cannot be frozen
 * and swapped by anyone else, so it is updated last (as in MINIX 3):
 *
 * 1. The prepare state: RS is between requests whenever it handles an
 *    event, so states 1, 2 and 3 hold at once (SELF_UPD_BATCH); any
 *    other is never reached (SELF_UPD_WAIT): at maxtime the batch fails
 *    with -EINTR and every member is rolled back.
 * 2. The other members are frozen, swapped and initialised as usual
 *    (batch.c); each new version runs uncommitted, its old program
 *    waiting in the spare slot.
 * 3. Then RS updates itself (self_update.c: a stopped backup, a keep-state
 *    exec): the batch's records, all in RS's memory, go across.
 * 4. The new RS checks its table and the batch (every other member still
 *    waits for its commit), then commits RS and every other member and
 *    answers `service sysctl upd_run` 0 (self_updated, batch_commit). Its
 *    init failing (-y), crashing (-x) or hanging (-z) swaps the backup
 *    back, and the backup, with the batch's records as they were before
 *    the exec, rolls every other member back and answers the batch with
 *    the rollback's error (batch_self_swap).
 * A failure of another member before step 3 cancels RS's part: RS is not
 * swapped yet, so nothing of it changed. */
#include <stdio.h>
#include <string.h>
#include "rs.h"

/* batch_self_start: queued update Q is RS's own: take its program (Q's,
 * or RS's boot image for "self") and settings. RS is at states 1-3 now;
 * any other state waits for maxtime (batch_self_timeout). A prepare-only
 * update (-o) to a state RS is at is done at once. Returns 0 or an error
 * (nothing taken). */
int batch_self_start(struct upd_queued *q)
{
	int state = q->state;
	int reachable = state >= SEF_LU_STATE_WORK_FREE &&
	    state <= SEF_LU_STATE_PROTOCOL_FREE;
	if (q->prep_only && reachable) {
		printf("rs: prepared (state %d), resumed: a prepare-only "
		    "update\n", state);
		return 0;
	}
	void *image = q->image;
	uint32_t len = q->image_len;
	if (image == NULL) {
		int r = self_image(&image, &len);
		if (r != 0)
			return r;
		strlcpy(rs_self.upd_binary, rs_self.binary,
		    sizeof(rs_self.upd_binary));
	} else {
		q->image = NULL;                  /* now RS's update's */
		strlcpy(rs_self.upd_binary, q->binary,
		    sizeof(rs_self.upd_binary));
	}
	rs_self.upd_image = image;
	rs_self.upd_image_len = len;
	rs_self.upd_caller = NONE;            /* the batch answers */
	rs_self.upd_backup = NONE;
	rs_self.upd_dbg = q->dbg;
	rs_self.upd_batch = 1;
	if (reachable) {
		rs_self.upd_phase = SELF_UPD_BATCH;
	} else {
		rs_self.upd_phase = SELF_UPD_WAIT;
		rs_self.upd_deadline = timers_now() + (uint32_t) q->maxtime;
	}
	return 0;
}

/* batch_self_ready: whether RS is no member, or a member at its prepare
 * state (the others may be swapped). */
int batch_self_ready(void)
{
	return !rs_self.upd_batch || rs_self.upd_phase == SELF_UPD_BATCH;
}

/* batch_self_swap: every other member runs its new version uncommitted:
 * update RS now (self_go). Returns 1 when RS is no member (the caller
 * commits the others). Otherwise it does not return in this program on
 * success (the new RS commits the batch); when nothing changed or the
 * backup resumed after a failed new version, every member is rolled back
 * with the error and 0 is returned. */
int batch_self_swap(void)
{
	if (!rs_self.upd_batch || rs_self.upd_phase != SELF_UPD_BATCH)
		return 1;
	printf("rs: update batch: every other service runs its new version; "
	    "updating rs\n");
	int r = self_go();
	self_update_end(r);
	batch_fail_of(RS_SELF_LABEL, r, r == -EINTR ? "its new version hung" :
	    r == -ERESTART ? "its new version crashed" :
	    "its new version failed");
	return 0;
}

/* batch_self_cancel: the batch failed before RS was swapped: RS's part
 * ends, nothing of RS changed. */
void batch_self_cancel(void)
{
	if (rs_self.upd_batch)
		self_update_end(0);
}

/* batch_self_timeout: RS's unreachable prepare state ran out of maxtime:
 * the batch fails with -EINTR. */
void batch_self_timeout(void)
{
	printf("rs: %s update cancelled: not ready in time\n", RS_SELF_LABEL);
	self_update_end(-EINTR);
	batch_fail_of(RS_SELF_LABEL, -EINTR,
	    "it did not reach its prepare state in time");
}
