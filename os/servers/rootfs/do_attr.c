/* FS_CHMOD, FS_CHOWN and FS_UTIME: changing an inode's permission bits,
 * owner and group, and times. VFS has already decided that the caller may
 * (vfs/perm.c). */
#include "rootfs.h"

/* do_chmod: FS_CHMOD. Reads fs_node .ino, .mode (the new permission
 * bits, 07777; the type stays); writes fs_node of the inode. Replies 0 or
 * -EINVAL (no such inode, or bits outside 07777). */
int do_chmod(message *m)
{
	struct rfs_inode *ip = rfs_inode_get(m->u.fs_node.ino);
	uint32_t perm = m->u.fs_node.mode;
	if (!ip || (perm & ~07777u))
		return -EINVAL;
	ip->mode = (ip->mode & S_IFMT) | perm;
	ip->ctime = rfs_now();
	rfs_node_reply(m, ip);
	return 0;
}

/* do_chown: FS_CHOWN. Reads fs_node .ino, .uid, .gid (FS_KEEP_ID: that
 * one stays); writes fs_node of the inode. Replies 0 or -EINVAL (no such
 * inode). */
int do_chown(message *m)
{
	struct rfs_inode *ip = rfs_inode_get(m->u.fs_node.ino);
	if (!ip)
		return -EINVAL;
	if (m->u.fs_node.uid != FS_KEEP_ID)
		ip->uid = m->u.fs_node.uid;
	if (m->u.fs_node.gid != FS_KEEP_ID)
		ip->gid = m->u.fs_node.gid;
	ip->ctime = rfs_now();
	rfs_node_reply(m, ip);
	return 0;
}

/* do_utime: FS_UTIME. Reads fs_utime .ino, .now (1: both times become
 * now) or .atime and .mtime (seconds, as time()). The change time becomes
 * now. Replies 0 or -EINVAL (no such inode). */
int do_utime(message *m)
{
	struct rfs_inode *ip = rfs_inode_get(m->u.fs_utime.ino);
	if (!ip)
		return -EINVAL;
	uint32_t now = rfs_now();
	ip->atime = m->u.fs_utime.now ? now : m->u.fs_utime.atime;
	ip->mtime = m->u.fs_utime.now ? now : m->u.fs_utime.mtime;
	ip->ctime = now;
	return 0;
}
