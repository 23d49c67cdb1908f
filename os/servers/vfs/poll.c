/* VFS_POLL (poll(2); libc builds select(2) on it): which descriptors are
 * ready, waiting until one is, the timeout passes or a signal comes.
 * Pipes are looked at here, character devices asked with CDEV_SELECT
 * (abi/cdev.h; they notify VFS when something they watch for becomes
 * ready), everything else is always ready. A waiting poll is looked at
 * again when a pipe it names changes, when a driver it asked reports
 * readiness or is restarted, and at its deadline. */
#include <stdlib.h>
#include <string.h>
#include <abi/clock.h>
#include "syslib.h"
#include "vfs_server.h"

#define POLL_RD (POLLIN | POLLRDNORM)
#define POLL_WR (POLLOUT | POLLWRNORM)

/* pipe_ready: the revents of EVENTS on the pipe end F. */
static int pipe_ready(const struct filp *f, int events)
{
	const struct pipe *pp = f->vn->pipe;
	int acc = f->flags & O_ACCMODE, r = 0;
	if (acc != O_WRONLY) {
		if (pp->count > 0)
			r |= events & POLL_RD;
		if (pp->writers == 0)
			r |= POLLHUP;
	}
	if (acc != O_RDONLY) {
		if (pp->readers == 0)
			r |= POLLERR;
		else if (pp->count < PIPE_BUF)
			r |= events & POLL_WR;
	}
	return r;
}

/* cdev_ready: the revents of EVENTS on the character device of F, asked
 * with CDEV_SELECT (NOTIFY: the driver tells VFS what becomes ready). A
 * driver without select counts as ready; one that fails, as an error. */
static int cdev_ready(struct filp *f, int events, int notify)
{
	uint32_t want = CDEV_SEL_ERR;
	if (events & POLL_RD)
		want |= CDEV_SEL_RD;
	if (events & POLL_WR)
		want |= CDEV_SEL_WR;
	int r = cdev_select(f, want | (notify ? CDEV_SEL_NOTIFY : 0));
	if (r == -ENOSYS)
		return events & (POLL_RD | POLL_WR);
	if (r < 0)
		return POLLERR;
	return ((r & CDEV_SEL_RD) ? events & POLL_RD : 0) |
	    ((r & CDEV_SEL_WR) ? events & POLL_WR : 0) |
	    ((r & CDEV_SEL_ERR) ? POLLERR : 0);
}

/* filp_ready: the revents of EVENTS on the open file F. */
static int filp_ready(struct filp *f, int events, int notify)
{
	if (f->vn->pipe)
		return pipe_ready(f, events);
	if (S_ISCHR(f->vn->mode))
		return cdev_ready(f, events, notify);
	return events & (POLL_RD | POLL_WR);
}

/* scan: fill the revents of P's N entries FDS; returns how many have
 * some. NOTIFY: ask drivers to report what becomes ready. */
static int scan(struct vproc *p, struct pollfd *fds, uint32_t n, int notify)
{
	int ready = 0;
	for (uint32_t i = 0; i < n; i++) {
		struct pollfd *e = &fds[i];
		e->revents = 0;
		if (e->fd < 0)
			continue;
		struct filp *f = fd_get(p, e->fd);
		e->revents = (int16_t) (f ? filp_ready(f, e->events, notify) :
		    POLLNVAL);
		if (e->revents)
			ready++;
	}
	return ready;
}

/* now_ticks: clock ticks since boot (0 when the kernel does not say). */
static uint32_t now_ticks(void)
{
	struct mess_kc_times t;
	return sys_times(SELF, &t) == 0 ? t.uptime : 0;
}

/* copy_out: write P's revents back to its array; the reply R, or -EFAULT. */
static int copy_out(struct vproc *p, int r)
{
	if (sys_vircopy(SELF, (vir_bytes) p->poll_fds, p->ep, p->poll_addr,
	    p->poll_nfds * sizeof(struct pollfd)) != 0)
		return -EFAULT;
	return r;
}

/* arm: make sure an alarm rings by DEADLINE (clock ticks). */
static void arm(uint32_t deadline)
{
	int32_t left = (int32_t) (deadline - now_ticks());
	vfs_setalarm(left > 0 ? (uint32_t) left : 1);
}

/* do_poll: VFS_POLL (abi/vfs.h). Reads vfs_poll .fds, .nfds, .timeout.
 * Replies the entries with revents, 0 (the timeout passed), -EINVAL
 * (nfds > POLL_MAX), -ENOMEM, -EFAULT; -EINTR when a signal ends the
 * wait. Waits when nothing is ready and TIMEOUT is not 0. */
int do_poll(message *m)
{
	struct vproc *p = proc_get(m->m_source);
	struct mess_vfs_poll req = m->u.vfs_poll;
	if (!p)
		return -EINVAL;
	if (req.nfds > POLL_MAX)
		return -EINVAL;
	size_t bytes = req.nfds * sizeof(struct pollfd);
	/* Room for the entries' wait-list links after them (waitq.c). */
	struct pollfd *fds = malloc(bytes + req.nfds * sizeof(struct poll_link)
	    + 1);
	if (!fds)
		return -ENOMEM;
	if (bytes && sys_vircopy(p->ep, req.fds, SELF, (vir_bytes) fds,
	    bytes) != 0) {
		free(fds);
		return -EFAULT;
	}
	p->poll_fds = fds;
	p->poll_nfds = req.nfds;
	p->poll_addr = req.fds;
	int r = scan(p, fds, req.nfds, req.timeout != 0);
	if (r > 0 || req.timeout == 0) {
		r = copy_out(p, r);
		poll_forget(p);
		return r;
	}
	p->poll_timed = req.timeout > 0;
	if (p->poll_timed) {
		uint32_t ticks = ((uint32_t) req.timeout * CLOCK_HZ + 999) / 1000;
		p->poll_deadline = now_ticks() + (ticks ? ticks : 1);
		arm(p->poll_deadline);
	}
	p->done = 0;
	suspend(p, SUSP_POLL, m, NULL);
	return SUSPENDED;
}

/* wake_one: look at P's waiting poll again; reply when something is
 * ready. Returns 1 when it replied (P is off every wait list). */
static int wake_one(struct vproc *p)
{
	int r = scan(p, p->poll_fds, p->poll_nfds, 1);
	if (r <= 0)
		return 0;
	resume(p, copy_out(p, r));
	return 1;
}

/* wake_links: wake_one for the poll of each entry on the list from FIRST
 * (*HEAD its head). A reply takes all of that poll's entries off their
 * lists (maybe the next one too): the walk starts again at the head. */
static void wake_links(struct poll_link *const *head)
{
	struct poll_link *l = *head;
	while (l) {
		if (wake_one(l->p))
			l = *head;
		else
			l = l->next;
	}
}

/* poll_wakeup: see vfs_server.h. A pipe's polls are on its list, a
 * driver's on the lists of the majors it serves (waitq.c); only those are
 * looked at. */
void poll_wakeup(const struct vnode *vn, endpoint_t drv)
{
	if (vn) {
		if (vn->pipe)
			wake_links(&vn->pipe->polls.first);
		return;
	}
	if (drv != NONE) {
		for (uint32_t major = 1; major < NR_MAJORS; major++) {
			struct poll_link *first = waitq_major_polls(major);
			if (first && cdev_driver(DEV_MAKE(major, 0)) == drv)
				wake_links(&first->list->first);
		}
		return;
	}
	struct vproc *next;
	for (struct vproc *p = waitq_polls(); p; p = next) {
		next = p->wnext;
		wake_one(p);
	}
}

/* poll_alarm: see vfs_server.h. Polls past their deadline end with what
 * is ready then (0: nothing); the alarm is set again for the earliest
 * deadline left. */
void poll_alarm(uint32_t now)
{
	uint32_t earliest = 0;
	int any = 0;
	struct vproc *next;
	for (struct vproc *p = waitq_polls(); p; p = next) {
		next = p->wnext;
		if (!p->poll_timed)
			continue;
		if ((int32_t) (now - p->poll_deadline) >= 0) {
			int r = scan(p, p->poll_fds, p->poll_nfds, 0);
			resume(p, copy_out(p, r));
			continue;
		}
		if (!any || (int32_t) (p->poll_deadline - earliest) < 0)
			earliest = p->poll_deadline;
		any = 1;
	}
	if (any)
		arm(earliest);
}

/* poll_forget: see vfs_server.h. */
void poll_forget(struct vproc *p)
{
	free(p->poll_fds);
	p->poll_fds = NULL;
	p->poll_nfds = 0;
	p->poll_timed = 0;
}
