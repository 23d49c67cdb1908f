/* RS's queue of live updates (`service -q update ...`): each waits here,
 * its new program already copied into RS, until `service sysctl upd_run`
 * runs them all as one batch (batch.c). At most one per service. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "rs.h"

static struct upd_queued queue[RS_UPD_QUEUE_MAX];
static int nr_queued;

/* Whether IMAGE (LEN bytes) can replace the running program of S (NULL:
 * RS itself) keeping its memory: the same PT_LOAD layout. A service that
 * does not restart in place keeps nothing, so any program does. */
static int layout_ok(struct service *s, const void *image, uint32_t len)
{
	if (s == NULL)
		return self_same_layout(image, len);
	return s->policy != RS_RESTART_INPLACE || (image_ensure(s) == 0 &&
	    image_same_layout(s->image, s->image_len, image, len));
}

/* batch_queue: queue the update ST of S (NULL: RS itself; checked by
 * do_update; M is the request, whose sender holds the new program).
 * Returns 0, -EBUSY (S has one queued already), -ENOSPC (the queue is
 * full), -EINVAL (S restarts in place, as RS does, and the new program's
 * memory layout is not the running one's: its state could not be kept),
 * -ENOMEM or a copy error; nothing is queued on an error. */
int batch_queue(message *m, struct service *s, const struct rs_start *st)
{
	const char *label = s ? s->label : RS_SELF_LABEL;
	for (int i = 0; i < nr_queued; i++)
		if (strcmp(queue[i].label, label) == 0)
			return -EBUSY;
	if (nr_queued == RS_UPD_QUEUE_MAX)
		return -ENOSPC;
	struct upd_queued *q = &queue[nr_queued];
	memset(q, 0, sizeof(*q));
	if (st->image_len) {
		int r = image_fetch(m->m_source, st->image, st->image_len,
		    &q->image);
		if (r != 0)
			return r;
		q->image_len = st->image_len;
		strlcpy(q->binary, st->binary, sizeof(q->binary));
		if (!layout_ok(s, q->image, q->image_len)) {
			printf("rs: %s update refused: %s has another memory "
			    "layout (PT_LOAD segments) than the running program; "
			    "its state could not be kept\n", label, q->binary);
			free(q->image);
			q->image = NULL;
			return -EINVAL;
		}
	}
	strlcpy(q->label, label, sizeof(q->label));
	q->state = st->state ? st->state : SEF_LU_STATE_WORK_FREE;
	q->maxtime = st->maxtime ? st->maxtime : 2 * (int) rs_hz;
	q->dbg = st->flags & (RS_UPD_CRASH | RS_UPD_FAIL | RS_UPD_TIMEOUT);
	q->prep_only = (st->flags & RS_UPD_PREPARE_ONLY) != 0;
	nr_queued++;
	printf("rs: %s update queued (%d in the queue)\n", label, nr_queued);
	return 0;
}

/* batch_queued: how many updates wait in the queue. */
int batch_queued(void)
{
	return nr_queued;
}

/* batch_entry: the I-th queued update (0 <= I < batch_queued()). */
struct upd_queued *batch_entry(int i)
{
	return &queue[i];
}

/* batch_stop: empty the queue (the images it still holds are freed; a run
 * takes over the ones it uses first). Returns how many were dropped. */
int batch_stop(void)
{
	int n = nr_queued;
	for (int i = 0; i < n; i++) {
		free(queue[i].image);
		queue[i].image = NULL;
	}
	nr_queued = 0;
	return n;
}

/* batch_status: copy the labels of the queued updates into the caller's
 * buffer (rs_req.addr; len must be RS_UPD_QUEUE_MAX labels). Returns how
 * many, -EINVAL (wrong size) or a copy error. */
int batch_status(message *m)
{
	static char labels[RS_UPD_QUEUE_MAX][RS_LABEL_MAX];
	if (m->u.rs_req.len != sizeof(labels))
		return -EINVAL;
	memset(labels, 0, sizeof(labels));
	for (int i = 0; i < nr_queued; i++)
		strlcpy(labels[i], queue[i].label, RS_LABEL_MAX);
	int r = sys_vircopy(SELF, (vir_bytes) labels, m->m_source,
	    m->u.rs_req.addr, sizeof(labels));
	return r != 0 ? (r == -EFAULT ? -EINVAL : r) : nr_queued;
}
