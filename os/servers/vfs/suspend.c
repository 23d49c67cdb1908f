/* Calls that wait: recording one (no reply now), finishing it later with
 * a reply, or forgetting it (the process is gone). */
#include "vfs_server.h"

/* suspend: see vfs_server.h. P goes on its wait list (waitq.c). */
void suspend(struct vproc *p, enum vsusp why, message *m, struct filp *f)
{
	p->susp = why;
	if (why != SUSP_PIPE_READ && why != SUSP_PIPE_WRITE)
		p->req = *m;            /* a pipe's call needs only buf, len */
	p->susp_filp = f;
	if (f)
		f->refs++;
	waitq_add(p);
}

/* finish: take P off its wait list, clear its waiting state and drop
 * the open file it held. */
static void finish(struct vproc *p)
{
	struct filp *f = p->susp_filp;
	waitq_del(p);
	if (p->susp == SUSP_POLL)
		poll_forget(p);
	p->susp = SUSP_NONE;
	p->susp_filp = NULL;
	if (f)
		filp_put(f);
}

/* resume: see vfs_server.h. The answer leaves at once: the request that
 * finished P's call has its own answer, which rides the next receive. */
void resume(struct vproc *p, int r)
{
	endpoint_t ep = p->ep;
	finish(p);
	vfs_reply_now(ep, r);
}

/* unsuspend: see vfs_server.h. A driver request is cancelled at the
 * driver, whose answer is dropped; an open that waited for its block
 * driver drops its open file. */
void unsuspend(struct vproc *p)
{
	if (p->susp == SUSP_NONE)
		return;
	if (p->susp == SUSP_CDEV)
		cdev_cancel(p);
	else if (p->susp == SUSP_BDEV)
		bdev_cancel(p);
	finish(p);
}
