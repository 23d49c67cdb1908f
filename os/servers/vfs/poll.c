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
	struct pollfd *fds = malloc(bytes ? bytes : 1);
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

struct wake {
	const struct vnode *vn;    /* polls naming this pipe, or NULL */
	endpoint_t drv;            /* polls naming a device of it, or NONE */
};

/* names: whether P's waiting poll names W's pipe or driver (neither
 * given: any). */
static int names(struct vproc *p, const struct wake *w)
{
	if (!w->vn && w->drv == NONE)
		return 1;
	for (uint32_t i = 0; i < p->poll_nfds; i++) {
		struct filp *f = p->poll_fds[i].fd < 0 ? NULL :
		    fd_get(p, p->poll_fds[i].fd);
		if (!f)
			continue;
		if (w->vn && f->vn == w->vn)
			return 1;
		if (w->drv != NONE && S_ISCHR(f->vn->mode) &&
		    cdev_driver(f->vn->rdev) == w->drv)
			return 1;
	}
	return 0;
}

/* wake_one: look at P's waiting poll again if W concerns it; reply when
 * something is ready. */
static void wake_one(struct vproc *p, void *arg)
{
	if (p->susp != SUSP_POLL || !names(p, arg))
		return;
	int r = scan(p, p->poll_fds, p->poll_nfds, 1);
	if (r > 0)
		resume(p, copy_out(p, r));
}

/* poll_wakeup: see vfs_server.h. */
void poll_wakeup(const struct vnode *vn, endpoint_t drv)
{
	struct wake w = { vn, drv };
	proc_each(wake_one, &w);
}

/* expire: P's waiting poll whose deadline is *ARG's or earlier ends with
 * what is ready then (0: nothing); the earliest deadline left is kept in
 * *ARG's second word. */
static void expire(struct vproc *p, void *arg)
{
	uint32_t *t = arg;             /* [0] now, [1] earliest left, [2] any */
	if (p->susp != SUSP_POLL || !p->poll_timed)
		return;
	if ((int32_t) (t[0] - p->poll_deadline) >= 0) {
		int r = scan(p, p->poll_fds, p->poll_nfds, 0);
		resume(p, copy_out(p, r));
		return;
	}
	if (!t[2] || (int32_t) (p->poll_deadline - t[1]) < 0)
		t[1] = p->poll_deadline;
	t[2] = 1;
}

/* poll_alarm: see vfs_server.h. */
void poll_alarm(uint32_t now)
{
	uint32_t t[3] = { now, 0, 0 };
	proc_each(expire, t);
	if (t[2])
		arm(t[1]);
}

/* poll_forget: see vfs_server.h. */
void poll_forget(struct vproc *p)
{
	free(p->poll_fds);
	p->poll_fds = NULL;
	p->poll_nfds = 0;
	p->poll_timed = 0;
}
