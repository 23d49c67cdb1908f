/* FS_LINK: a second (third ...) name for a file: hard links. */
#include "rootfs.h"

/* do_link: FS_LINK. Reads fs_name .dir, .name, .name_len, .ino: enters
 * inode INO in directory DIR as NAME; INO gains a link (st_nlink) and
 * lives until its last name and its last reference are gone. Replies 0,
 * -EINVAL (bad inode or name), -ENOTDIR, -ENAMETOOLONG, -EFAULT, -EEXIST
 * (the name is taken, or "." or ".."), -ENOENT (no inode INO, or the
 * directory or the file was removed), -EPERM (INO is a directory),
 * -ENOSPC. */
int do_link(message *m)
{
	struct mess_fs_name req = m->u.fs_name;
	struct rfs_inode *dir, *ip;
	char name[NAME_MAX + 1];
	int r = rfs_get_dir(req.dir, &dir);
	if (r == 0)
		r = rfs_get_name(m->m_source, req.name, req.name_len, name);
	if (r != 0)
		return r;
	ip = rfs_inode_get(req.ino);
	if (!ip)
		return -ENOENT;
	if (S_ISDIR(ip->mode))
		return -EPERM;
	if (rfs_is_dot(name) || rfs_is_dotdot(name) ||
	    rfs_dir_find(dir, name, req.name_len, NULL))
		return -EEXIST;
	if (!dir->links && dir->ino != FS_ROOT_INO)
		return -ENOENT;
	if (ip->links == 0)
		return -ENOENT;            /* unlinked while open: no new names */
	r = rfs_dir_add(dir, name, req.name_len, ip);
	if (r != 0)
		return r;
	ip->ctime = rfs_now();
	return 0;
}
