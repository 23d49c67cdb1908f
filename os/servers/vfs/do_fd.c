/* VFS_DUP, VFS_FCNTL and VFS_IOCTL: what is done to a descriptor rather
 * than to a file's data. */
#include "vfs_server.h"

/* install: descriptor FD of P becomes another reference to F (not
 * close-on-exec). */
static int install(struct vproc *p, int fd, struct filp *f)
{
	f->refs++;
	p->fd[fd] = f;
	p->cloexec &= ~(1u << fd);
	return fd;
}

/* do_dup: VFS_DUP. Reads vfs_fd .fd, .fd2 (< 0: the lowest free
 * descriptor; else that one, closed first if open: dup2). Replies the new
 * descriptor (FD itself when FD2 == FD), -EBADF, -EMFILE. */
int do_dup(message *m)
{
	struct vproc *p = proc_get(m->m_source);
	int fd = m->u.vfs_fd.fd, fd2 = m->u.vfs_fd.fd2;
	struct filp *f = p ? fd_get(p, fd) : NULL;
	if (!f)
		return -EBADF;
	if (fd2 < 0) {
		fd2 = fd_alloc(p, 0);
		return fd2 < 0 ? fd2 : install(p, fd2, f);
	}
	if (fd2 >= OPEN_MAX)
		return -EBADF;
	if (fd2 == fd)
		return fd;
	if (p->fd[fd2])
		fd_close(p, fd2);
	return install(p, fd2, f);
}

/* do_fcntl: VFS_FCNTL. Reads vfs_fd .fd, .fd2 (the command), .arg.
 * F_DUPFD (lowest free >= ARG) -> the descriptor; F_GETFD -> FD_CLOEXEC
 * or 0; F_SETFD; F_GETFL -> access mode | O_APPEND | O_NONBLOCK; F_SETFL
 * (only O_APPEND and O_NONBLOCK change). Replies also -EBADF, -EINVAL
 * (unknown command, ARG out of range), -EMFILE. */
int do_fcntl(message *m)
{
	struct vproc *p = proc_get(m->m_source);
	int fd = m->u.vfs_fd.fd, arg = m->u.vfs_fd.arg;
	struct filp *f = p ? fd_get(p, fd) : NULL;
	if (!f)
		return -EBADF;
	switch (m->u.vfs_fd.fd2) {
	case F_DUPFD:
		if (arg < 0 || arg >= OPEN_MAX)
			return -EINVAL;
		fd = fd_alloc(p, arg);
		return fd < 0 ? fd : install(p, fd, f);
	case F_GETFD:
		return p->cloexec & (1u << fd) ? FD_CLOEXEC : 0;
	case F_SETFD:
		if (arg & FD_CLOEXEC)
			p->cloexec |= 1u << fd;
		else
			p->cloexec &= ~(1u << fd);
		return 0;
	case F_GETFL:
		return f->flags;
	case F_SETFL:
		f->flags = (f->flags & ~(O_APPEND | O_NONBLOCK)) |
		    (arg & (O_APPEND | O_NONBLOCK));
		return 0;
	default:
		return -EINVAL;
	}
}

/* do_ioctl: VFS_IOCTL. Reads vfs_ioctl .fd, .request, .arg. Devices only:
 * the driver's answer (the argument copied in and/or out by the
 * request's type); -ENOTTY for other files and unknown requests, -EBADF,
 * -EFAULT, -ENODEV. May wait for the driver. */
int do_ioctl(message *m)
{
	struct vproc *p = proc_get(m->m_source);
	struct filp *f = p ? fd_get(p, m->u.vfs_ioctl.fd) : NULL;
	if (!f)
		return -EBADF;
	if (S_ISBLK(f->vn->mode))
		return bdev_ioctl(p, f, m->u.vfs_ioctl.request,
		    m->u.vfs_ioctl.arg);
	if (!S_ISCHR(f->vn->mode))
		return -ENOTTY;
	int r = cdev_ioctl(p, f, m->u.vfs_ioctl.request, m->u.vfs_ioctl.arg);
	if (r == SUSPENDED)
		suspend(p, SUSP_CDEV, m, f);
	return r;
}
