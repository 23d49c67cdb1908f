/* Wait lists: who waits on what, found without looking at every process.
 * A suspended call is on exactly one list: the pipe it reads or writes
 * (struct pipe .waiting), the driver slot whose request it waits for
 * (cdev), the block-device waits or the waiting polls. Each entry of a
 * waiting poll that names a pipe or a character device is also on that
 * pipe's (.polls) or that major's list, so a pipe that changes or a
 * driver's readiness report looks only at the polls that name it.
 *
 * The lists live in VFS's memory and are kept across a restart in place;
 * waitq_rebuild makes them again from the waiting calls themselves (the
 * kept-state check's repair), so a list a crash left half-linked is never
 * followed. */
#include <string.h>
#include "vfs_server.h"

static struct wlist drv_waiting[NR_VPROCS];   /* by the driver's slot */
static struct wlist bdev_waiting;
static struct wlist polls_waiting;
static struct plist major_polls[NR_MAJORS];

/* list_of: the list P's waiting call (P->susp) belongs on, or NULL. */
static struct wlist *list_of(struct vproc *p)
{
	switch (p->susp) {
	case SUSP_PIPE_READ:
	case SUSP_PIPE_WRITE:
		return &p->susp_filp->vn->pipe->waiting;
	case SUSP_CDEV:
		return &drv_waiting[ep_slot(p->cdev.driver)];
	case SUSP_BDEV:
		return &bdev_waiting;
	case SUSP_POLL:
		return &polls_waiting;
	default:
		return NULL;
	}
}

/* plist_of: the list entry E (of a waiting poll of P) belongs on: its
 * pipe's or its character device's major's; NULL for anything else. */
static struct plist *plist_of(struct vproc *p, const struct pollfd *e)
{
	struct filp *f = e->fd < 0 ? NULL : fd_get(p, e->fd);
	if (!f)
		return NULL;
	if (f->vn->pipe)
		return &f->vn->pipe->polls;
	if (S_ISCHR(f->vn->mode) && DEV_MAJOR(f->vn->rdev) < NR_MAJORS)
		return &major_polls[DEV_MAJOR(f->vn->rdev)];
	return NULL;
}

/* poll_links: the links of P's poll entries: right after its entries in
 * the same allocation (poll.c allocates room for both). */
static struct poll_link *poll_links(struct vproc *p)
{
	return (struct poll_link *) (p->poll_fds + p->poll_nfds);
}

/* link_entries: put each entry of P's waiting poll on its list. */
static void link_entries(struct vproc *p)
{
	struct poll_link *l = poll_links(p);
	for (uint32_t i = 0; i < p->poll_nfds; i++) {
		struct plist *pl = plist_of(p, &p->poll_fds[i]);
		l[i].p = p;
		l[i].list = pl;
		l[i].prev = NULL;
		l[i].next = pl ? pl->first : NULL;
		if (!pl)
			continue;
		if (pl->first)
			pl->first->prev = &l[i];
		pl->first = &l[i];
	}
}

/* unlink_entries: take each entry of P's waiting poll off its list. */
static void unlink_entries(struct vproc *p)
{
	struct poll_link *l = poll_links(p);
	for (uint32_t i = 0; i < p->poll_nfds; i++) {
		struct plist *pl = l[i].list;
		if (!pl)
			continue;
		if (l[i].prev)
			l[i].prev->next = l[i].next;
		else
			pl->first = l[i].next;
		if (l[i].next)
			l[i].next->prev = l[i].prev;
		l[i].list = NULL;
	}
}

/* waitq_add: see vfs_server.h. At the end: first come, first served. */
void waitq_add(struct vproc *p)
{
	struct wlist *w = list_of(p);
	p->wnext = NULL;
	p->wprev = NULL;
	p->wlist = w;
	if (!w)
		return;
	p->wprev = w->last;
	if (w->last)
		w->last->wnext = p;
	else
		w->first = p;
	w->last = p;
	if (p->susp == SUSP_POLL)
		link_entries(p);
}

/* waitq_del: see vfs_server.h. */
void waitq_del(struct vproc *p)
{
	struct wlist *w = p->wlist;
	if (!w)
		return;
	if (p->susp == SUSP_POLL && p->poll_fds)
		unlink_entries(p);
	if (p->wprev)
		p->wprev->wnext = p->wnext;
	else
		w->first = p->wnext;
	if (p->wnext)
		p->wnext->wprev = p->wprev;
	else
		w->last = p->wprev;
	p->wnext = p->wprev = NULL;
	p->wlist = NULL;
}

/* waitq_driver: see vfs_server.h. */
struct vproc *waitq_driver(endpoint_t drv)
{
	return drv_waiting[ep_slot(drv)].first;
}

/* waitq_bdev: see vfs_server.h. */
struct vproc *waitq_bdev(void)
{
	return bdev_waiting.first;
}

/* waitq_polls: see vfs_server.h. */
struct vproc *waitq_polls(void)
{
	return polls_waiting.first;
}

/* waitq_major_polls: see vfs_server.h. */
struct poll_link *waitq_major_polls(uint32_t major)
{
	return major < NR_MAJORS ? major_polls[major].first : NULL;
}

/* waitq_rebuild: see vfs_server.h. Nothing of the old links is read: the
 * heads and every process's links are cleared first. */
void waitq_rebuild(void)
{
	memset(drv_waiting, 0, sizeof(drv_waiting));
	memset(&bdev_waiting, 0, sizeof(bdev_waiting));
	memset(&polls_waiting, 0, sizeof(polls_waiting));
	memset(major_polls, 0, sizeof(major_polls));
	for (int i = 0; i < NR_VNODES; i++) {
		struct vnode *vn = vnode_slot(i);
		if (vn->refs && vn->pipe) {
			memset(&vn->pipe->waiting, 0, sizeof(vn->pipe->waiting));
			memset(&vn->pipe->polls, 0, sizeof(vn->pipe->polls));
		}
	}
	for (int i = 0; i < NR_VPROCS; i++) {
		struct vproc *p = proc_slot(i);
		p->wnext = p->wprev = NULL;
		p->wlist = NULL;
	}
	for (int i = 0; i < NR_VPROCS; i++) {
		struct vproc *p = proc_slot(i);
		if (p->ep && p->susp != SUSP_NONE)
			waitq_add(p);
	}
}
