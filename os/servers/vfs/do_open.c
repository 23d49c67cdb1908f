/* VFS_OPEN, VFS_CLOSE and VFS_MKNOD: making open files and file-system
 * entries. */
#include <string.h>
#include "vfs_server.h"

#define OPEN_KEPT (O_ACCMODE | O_APPEND | O_NONBLOCK)  /* F_GETFL shows */

/* open_create: the vnode of PATH for O_CREAT: found (search permission
 * on its directory), or created as a regular file of P's euid and egid
 * with permissions MODE less P's umask (write and search permission on
 * the directory; *CREATED = 1). -EEXIST with O_EXCL when it exists,
 * -EISDIR for "dir/" that does not exist, -EACCES. */
static int open_create(struct vproc *p, const char *path, int flags,
    uint32_t mode, struct vnode **vn, int *created)
{
	struct vnode *dir;
	char last[NAME_MAX + 1];
	int slash;
	struct mess_fs_node n;
	int r = path_parent(p, path, &dir, last, &slash);
	if (r != 0)
		return r;
	*created = 0;
	if (last[0] == '\0') {         /* "/" */
		*vn = dir;
		return flags & O_EXCL ? (vnode_put(dir), -EEXIST) : 0;
	}
	r = perm_vnode(p, dir, PERM_X);
	if (r == 0)
		r = fs_lookup(dir->fs, dir->ino, last, &n);
	if (r == 0 && (flags & O_EXCL)) {
		fs_putnode(dir->fs, n.ino, 1);
		r = -EEXIST;
	} else if (r == 0 && S_ISLNK(n.mode)) {   /* open what it names */
		fs_putnode(dir->fs, n.ino, 1);
		vnode_put(dir);
		return path_lookup(p, path, vn);
	} else if (r == -ENOENT) {
		r = slash ? -EISDIR : perm_vnode(p, dir, PERM_W | PERM_X);
		if (r == 0)
			r = fs_create(dir->fs, dir->ino, last,
			    S_IFREG | (mode & 07777 & ~p->umask), 0,
			    p->cred.euid, p->cred.egid, &n);
		*created = r == 0;
	}
	endpoint_t fs = dir->fs;
	vnode_put(dir);
	if (r != 0)
		return r;
	*vn = path_enter_mounts(vnode_from_fs(fs, &n));
	return *vn ? 0 : -ENFILE;
}

/* open_check: may P open VN with FLAGS? Directories only read-only
 * (-EISDIR); O_DIRECTORY needs one (-ENOTDIR). A file P did not just
 * create needs read and/or write permission as O_ACCMODE says, and
 * write permission for O_TRUNC (-EACCES). */
static int open_check(const struct vproc *p, const struct vnode *vn,
    int flags, int created)
{
	if (S_ISDIR(vn->mode)) {
		if ((flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC))
			return -EISDIR;
	} else if (flags & O_DIRECTORY) {
		return -ENOTDIR;
	}
	if (created)
		return 0;
	int want = (flags & O_ACCMODE) == O_RDONLY ? PERM_R :
	    (flags & O_ACCMODE) == O_WRONLY ? PERM_W : PERM_R | PERM_W;
	if (flags & O_TRUNC)
		want |= PERM_W;
	return perm_vnode(p, vn, want);
}

/* do_open: VFS_OPEN. Reads vfs_path .path, .path_len, .flags (O_*), .mode
 * (permissions of a created file). Replies the descriptor (the lowest
 * free one), -EINVAL (bad access mode), -ENAMETOOLONG, -EFAULT, -ENOENT,
 * -ENOTDIR, -EEXIST, -EISDIR, -EMFILE, -ENFILE, -EACCES (open_check,
 * open_create, a directory on the way), or a device's answer
 * (-ENODEV when its driver is not running); a character device open may
 * wait; a block device open waits only while its driver is gone (-ENXIO:
 * no driver for the major). */
int do_open(message *m)
{
	struct vproc *p = proc_get(m->m_source);
	struct mess_vfs_path req = m->u.vfs_path;
	char path[PATH_MAX];
	struct vnode *vn;
	int created = 0;
	if (!p)
		return -EINVAL;
	if ((req.flags & O_ACCMODE) == O_ACCMODE)
		return -EINVAL;
	int r = path_copy(p->ep, req.path, req.path_len, path);
	if (r != 0)
		return r;
	int fd = fd_alloc(p, 0);
	if (fd < 0)
		return fd;
	r = req.flags & O_CREAT ?
	    open_create(p, path, req.flags, req.mode, &vn, &created) :
	    path_lookup(p, path, &vn);
	if (r != 0)
		return r;
	r = open_check(p, vn, req.flags, created);
	if (r == 0 && (req.flags & O_TRUNC) && !created && S_ISREG(vn->mode) &&
	    (req.flags & O_ACCMODE) != O_RDONLY) {
		r = fs_io(vn->fs, FS_TRUNCATE, vn->ino, 0, 0, NONE, 0, NULL);
		if (r == 0)
			vn->size = 0;
	}
	if (r != 0) {
		vnode_put(vn);
		return r;
	}
	struct filp *f = filp_new(vn, req.flags & OPEN_KEPT);
	if (!f) {
		vnode_put(vn);
		return -ENFILE;
	}
	if (S_ISCHR(vn->mode)) {
		r = cdev_open(p, f, fd, !!(req.flags & O_CLOEXEC));
		if (r == SUSPENDED)
			suspend(p, SUSP_CDEV, m, f);
		return r;
	}
	if (S_ISBLK(vn->mode)) {
		r = bdev_open(p, f, fd, !!(req.flags & O_CLOEXEC));
		if (r == SUSPENDED)
			suspend(p, SUSP_BDEV, m, f);
		return r;
	}
	p->fd[fd] = f;
	if (req.flags & O_CLOEXEC)
		p->cloexec |= 1u << fd;
	return fd;
}

/* do_close: VFS_CLOSE. Reads vfs_fd .fd. Replies 0 or -EBADF. */
int do_close(message *m)
{
	struct vproc *p = proc_get(m->m_source);
	int fd = m->u.vfs_fd.fd;
	if (!p || !fd_get(p, fd))
		return -EBADF;
	fd_close(p, fd);
	return 0;
}

/* do_mknod: VFS_MKNOD. Reads vfs_path .path, .path_len, .mode (S_IFCHR,
 * S_IFBLK or S_IFREG, 0 meaning S_IFREG, with permissions less the umask), .dev
 * (DEV_MAKE). Root only: anyone else could make a node open to all for a
 * protected device. Replies 0, -EPERM (not root), -EINVAL (another type),
 * -ENOSYS (S_IFIFO: named pipes do not exist yet), -ENAMETOOLONG,
 * -EFAULT, -ENOENT, -ENOTDIR, -EEXIST, -ENOSPC, -EACCES. */
int do_mknod(message *m)
{
	struct vproc *p = proc_get(m->m_source);
	struct mess_vfs_path req = m->u.vfs_path;
	char path[PATH_MAX], last[NAME_MAX + 1];
	struct vnode *dir;
	struct mess_fs_node n;
	if (!p)
		return -EINVAL;
	uint32_t type = req.mode & S_IFMT;
	if (type == 0)
		type = S_IFREG;
	if (type == S_IFIFO)
		return -ENOSYS;
	if (type != S_IFREG && type != S_IFCHR && type != S_IFBLK)
		return -EINVAL;
	int r = path_copy(p->ep, req.path, req.path_len, path);
	if (r == 0)
		r = path_parent(p, path, &dir, last, NULL);
	if (r != 0)
		return r;
	if (p->cred.euid != 0)
		r = -EPERM;
	else if (!last[0])
		r = -EEXIST;
	else
		r = fs_create(dir->fs, dir->ino, last,
		    type | (req.mode & 07777 & ~p->umask),
		    type == S_IFCHR || type == S_IFBLK ? req.dev : 0, p->cred.euid,
		    p->cred.egid, &n);
	if (r == 0)
		fs_putnode(dir->fs, n.ino, 1);
	vnode_put(dir);
	return r;
}
