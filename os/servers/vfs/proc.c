/* Per-process records, indexed by process slot and checked against the
 * full endpoint: descriptors, close-on-exec bits, working directory. */
#include <string.h>
#include "syslib.h"
#include "vfs_server.h"

static struct vproc procs[NR_VPROCS];

/* proc_init: see vfs_server.h. */
void proc_init(struct vproc *p, endpoint_t ep, int pid)
{
	memset(p, 0, sizeof(*p));
	p->ep = ep;
	p->pid = pid;
	p->cdev.grant = GRANT_INVALID;
	p->umask = 022;
	p->cwd = vfs_root();
	if (p->cwd)
		vnode_ref(p->cwd);
	strlcpy(p->cwd_path, "/", sizeof(p->cwd_path));
}

/* proc_reset: see vfs_server.h. A waiting call is forgotten (no reply). */
void proc_reset(struct vproc *p)
{
	if (!p->ep)
		return;
	unsuspend(p);
	for (int fd = 0; fd < OPEN_MAX; fd++)
		if (p->fd[fd])
			fd_close(p, fd);
	if (p->cwd)
		vnode_put(p->cwd);
	memset(p, 0, sizeof(*p));
}

/* proc_find: see vfs_server.h. */
struct vproc *proc_find(endpoint_t ep)
{
	if (ep <= 0 || ep == ANY || ep == NONE || ep == SELF)
		return NULL;
	struct vproc *p = &procs[ep_slot(ep)];
	return p->ep == ep ? p : NULL;
}

/* proc_get: see vfs_server.h. */
struct vproc *proc_get(endpoint_t ep)
{
	if (ep <= 0 || ep == ANY || ep == NONE || ep == SELF)
		return NULL;
	struct vproc *p = &procs[ep_slot(ep)];
	if (p->ep == ep)
		return p;
	proc_reset(p);             /* an older process of this slot */
	proc_init(p, ep, 0);
	return p;
}

/* proc_each: see vfs_server.h. */
void proc_each(void (*fn)(struct vproc *p, void *arg), void *arg)
{
	for (int i = 0; i < NR_VPROCS; i++)
		if (procs[i].ep)
			fn(&procs[i], arg);
}

/* proc_slot: see vfs_server.h. */
struct vproc *proc_slot(int i)
{
	return &procs[i];
}

/* fd_get: see vfs_server.h. */
struct filp *fd_get(struct vproc *p, int fd)
{
	if (fd < 0 || fd >= OPEN_MAX)
		return NULL;
	return p->fd[fd];
}

/* fd_alloc: see vfs_server.h. */
int fd_alloc(struct vproc *p, int from)
{
	for (int fd = from < 0 ? 0 : from; fd < OPEN_MAX; fd++)
		if (!p->fd[fd])
			return fd;
	return -EMFILE;
}

/* fd_close: see vfs_server.h. */
void fd_close(struct vproc *p, int fd)
{
	struct filp *f = p->fd[fd];
	p->fd[fd] = NULL;
	p->cloexec &= ~(1u << fd);
	filp_put(f);
}
