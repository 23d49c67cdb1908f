/* VFS_SYMLINK, VFS_READLINK and VFS_LSTAT: symbolic links. A link is an
 * inode of type S_IFLNK whose contents (read with FS_READ) are a path;
 * path.c follows links while it walks. */
#include "syslib.h"
#include "vfs_server.h"

/* do_symlink: VFS_SYMLINK. Reads vfs_path .path, .path_len (the link's
 * contents: any path, not looked up), .path2, .path2_len (the new link's
 * name; a link there is not followed). The link (mode 0777) belongs to
 * the caller's euid and egid; the caller needs write and search
 * permission on the directory. Replies 0, -EEXIST (the name exists, or
 * is "/"), -ENOENT (empty contents, no such directory), -ENOTDIR,
 * -ENAMETOOLONG, -EFAULT, -ENOSPC, -EACCES, -EROFS, -ELOOP. */
int do_symlink(message *m)
{
	struct vproc *p = proc_get(m->m_source);
	char target[PATH_MAX], path[PATH_MAX], last[NAME_MAX + 1];
	struct vnode *dir;
	int slash;
	if (!p)
		return -EINVAL;
	int r = path_copy(p->ep, m->u.vfs_path.path, m->u.vfs_path.path_len,
	    target);
	if (r == 0)
		r = path_copy(p->ep, m->u.vfs_path.path2,
		    m->u.vfs_path.path2_len, path);
	if (r == 0)
		r = path_parent(p, path, &dir, last, &slash);
	if (r != 0)
		return r;
	if (!last[0] || slash)
		r = -EEXIST;
	else
		r = perm_vnode(p, dir, PERM_W | PERM_X);
	if (r == 0)
		r = fs_symlink(dir->fs, dir->ino, last, target, p->cred.euid,
		    p->cred.egid);
	vnode_put(dir);
	return r;
}

/* do_readlink: VFS_READLINK. Reads vfs_path .path, .path_len, .buf,
 * .flags (BUF's size): the link's contents (no NUL; cut at the size).
 * Replies the bytes written, -EINVAL (not a link, a size below 1),
 * -ENOENT, -ENOTDIR, -EACCES, -ENAMETOOLONG, -EFAULT, -ELOOP. */
int do_readlink(message *m)
{
	struct vproc *p = proc_get(m->m_source);
	char path[PATH_MAX];
	struct vnode *vn;
	int32_t size = (int32_t) m->u.vfs_path.flags;
	if (!p)
		return -EINVAL;
	if (size <= 0)
		return -EINVAL;
	int r = path_copy(p->ep, m->u.vfs_path.path, m->u.vfs_path.path_len,
	    path);
	if (r == 0)
		r = path_resolve(p, path, 1, &vn, NULL);
	if (r != 0)
		return r;
	if (!S_ISLNK(vn->mode))
		r = -EINVAL;
	else
		r = fs_io(vn->fs, FS_READ, vn->ino, 0, (uint32_t) size, p->ep,
		    m->u.vfs_path.buf, NULL);
	vnode_put(vn);
	return r;
}

/* do_lstat: VFS_LSTAT. As VFS_STAT, but a link as the last component is
 * described itself (S_IFLNK, the size of its contents). */
int do_lstat(message *m)
{
	struct vproc *p = proc_get(m->m_source);
	char path[PATH_MAX];
	struct vnode *vn;
	if (!p)
		return -EINVAL;
	int r = path_copy(p->ep, m->u.vfs_path.path, m->u.vfs_path.path_len,
	    path);
	if (r == 0)
		r = path_resolve(p, path, 1, &vn, NULL);
	if (r != 0)
		return r;
	r = stat_vnode(p, vn, m->u.vfs_path.buf);
	vnode_put(vn);
	return r;
}
