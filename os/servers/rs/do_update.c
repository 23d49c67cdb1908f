/* RS_UPDATE: live update of a service to a new program (or to its own,
 * "self": image_len 0). The new program starts at once in a spare slot,
 * beside the old one, and waits in its RS_SEF_INIT (update_loaded) before
 * the old instance is asked to prepare. A service that restarts in place
 * (restart inplace) is updated keeping its state: its new program must
 * have the same PT_LOAD layout (else -EINVAL before anything changes); the
 * old instance prepares first, then the new program starts in a copy of
 * its memory (update.c). The reply comes when the update ended: 0; -EINTR
 * (not ready within maxtime, or the new version did not answer in time);
 * the new version's init error (e.g. -ENOSYS); -ERESTART (it crashed in
 * init). The old version keeps serving on every error. With
 * RS_UPD_PREPARE_ONLY the old instance only prepares and resumes
 * (prepare_only.c); with RS_UPD_QUEUE the update is queued for the next
 * batch (batch_queue.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "rs.h"

static struct rs_start st;

/* Whether manifest MF may come with an update of S: it must be S's
 * (label); an update of S to its own program ("self") may send none. */
static int same_service(const struct rs_manifest *mf, uint32_t image_len,
    const struct service *s)
{
	if (image_len == 0 && mf->label[0] == '\0')
		return 1;
	return memchr(mf->label, '\0', sizeof(mf->label)) != NULL &&
	    strcmp(mf->label, s->label) == 0;
}

/* start_keep: begin the keep-state update of S (its image and the new one
 * in rs_upd) for CALLER: the layouts must match (else -EINVAL and a
 * console line), then the old instance is asked to prepare at once; the
 * new program starts in a copy of it once it is frozen (update_ready).
 * Returns NO_REPLY or -EINVAL. */
static int start_keep(struct service *s, endpoint_t caller)
{
	if (!image_same_layout(s->image, s->image_len, rs_upd.image,
	    rs_upd.image_len)) {
		printf("rs: %s update refused: %s has another memory layout "
		    "(PT_LOAD segments) than the running program; its state "
		    "could not be kept\n", s->label, rs_upd.binary);
		if (rs_upd.image && rs_upd.image != s->image)
			free(rs_upd.image);
		rs_upd.image = NULL;
		return -EINVAL;
	}
	rs_upd.keep = 1;
	rs_upd.spare = NONE;
	rs_upd.caller = caller;
	svc_set_state(s, RS_STATE_UPDATING);
	s->deadline = timers_now() + (uint32_t) rs_upd.maxtime;
	update_loaded(s);               /* prepare now */
	return NO_REPLY;
}

/* update_self: `service update ... -label rs` (request M, fields in st):
 * RS updates itself (self_update.c); queued (-q) it is a batch member
 * like any (batch_queue.c), updated last in the batch (batch_self.c). A
 * prepare-only update of RS (-o) reaches states 1-3 at once (RS is
 * between requests) and answers 0; an unreachable state goes through
 * self_update, which times out (-EINTR) without swapping. */
static int update_self(message *m)
{
	if (st.flags & RS_UPD_QUEUE) {
		if (st.state < 0 || st.maxtime < 0 || (st.image_len &&
		    st.binary[0] != '/'))
			return -EINVAL;
		return batch_queue(m, NULL, &st);
	}
	int state = st.state ? st.state : SEF_LU_STATE_WORK_FREE;
	if ((st.flags & RS_UPD_PREPARE_ONLY) &&
	    state != SEF_LU_STATE_UNREACHABLE) {
		if (state != SEF_LU_STATE_WORK_FREE &&
		    state != SEF_LU_STATE_REQUEST_FREE &&
		    state != SEF_LU_STATE_PROTOCOL_FREE)
			return -EINVAL;
		printf("rs: prepared (state %d), resumed: a prepare-only "
		    "update\n", state);
		return 0;
	}
	return self_update(m, &st);
}

/* do_update: -ENOENT, -EINVAL (bad fields, or the new binary's manifest
 * is another service's), -EBUSY (an update runs, or the service is not
 * up), -ENOMEM; else no reply now. The new version keeps the service's
 * privileges (from its start); its manifest only says whose it is. */
int do_update(message *m)
{
	int r;
	struct service *s = req_service(m, &st, &r);
	if (!s && r == -ENOENT && core_is_self(st.label))
		return update_self(m);

	if (!s)
		return r;
	if (st.state < 0 || st.maxtime < 0 || (st.image_len && st.binary[0] != '/'))
		return -EINVAL;
	if (!same_service(&st.manifest, st.image_len, s)) {
		printf("rs: %s update refused: the new binary's manifest is not "
		    "service %s\n", s->label, s->label);
		return -EINVAL;
	}
	if (st.flags & RS_UPD_QUEUE)
		return batch_queue(m, s, &st);
	if (upd_any() || s->state != RS_STATE_UP ||
	    s->caller != NONE)
		return -EBUSY;
	memset(&rs_upd, 0, sizeof(rs_upd));
	rs_upd.svc = s;
	rs_upd.state = st.state ? st.state : SEF_LU_STATE_WORK_FREE;
	rs_upd.maxtime = st.maxtime ? st.maxtime : 2 * (int) rs_hz;
	rs_upd.dbg = st.flags & (RS_UPD_CRASH | RS_UPD_FAIL | RS_UPD_TIMEOUT);
	rs_upd.prep_only = (st.flags & RS_UPD_PREPARE_ONLY) != 0;
	if (st.image_len == 0) {
		r = image_ensure(s);
		rs_upd.image = s->image;
		rs_upd.image_len = s->image_len;
		strlcpy(rs_upd.binary, s->binary, sizeof(rs_upd.binary));
	} else {
		r = image_fetch(m->m_source, st.image, st.image_len, &rs_upd.image);
		rs_upd.image_len = st.image_len;
		strlcpy(rs_upd.binary, st.binary, sizeof(rs_upd.binary));
	}
	if (r == 0 && s->policy == RS_RESTART_INPLACE)
		return start_keep(s, m->m_source);
	if (r == 0)
		r = instance_spare(s, &rs_upd.spare);
	if (r == 0) {
		r = instance_exec(s, rs_upd.spare, rs_upd.image,
		    rs_upd.image_len);
		if (r != 0)
			sys_clear(rs_upd.spare);
	}
	if (r != 0) {
		if (rs_upd.image && rs_upd.image != s->image)
			free(rs_upd.image);
		rs_upd.image = NULL;
		return r;
	}
	rs_upd.caller = m->m_source;
	rs_upd.phase = UPD_LOAD;
	svc_set_state(s, RS_STATE_UPDATING);
	s->deadline = timers_now() + (uint32_t) rs_upd.maxtime;
	return NO_REPLY;
}
