/* VFS_READ, VFS_WRITE and VFS_LSEEK: moving data and positions of open
 * files (regular files through the file system, pipes here, devices
 * through their drivers). */
#include "vfs_server.h"

/* io_filp: P and the open file of descriptor FD for a read (WRITE 0) or a
 * write: -EBADF when FD is not open or not open for that. */
static int io_filp(message *m, int write, struct vproc **p, struct filp **f)
{
	*p = proc_get(m->m_source);
	*f = *p ? fd_get(*p, m->u.vfs_io.fd) : NULL;
	if (!*f)
		return -EBADF;
	int acc = (*f)->flags & O_ACCMODE;
	if (acc == (write ? O_RDONLY : O_WRONLY))
		return -EBADF;
	return 0;
}

/* do_read: VFS_READ. Reads vfs_io .fd, .buf, .len. Replies the bytes read
 * (0 at end of file), -EBADF, -EFAULT, -EISDIR, -EAGAIN (O_NONBLOCK), or
 * a device's answer. A pipe read waits while the pipe is empty and has a
 * writer; a device read waits for the driver (a block device's: only
 * while the driver is gone, bdev.c). */
int do_read(message *m)
{
	struct vproc *p;
	struct filp *f;
	int r = io_filp(m, 0, &p, &f);
	if (r != 0)
		return r;
	struct vnode *vn = f->vn;
	uint32_t len = m->u.vfs_io.len > 0x7fffffffu ? 0x7fffffffu :
	    m->u.vfs_io.len;
	if (vn->pipe) {
		p->buf = m->u.vfs_io.buf;
		p->len = len;
		p->done = 0;
		r = pipe_read(p, f);
		if (r == SUSPENDED)
			suspend(p, SUSP_PIPE_READ, m, f);
		else if (r > 0)
			pipe_wakeup(vn);       /* room for waiting writers */
		return r;
	}
	if (S_ISCHR(vn->mode)) {
		r = cdev_io(p, f, CDEV_READ, m->u.vfs_io.buf, len);
		if (r == SUSPENDED)
			suspend(p, SUSP_CDEV, m, f);
		return r;
	}
	if (S_ISBLK(vn->mode)) {
		r = bdev_io(p, f, 0, m->u.vfs_io.buf, len);
		if (r == SUSPENDED)
			suspend(p, SUSP_BDEV, m, f);
		return r;
	}
	if (S_ISDIR(vn->mode))
		return -EISDIR;
	r = fs_io(vn->fs, FS_READ, vn->ino, f->pos, len, p->ep, m->u.vfs_io.buf, NULL);
	if (r > 0)
		f->pos += r;
	return r;
}

/* do_write: VFS_WRITE. Reads vfs_io .fd, .buf, .len. Replies the bytes
 * written, -EBADF, -EFAULT, -EPIPE (a pipe without readers), -EAGAIN,
 * -ENOSPC, or a device's answer. O_APPEND writes at the end. A pipe write
 * waits while the pipe is full and has a reader. */
int do_write(message *m)
{
	struct vproc *p;
	struct filp *f;
	int r = io_filp(m, 1, &p, &f);
	if (r != 0)
		return r;
	struct vnode *vn = f->vn;
	uint32_t len = m->u.vfs_io.len > 0x7fffffffu ? 0x7fffffffu :
	    m->u.vfs_io.len;
	if (vn->pipe) {
		p->buf = m->u.vfs_io.buf;
		p->len = len;
		p->done = 0;
		r = pipe_write(p, f);
		if (r == SUSPENDED)
			suspend(p, SUSP_PIPE_WRITE, m, f);
		/* Bytes left in the ring are news for waiting readers and
		 * polls; bytes all handed to readers (pipe.c) leave the ring
		 * empty, as it was: no writer waits on an empty ring and no
		 * poll's answer changed. */
		if (p->done > 0 && vn->pipe->count > 0)
			pipe_wakeup(vn);
		return r;
	}
	if (S_ISCHR(vn->mode)) {
		r = cdev_io(p, f, CDEV_WRITE, m->u.vfs_io.buf, len);
		if (r == SUSPENDED)
			suspend(p, SUSP_CDEV, m, f);
		return r;
	}
	if (S_ISBLK(vn->mode)) {
		r = bdev_io(p, f, 1, m->u.vfs_io.buf, len);
		if (r == SUSPENDED)
			suspend(p, SUSP_BDEV, m, f);
		return r;
	}
	if (f->flags & O_APPEND)
		f->pos = vn->size;
	r = fs_io(vn->fs, FS_WRITE, vn->ino, f->pos, len, p->ep, m->u.vfs_io.buf, NULL);
	if (r > 0) {
		f->pos += r;
		if (f->pos > vn->size)
			vn->size = f->pos;
	}
	return r;
}

/* do_lseek: VFS_LSEEK. Reads vfs_lseek .fd, .offset, .whence (SEEK_*);
 * writes .offset (the new position). Replies 0, -EBADF, -ESPIPE (pipes,
 * terminals), -EINVAL (bad whence, a negative or too big result, SEEK_END
 * on a directory). SEEK_END of a block device is from its size
 * (f->dev_size). */
int do_lseek(message *m)
{
	struct vproc *p = proc_get(m->m_source);
	struct filp *f = p ? fd_get(p, m->u.vfs_lseek.fd) : NULL;
	if (!f)
		return -EBADF;
	if (f->vn->pipe || vnode_is_tty(f->vn))
		return -ESPIPE;
	int64_t base;
	switch (m->u.vfs_lseek.whence) {
	case SEEK_SET: base = 0; break;
	case SEEK_CUR: base = f->pos; break;
	case SEEK_END:
		if (S_ISDIR(f->vn->mode))
			return -EINVAL;
		base = S_ISREG(f->vn->mode) ? f->vn->size :
		    S_ISBLK(f->vn->mode) ? f->dev_size : 0;
		break;
	default: return -EINVAL;
	}
	int64_t pos = base + m->u.vfs_lseek.offset;
	if (pos < 0 || pos > 0x7fffffff)
		return -EINVAL;
	f->pos = (int32_t) pos;
	m->u.vfs_lseek.offset = f->pos;
	return 0;
}
