/* Live update of RS itself (`service update self -label rs`, or to a
 * binary with the same PT_LOAD layout): RS has no one to freeze and swap
 * it, so it does both itself, with the kernel's keep-state exec.
 *
 * 1. The prepare state: RS handles one request at a time, so states 1, 2
 *    and 3 hold as it reads the request; any other state is never
 *    reached (after maxtime: -EINTR, nothing changed).
 * 2. RS forks itself stopped (the backup: the old program and all its
 *    memory, untouched from now on), then execs the new image into its own
 *    slot with EXEC_KEEP_STATE and argv "rs update": same endpoint, the
 *    table kept, the senders still queued.
 * 3. The new version checks the table (self_updated) and commits: the
 *    backup is cleared and `service` gets 0. Its init failing (-y:
 *    -ENOSYS) rolls back at once; a crash (-x) or a hang (-z) in its init
 *    makes the kernel restart RS from its boot image, and that restart
 *    rolls back (-ERESTART, -EINTR): SYS_UPDATE of RS's own slot with the
 *    backup, which resumes in RS's slot where it forked, removes the
 *    failed version and answers `service`.
 * As a member of a batch (batch_self.c) RS does steps 2 and 3 last, once
 * every other member runs its new version uncommitted: the new version of
 * RS commits the others too, and the backup rolls them back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "rs.h"

/* What the rollback tells the backup (written into the backup's memory
 * before it resumes; the same binary, so the same address). */
static struct {
	int err;                     /* for `service` */
	endpoint_t failed;           /* the failed new version, to clear */
	char why[48];
} rollback_note;

/* End RS's own update: `service` gets R (a batch member has no caller
 * of its own: the batch answers). */
static void finish(int r)
{
	rs_self.upd_batch = 0;
	if (rs_self.upd_image && rs_self.upd_image != rs_self.image)
		free(rs_self.upd_image);
	rs_self.upd_image = NULL;
	rs_self.upd_phase = SELF_UPD_NONE;
	rs_self.upd_backup = NONE;
	endpoint_t caller = rs_self.upd_caller;
	rs_self.upd_caller = NONE;
	if (caller != NONE) {
		message m;
		memset(&m, 0, sizeof(m));
		rs_reply(caller, r, &m);
	}
}

/* The resumed backup: the new version failed and RS's old program runs
 * again in RS's slot. Removes the failed version; returns the error for
 * `service` (do_update replies it). */
static int rolled_back(void)
{
	sys_clear(rollback_note.failed);
	printf("rs: %s update failed: %s; old version kept\n", RS_SELF_LABEL,
	    rollback_note.why);
	rs_self.upd_phase = SELF_UPD_NONE;
	rs_self.upd_backup = NONE;
	rs_self.upd_caller = NONE;
	if (rs_self.upd_image && rs_self.upd_image != rs_self.image)
		free(rs_self.upd_image);
	rs_self.upd_image = NULL;
	timers_rearm();
	return rollback_note.err;
}

/* self_rollback: the new version of RS failed (ERR for `service`, WHY
 * for the console): swap the backup back into RS's slot. Does not return
 * when that works; else the new version stays and `service` gets ERR. */
void self_rollback(int err, const char *why)
{
	rollback_note.err = err;
	rollback_note.failed = rs_self.upd_backup;
	strlcpy(rollback_note.why, why, sizeof(rollback_note.why));
	int r = sys_vircopy(SELF, (vir_bytes) &rollback_note,
	    rs_self.upd_backup, (vir_bytes) &rollback_note,
	    sizeof(rollback_note));
	if (r == 0)
		r = sys_update(SELF, rs_self.upd_backup);
	printf("rs: %s rollback failed (%d); the new version stays\n",
	    RS_SELF_LABEL, r);
	sys_clear(rs_self.upd_backup);
	int in_batch = rs_self.upd_batch;
	finish(err);
	if (in_batch)
		batch_fail_of(RS_SELF_LABEL, err, "its rollback failed");
}

/* self_updated: RS runs as the new version of its own live update
 * (argv "rs update"): check the kept table, honour the debug flags (-x
 * crash, -y fail, -z hang, in the init), else commit. */
void self_updated(void)
{
	char err[96];
	rs_self.inflight_src = NONE;          /* the update request itself */
	rs_self.guard = self_text_sum();
	if (rs_self.magic != RS_SELF_MAGIC || rs_self.upd_phase !=
	    SELF_UPD_INIT) {
		printf("rs: started as a new version but no update runs\n");
		return;
	}
	if (self_check_table(err, sizeof(err)) != 0) {
		printf("rs: kept state is inconsistent: %s\n", err);
		self_rollback(-EINVAL, "kept state is inconsistent");
		return;
	}
	if (rs_self.upd_dbg & RS_UPD_CRASH) {
		printf("rs: new version: crashing in init (-x)\n");
		__asm__ volatile("ud2");
	}
	if (rs_self.upd_dbg & RS_UPD_FAIL) {
		self_rollback(-ENOSYS, "new version failed its init");
		return;
	}
	if (rs_self.upd_dbg & RS_UPD_TIMEOUT) {
		printf("rs: new version: hanging in init (-z)\n");
		for (;;)
			__asm__ volatile("" ::: "memory");
	}
	if (rs_self.upd_batch && batch_check_uncommitted() != 0) {
		printf("rs: kept state is inconsistent: a batch member is not "
		    "waiting for its commit\n");
		self_rollback(-EINVAL, "the batch is inconsistent");
		return;
	}
	sys_clear(rs_self.upd_backup);        /* the old program: commit */
	rs_self.lu_downtime = rs_tsc() - rs_self.upd_frozen_at;
	strlcpy(rs_self.binary, rs_self.upd_binary, sizeof(rs_self.binary));
	printf("rs: %s updated (endpoint %d)\n", RS_SELF_LABEL, RS_EP);
	int in_batch = rs_self.upd_batch;
	finish(0);
	if (in_batch)
		batch_commit();               /* the other members, then `service` */
	timers_rearm();
}

/* self_go: run the update now (prepare state reached; rs_self.upd_image,
 * upd_binary, upd_dbg set). Returns an error when nothing changed; on
 * success it does not return in this program (the new version runs), and
 * in the backup it returns the rollback's error. */
int self_go(void)
{
	endpoint_t backup = NONE;
	rs_self.upd_phase = SELF_UPD_INIT;
	rs_self.upd_frozen_at = rs_tsc();
	int r = sys_fork_proc(SELF, FORK_STOPPED, &backup);
	if (r != 0) {
		rs_self.upd_phase = SELF_UPD_NONE;
		return r;
	}
	if (backup == NONE || backup == 0)
		return rolled_back();          /* the backup, resumed */
	rs_self.upd_backup = backup;
	char args[RS_PATH_MAX + 16];
	snprintf(args, sizeof(args), "%s %s", RS_SELF_LABEL, RS_ARGV_UPDATE);
	r = sys_exec_keep(SELF, rs_self.upd_image, rs_self.upd_image_len, args);
	/* Only on an error: nothing changed. */
	printf("rs: %s update failed: exec (%d); old version kept\n",
	    RS_SELF_LABEL, r);
	sys_clear(backup);
	rs_self.upd_phase = SELF_UPD_NONE;
	rs_self.upd_backup = NONE;
	return r;
}

/* self_update: RS_UPDATE with label "rs" (ST read by do_update from M).
 * Returns -EBUSY (an update runs), -EINVAL (bad fields; another layout:
 * refused with a console line, nothing changed), -ENOMEM, a copy error;
 * NO_REPLY while an unreachable state waits for maxtime; else see self_go(). */
int self_update(message *m, const struct rs_start *st)
{
	if (st->state < 0 || st->maxtime < 0 || (st->image_len &&
	    st->binary[0] != '/'))
		return -EINVAL;
	if (rs_self.upd_phase != SELF_UPD_NONE || upd_any())
		return -EBUSY;
	int r;
	void *image;
	uint32_t len;
	if (st->image_len == 0) {
		r = self_image(&image, &len);
	} else {
		r = image_fetch(m->m_source, st->image, st->image_len, &image);
		len = st->image_len;
	}
	if (r != 0)
		return r;
	if (!self_same_layout(image, len)) {
		printf("rs: %s update refused: %s's PT_LOAD layout is not the "
		    "running rs's (nothing changed)\n", RS_SELF_LABEL,
		    st->image_len ? st->binary : "self");
		if (image != rs_self.image)
			free(image);
		return -EINVAL;
	}
	rs_self.upd_image = image;
	rs_self.upd_image_len = len;
	strlcpy(rs_self.upd_binary, st->image_len ? st->binary : rs_self.binary,
	    sizeof(rs_self.upd_binary));
	rs_self.upd_caller = m->m_source;
	rs_self.upd_dbg = st->flags & (RS_UPD_CRASH | RS_UPD_FAIL |
	    RS_UPD_TIMEOUT);
	int state = st->state ? st->state : SEF_LU_STATE_WORK_FREE;
	if (state > SEF_LU_STATE_PROTOCOL_FREE) {
		/* Never reached: wait for maxtime, then give up. */
		rs_self.upd_phase = SELF_UPD_WAIT;
		rs_self.upd_deadline = timers_now() + (uint32_t) (st->maxtime ?
		    st->maxtime : 2 * (int) rs_hz);
		return NO_REPLY;
	}
	r = self_go();
	if (r != 0 || rs_self.upd_phase == SELF_UPD_NONE) {
		if (rs_self.upd_image && rs_self.upd_image != rs_self.image)
			free(rs_self.upd_image);
		rs_self.upd_image = NULL;
		rs_self.upd_caller = NONE;
	}
	return r;
}

/* self_deadline: the tick RS's own update gives up waiting for an
 * unreachable state, or 0. */
uint32_t self_deadline(void)
{
	return rs_self.upd_phase == SELF_UPD_WAIT ? rs_self.upd_deadline : 0;
}

/* self_timers: the alarm rang at NOW: an unreachable prepare state that
 * ran out of maxtime cancels RS's own update (-EINTR). */
void self_timers(uint32_t now)
{
	if (rs_self.upd_phase != SELF_UPD_WAIT || now < rs_self.upd_deadline)
		return;
	if (rs_self.upd_batch) {
		batch_self_timeout();
		return;
	}
	printf("rs: %s update cancelled: not ready in time\n", RS_SELF_LABEL);
	finish(-EINTR);
}

/* self_update_end: end RS's own update with R for its caller (a batch
 * member's: nothing is answered; the image is freed either way). */
void self_update_end(int r)
{
	finish(r);
}
