/* VFS_MKDIR, VFS_RMDIR, VFS_UNLINK, VFS_RENAME and VFS_LINK: changing the
 * names in the tree. Each resolves the directory that holds the last
 * component, checks that the caller may change it (perm.c: write and
 * search, the sticky bit) and lets the file system do the rest. */
#include <string.h>
#include "vfs_server.h"

/* parent_of: copy the path (ADDR, LEN) of P and resolve its parent into
 * *DIR (a reference) and LAST; *SLASH as path_parent. */
static int parent_of(struct vproc *p, vir_bytes addr, uint32_t len,
    struct vnode **dir, char *last, int *slash)
{
	char path[PATH_MAX];
	int r = path_copy(p->ep, addr, len, path);
	if (r != 0)
		return r;
	return path_parent(p, path, dir, last, slash);
}

/* mount_point_check: -EBUSY when the entry NAME of DIR is a directory a
 * file system is mounted on (it cannot be removed or renamed), else 0
 * (also when it does not exist: the file system says so). */
static int mount_point_check(struct vnode *dir, const char *name)
{
	struct mess_fs_node n;
	if (fs_lookup(dir->fs, dir->ino, name, &n) != 0)
		return 0;
	fs_putnode(dir->fs, n.ino, 1);
	return mount_covers(dir->fs, n.ino) ? -EBUSY : 0;
}

/* do_mkdir: VFS_MKDIR. Reads vfs_path .path, .path_len, .mode
 * (permissions, less the caller's umask). The directory belongs to the
 * caller's euid and egid. Replies 0, -EEXIST, -ENAMETOOLONG, -EFAULT,
 * -ENOENT, -ENOTDIR, -ENOSPC, -EACCES (no write or search permission on
 * the parent). */
int do_mkdir(message *m)
{
	struct vproc *p = proc_get(m->m_source);
	struct vnode *dir;
	char last[NAME_MAX + 1];
	struct mess_fs_node n;
	if (!p)
		return -EINVAL;
	int r = parent_of(p, m->u.vfs_path.path, m->u.vfs_path.path_len, &dir,
	    last, NULL);
	if (r != 0)
		return r;
	if (!last[0])
		r = -EEXIST;
	else
		r = perm_vnode(p, dir, PERM_W | PERM_X);
	if (r == 0)
		r = fs_create(dir->fs, dir->ino, last,
		    S_IFDIR | (m->u.vfs_path.mode & 07777 & ~p->umask), 0,
		    p->cred.euid, p->cred.egid, &n);
	if (r == 0)
		fs_putnode(dir->fs, n.ino, 1);
	vnode_put(dir);
	return r;
}

/* do_rmdir: VFS_RMDIR. Reads vfs_path .path, .path_len. Replies 0,
 * -ENOTEMPTY, -ENOTDIR, -EINVAL ("."), -EBUSY ("/", a mount point),
 * -ENAMETOOLONG,
 * -EFAULT, -ENOENT, -EACCES (perm_remove). */
int do_rmdir(message *m)
{
	struct vproc *p = proc_get(m->m_source);
	struct vnode *dir;
	char last[NAME_MAX + 1];
	if (!p)
		return -EINVAL;
	int r = parent_of(p, m->u.vfs_path.path, m->u.vfs_path.path_len, &dir,
	    last, NULL);
	if (r != 0)
		return r;
	r = last[0] ? perm_remove(p, dir, last, NULL) : -EBUSY;
	if (r == 0)
		r = mount_point_check(dir, last);
	if (r == 0)
		r = fs_name_op(dir->fs, FS_RMDIR, dir->ino, last);
	vnode_put(dir);
	return r;
}

/* slash_error: the error of naming a non-directory LAST in DIR with a
 * trailing slash: -ENOTDIR, or ERR_IF_DIR when it is a directory, or the
 * lookup's error (-EACCES when P may not search DIR). */
static int slash_error(const struct vproc *p, struct vnode *dir,
    const char *last, int err_if_dir)
{
	struct mess_fs_node n;
	int r = perm_vnode(p, dir, PERM_X);
	if (r == 0)
		r = fs_lookup(dir->fs, dir->ino, last, &n);
	if (r != 0)
		return r;
	fs_putnode(dir->fs, n.ino, 1);
	return S_ISDIR(n.mode) ? err_if_dir : -ENOTDIR;
}

/* do_unlink: VFS_UNLINK. Reads vfs_path .path, .path_len. An open file
 * stays usable until closed. Replies 0, -EISDIR, -ENOTDIR,
 * -ENAMETOOLONG, -EFAULT, -ENOENT, -EACCES (perm_remove). */
int do_unlink(message *m)
{
	struct vproc *p = proc_get(m->m_source);
	struct vnode *dir;
	char last[NAME_MAX + 1];
	int slash;
	if (!p)
		return -EINVAL;
	int r = parent_of(p, m->u.vfs_path.path, m->u.vfs_path.path_len, &dir,
	    last, &slash);
	if (r != 0)
		return r;
	if (!last[0])
		r = -EISDIR;
	else if (slash)
		r = slash_error(p, dir, last, -EISDIR);
	else if ((r = perm_remove(p, dir, last, NULL)) == 0)
		r = fs_name_op(dir->fs, FS_UNLINK, dir->ino, last);
	vnode_put(dir);
	return r;
}

/* rename_check: may P rename OLAST of ODIR to NLAST of NDIR? Both
 * directories must let P remove the entry (perm_remove: write, search,
 * sticky; an existing target is removed too); a directory that moves to
 * another parent needs write permission itself (its ".." changes). 0 or
 * -EACCES (or the lookup's error). */
static int rename_check(const struct vproc *p, struct vnode *odir,
    const char *olast, struct vnode *ndir, const char *nlast)
{
	struct mess_fs_node src;
	int r = perm_remove(p, odir, olast, &src);
	if (r == 0) {
		r = perm_remove(p, ndir, nlast, NULL);
		if (r == -ENOENT)          /* no target: nothing removed */
			r = perm_vnode(p, ndir, PERM_W | PERM_X);
	}
	if (r == 0 && src.ino && S_ISDIR(src.mode) && odir != ndir)
		r = perm_check(&p->cred, src.mode, src.uid, src.gid, PERM_W);
	return r;
}

/* do_rename: VFS_RENAME. Reads vfs_path .path, .path_len (the old name),
 * .path2, .path2_len (the new one). An existing target is replaced (a
 * file by a file, an empty directory by a directory). Replies 0,
 * -EINVAL (".", "..", a directory into itself), -EBUSY ("/", a mount
 * point), -EXDEV (another file system), -EISDIR,
 * -ENOTDIR, -ENOTEMPTY, -ENAMETOOLONG, -EFAULT, -ENOENT, -ENOSPC,
 * -EACCES (rename_check). */
int do_rename(message *m)
{
	struct vproc *p = proc_get(m->m_source);
	struct vnode *odir, *ndir;
	char olast[NAME_MAX + 1], nlast[NAME_MAX + 1];
	int oslash, nslash;
	if (!p)
		return -EINVAL;
	int r = parent_of(p, m->u.vfs_path.path, m->u.vfs_path.path_len, &odir,
	    olast, &oslash);
	if (r != 0)
		return r;
	r = parent_of(p, m->u.vfs_path.path2, m->u.vfs_path.path2_len, &ndir,
	    nlast, &nslash);
	if (r != 0) {
		vnode_put(odir);
		return r;
	}
	if (!olast[0] || !nlast[0])
		r = -EBUSY;
	else if (oslash || nslash)
		r = slash_error(p, odir, olast, 0);
	if (r == 0 && odir->fs != ndir->fs)
		r = -EXDEV;
	if (r == 0)
		r = rename_check(p, odir, olast, ndir, nlast);
	if (r == 0)
		r = mount_point_check(odir, olast);
	if (r == 0)
		r = mount_point_check(ndir, nlast);
	if (r == 0)
		r = fs_rename(odir->fs, odir->ino, olast, ndir->ino, nlast);
	vnode_put(odir);
	vnode_put(ndir);
	return r;
}

/* do_link: VFS_LINK. Reads vfs_path .path, .path_len (an existing file),
 * .path2, .path2_len (its new name). The file gains a name (a hard link,
 * st_nlink counts them); the caller needs write and search permission on
 * the new name's directory. A symbolic link as the file is linked itself
 * (not followed, as in Linux). Replies 0, -EXDEV (the new name is on
 * another file system), -EEXIST (the new name exists, or is "/"), -EPERM
 * (the file is a directory), -ENOENT, -ENOTDIR, -ENAMETOOLONG, -EFAULT,
 * -ENOSPC, -EACCES. */
int do_link(message *m)
{
	struct vproc *p = proc_get(m->m_source);
	struct vnode *vn, *dir;
	char path[PATH_MAX], last[NAME_MAX + 1];
	int slash;
	if (!p)
		return -EINVAL;
	int r = path_copy(p->ep, m->u.vfs_path.path, m->u.vfs_path.path_len,
	    path);
	if (r == 0)
		r = path_resolve(p, path, 1, &vn, NULL);
	if (r != 0)
		return r;
	r = parent_of(p, m->u.vfs_path.path2, m->u.vfs_path.path2_len, &dir,
	    last, &slash);
	if (r != 0) {
		vnode_put(vn);
		return r;
	}
	if (!last[0])
		r = -EEXIST;
	else if (S_ISDIR(vn->mode))
		r = -EPERM;
	else if (vn->fs != dir->fs)
		r = -EXDEV;
	else
		r = perm_vnode(p, dir, PERM_W | PERM_X);
	if (r == 0 && slash) {          /* "new/": never a file's name */
		r = slash_error(p, dir, last, -EEXIST);
		if (r == -ENOTDIR)
			r = -EEXIST;
	}
	if (r == 0)
		r = fs_link(dir->fs, dir->ino, last, vn->ino);
	vnode_put(dir);
	vnode_put(vn);
	return r;
}
