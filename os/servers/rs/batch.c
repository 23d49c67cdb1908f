/* The atomic multi-service live update (`service sysctl upd_run`): every
 * queued update runs as a member of one batch, each in its own update
 * record (upd_slot.c) driven by the per-service code of update.c, with
 * three differences: an old instance that reaches its prepare state stays
 * frozen (its RS_SEF_LU_READY unanswered) until every member is frozen
 * (the keep-state members, core services, prepare last: release_held);
 * then all are swapped together; a new version whose init succeeded runs
 * on (it may serve another member's init: a driver's new version asks the
 * PCI server, hello's asks DS) while its old program waits in the spare
 * slot, until every new version succeeded; then all commit (the old
 * programs are cleared). The first failure of any member rolls every
 * member back (batch_fail: a new version that runs already is stopped and
 * its old program, frozen since the prepare, resumes) and is the batch's
 * answer. RS itself may be a member: it is updated last, once every other
 * new version runs, and its new version commits them all (batch_self.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "rs.h"

static struct {
	int running;
	endpoint_t caller;           /* the `service sysctl upd_run` */
	int nr;                      /* members: rs_updates[1..nr], RS not
	                              * counted (rs_self.upd_batch) */
} batch;

static void swap_all(void);

/* member: the I-th member's record. */
static struct rs_update *member(int i)
{
	return &rs_updates[1 + i];
}

/* batch_end: the batch ended with R: answer the caller. */
static void batch_end(int r)
{
	for (int i = 0; i < batch.nr; i++)
		member(i)->batch = 0;
	batch.running = 0;
	batch.nr = 0;
	rs_updp = &rs_updates[0];
	if (r == 0)
		printf("rs: update batch done\n");
	message m;
	memset(&m, 0, sizeof(m));
	rs_reply(batch.caller, r, &m);
	batch.caller = NONE;
}

/* start_keep: member U of S (= rs_upd) is a keep-state update (a service
 * that restarts in place, as do_update's start_keep): the layouts must
 * match (else -EINVAL and a console line); the old instance is asked to
 * prepare once every other member is frozen (release_held), the new
 * program starts in a copy of it once frozen (update_ready, after every
 * member is frozen). Returns 0 or -EINVAL. */
static int start_keep(struct rs_update *u, struct service *s)
{
	if (!image_same_layout(s->image, s->image_len, u->image,
	    u->image_len)) {
		printf("rs: %s update refused: %s has another memory layout "
		    "(PT_LOAD segments) than the running program; its state "
		    "could not be kept\n", s->label, u->binary);
		return -EINVAL;
	}
	u->keep = 1;
	u->spare = NONE;
	u->phase = UPD_LOAD;
	u->held = 1;                    /* prepared by release_held */
	svc_set_state(s, RS_STATE_UPDATING);
	s->deadline = timers_now() + (uint32_t) u->maxtime;
	return 0;
}

/* release_held: the keep-state members (core services: ds, tty, pm ...)
 * are asked to prepare only once every other member is frozen: the
 * others may need them to get there (hello saves its count in DS in its
 * state save; a frozen DS would never answer). A keep-state service saves
 * nothing, so it needs no one to reach its state. */
static void release_held(void)
{
	for (int i = 0; i < batch.nr; i++) {
		struct rs_update *u = member(i);
		if (!u->held && (u->phase != UPD_PREPARE || u->frozen != 1))
			return;
	}
	for (int i = 0; i < batch.nr; i++) {
		struct rs_update *u = member(i);
		if (!u->held)
			continue;
		u->held = 0;
		rs_updp = u;
		update_loaded(u->svc);
	}
}

/* start_member: start the new program of queued update Q of S in member
 * record U (= rs_upd) beside the old instance, as do_update does for one
 * service (a service that restarts in place: start_keep). Returns 0 or an
 * error (U is then not in progress). */
static int start_member(struct rs_update *u, struct service *s,
    struct upd_queued *q)
{
	memset(u, 0, sizeof(*u));
	u->svc = s;
	u->batch = 1;
	u->spare = NONE;
	u->caller = NONE;
	u->state = q->state;
	u->maxtime = q->maxtime;
	u->dbg = q->dbg;
	u->prep_only = q->prep_only;
	int r = 0;
	if (q->image == NULL) {
		r = image_ensure(s);
		u->image = s->image;
		u->image_len = s->image_len;
		strlcpy(u->binary, s->binary, sizeof(u->binary));
	} else {
		u->image = q->image;                  /* now the member's */
		u->image_len = q->image_len;
		q->image = NULL;
		strlcpy(u->binary, q->binary, sizeof(u->binary));
	}
	if (r == 0 && s->policy == RS_RESTART_INPLACE) {
		r = start_keep(u, s);
		if (r == 0)
			return 0;
	} else if (r == 0) {
		r = instance_spare(s, &u->spare);
	}
	if (r == 0) {
		r = instance_exec(s, u->spare, u->image, u->image_len);
		if (r != 0)
			sys_clear(u->spare);
	}
	if (r != 0) {
		if (u->image && u->image != s->image)
			free(u->image);
		u->image = NULL;
		return r;
	}
	u->phase = UPD_LOAD;
	svc_set_state(s, RS_STATE_UPDATING);
	s->deadline = timers_now() + (uint32_t) u->maxtime;
	return 0;
}

/* check_queue: every queued service must exist and be up, not busy.
 * Returns 0, or -ENOENT / -EBUSY after a console line. */
static int check_queue(void)
{
	for (int i = 0; i < batch_queued(); i++) {
		struct upd_queued *q = batch_entry(i);
		if (core_is_self(q->label)) {
			if (rs_self.upd_phase != SELF_UPD_NONE)
				return -EBUSY;
			continue;
		}
		struct service *s = svc_by_label(q->label);
		int r = !s ? -ENOENT : s->state != RS_STATE_UP ||
		    s->caller != NONE ? -EBUSY : 0;
		if (r != 0) {
			printf("rs: update batch refused: %s is %s (nothing "
			    "changed)\n", q->label, r == -ENOENT ? "gone" :
			    "not up");
			return r;
		}
	}
	return 0;
}

/* batch_run: run the queue as one batch for CALLER (answered when it
 * ended). Returns NO_REPLY, or at once -ENOENT (empty queue, or a queued
 * service is gone), -EBUSY (an update runs, or a queued service is not
 * up). The queue is empty afterwards unless an update was running. */
int batch_run(endpoint_t caller)
{
	if (batch.running || upd_any())
		return -EBUSY;
	if (batch_queued() == 0)
		return -ENOENT;
	int r = check_queue();
	if (r != 0) {
		batch_stop();
		return r;
	}
	batch.running = 1;
	batch.caller = caller;
	batch.nr = 0;
	int n = batch_queued();
	printf("rs: update batch of %d service%s started\n", n,
	    n == 1 ? "" : "s");
	for (int i = 0; i < n; i++) {
		struct upd_queued *q = batch_entry(i);
		if (core_is_self(q->label)) {
			r = batch_self_start(q);
			if (r != 0) {
				batch_stop();
				batch_fail_of(q->label, r,
				    "its new version cannot be loaded");
				return NO_REPLY;
			}
			continue;
		}
		struct service *s = svc_by_label(q->label);
		rs_updp = member(batch.nr);
		r = start_member(member(batch.nr++), s, q);
		if (r != 0) {
			batch_stop();
			batch_fail(r, "its new version cannot be loaded");
			return NO_REPLY;
		}
	}
	batch_stop();
	release_held();
	rs_updp = &rs_updates[0];
	if (batch.nr == 0 && batch_self_ready())
		swap_all();                     /* RS alone (or -o): now */
	return NO_REPLY;
}

/* swap_all: every old instance is frozen: swap every member (a
 * prepare-only one resumes instead; a keep-state one starts its new
 * program in a copy of the frozen instance, UPD_COPY, and is swapped when
 * that asks for its init), then wait for the inits. */
static void swap_all(void)
{
	int waiting = 0, failed = 0;
	int n = batch.nr + rs_self.upd_batch;
	printf("rs: update batch: all %d service%s ready; swapping\n", n,
	    n == 1 ? "" : "s");
	for (int i = 0; i < batch.nr; i++) {
		struct rs_update *u = member(i);
		if (u->phase != UPD_PREPARE)
			continue;
		rs_updp = u;
		if (u->prep_only) {
			update_prepared(u->svc);
			continue;
		}
		update_ready(u->svc, 0);
		if (u->phase == UPD_INIT || u->phase == UPD_COPY)
			waiting++;
		else
			failed = 1;
	}
	if (failed)
		batch_fail(-EIO, "a swap failed");
	else if (waiting == 0 && batch_self_swap())
		batch_end(0);
}

/* batch_ready: the old instance of member S (rs_upd) reached its prepare
 * state (RESULT 0: it stays frozen in its RS_SEF_LU_READY) or refused it
 * (the whole batch fails with RESULT). */
void batch_ready(struct service *s, int result)
{
	if (result != 0) {
		message m;
		memset(&m, 0, sizeof(m));
		rs_reply(s->ep, result, &m);
		rs_upd.frozen = -1;             /* answered already */
		batch_fail(result, "it refused the prepare state");
		return;
	}
	rs_upd.frozen = 1;
	s->deadline = 0;                    /* the others' deadlines count */
	struct rs_update *self = rs_updp;
	release_held();
	rs_updp = self;
	for (int i = 0; i < batch.nr; i++)
		if (member(i)->phase != UPD_PREPARE || member(i)->frozen != 1)
			return;
	if (batch_self_ready())
		swap_all();
}

/* batch_init_done: the new version of member S (rs_upd) finished its init
 * with R. Success: it runs on at once (answered), uncommitted; when all
 * succeeded every member commits. Else the batch fails with R. */
void batch_init_done(struct service *s, int r)
{
	if (r != 0) {
		batch_fail(r, "its new version failed its init");
		return;
	}
	message m;
	memset(&m, 0, sizeof(m));
	rs_reply(s->ep, 0, &m);
	rs_upd.inited = 1;
	s->deadline = 0;
	for (int i = 0; i < batch.nr; i++) {
		struct rs_update *u = member(i);
		if (u->phase != UPD_NONE && (u->phase != UPD_INIT || !u->inited))
			return;               /* one still copies or initialises */
	}
	if (batch_self_swap())                /* else RS's new version commits */
		batch_commit();
}

/* batch_check_uncommitted: the new RS of a batch checks, before it
 * commits, that every other member waits for its commit (its new version
 * initialised, its old program in the spare slot) or ended (-o). Returns
 * 0, or -1 when one does not. */
int batch_check_uncommitted(void)
{
	if (!batch.running || batch.nr < 0 || batch.nr > RS_UPD_QUEUE_MAX)
		return -1;
	for (int i = 0; i < batch.nr; i++) {
		struct rs_update *u = member(i);
		if (u->phase != UPD_NONE && (u->phase != UPD_INIT || !u->inited ||
		    !u->batch || u->spare == NONE))
			return -1;
	}
	return 0;
}

/* batch_commit: every member's new version succeeded (RS's too, when it
 * is one): every old program is cleared and the caller gets 0. */
void batch_commit(void)
{
	for (int i = 0; i < batch.nr; i++) {
		struct rs_update *u = member(i);
		if (u->phase != UPD_INIT)
			continue;
		rs_updp = u;
		update_commit(u->svc);
	}
	batch_end(0);
}

/* batch_ksig: a kernel signal for EP (S: its service, if any) while
 * member rs_upd runs. Returns 1 when handled here: the new program died
 * (before the swap: it did not start; after: it crashed in its init), or
 * the old program, waiting in the spare slot after the swap, was
 * signalled (it is in transit). Returns 0 when the old instance died
 * while preparing: the batch fails, then the failure is handled as any. */
int batch_ksig(endpoint_t ep, struct service *s)
{
	int phase = rs_upd.phase;
	if (ep == rs_upd.spare) {
		if (phase == UPD_LOAD || phase == UPD_PREPARE ||
		    phase == UPD_COPY)
			batch_fail(-ERESTART, "its new version failed to start");
		return 1;
	}
	if (s != rs_upd.svc)
		return 0;
	if (phase == UPD_INIT) {
		batch_fail(-ERESTART, "its new version crashed in its init");
		return 1;
	}
	batch_fail(-ERESTART, "it failed while preparing");
	return 0;
}

/* undo: roll member U (= rs_upd) back with ERR: whatever it reached, the
 * old version goes on serving at the service's endpoint with its state. */
static void undo(struct rs_update *u, int err, const char *why)
{
	struct service *s = u->svc;
	if (u->phase == UPD_INIT) {
		update_rollback(err, why);      /* swaps the old program back */
		return;
	}
	if ((u->phase == UPD_PREPARE && u->frozen == 1) ||
	    u->phase == UPD_COPY) {
		message m;
		memset(&m, 0, sizeof(m));
		rs_reply(s->ep, -EINTR, &m);    /* it goes on serving */
	} else if (u->phase == UPD_PREPARE) {
		s->events |= SEF_EV_PREPARE;
		s->ev_prep_state = SEF_LU_STATE_NULL;
		ipc_notify(s->ep);
	}
	if (u->spare != NONE)
		sys_clear(u->spare);
	printf("rs: %s update rolled back; old version kept\n", s->label);
	update_finish(s, err);
}

/* batch_fail: member rs_upd failed with ERR (WHY for the console): every
 * member is rolled back, the caller gets ERR. */
void batch_fail(int err, const char *why)
{
	batch_fail_of(rs_upd.svc ? rs_upd.svc->label : "?", err, why);
}

/* batch_fail_of: member LABEL failed with ERR (WHY for the console):
 * every member is rolled back (RS's part, not swapped yet, ends), the
 * caller gets ERR. */
void batch_fail_of(const char *label, int err, const char *why)
{
	if (!batch.running)
		return;
	printf("rs: update batch failed: %s: %s (%d); rolling back every "
	    "service\n", label, why, err);
	batch_self_cancel();
	for (int i = 0; i < batch.nr; i++) {
		struct rs_update *u = member(i);
		if (u->phase == UPD_NONE)
			continue;
		rs_updp = u;
		undo(u, err, "the batch failed");
	}
	batch_end(err);
}
