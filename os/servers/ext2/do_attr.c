/* FS_STAT, FS_CHMOD, FS_CHOWN, FS_UTIME: an inode's attributes. VFS has
 * already decided that the caller may (vfs/perm.c). */
#include <string.h>
#include "syslib.h"
#include "srv.h"

/* do_stat: FS_STAT. Reads fs_io .ino, .ep, .addr: writes the inode's
 * struct stat there (st_dev: the mounted device; sizes past 2 GiB read
 * as INT32_MAX). Replies 0, -EINVAL (no such inode referenced),
 * -EFAULT. */
int do_stat(message *m)
{
	struct mess_fs_io req = m->u.fs_io;
	struct ext2_node *n;
	struct ext2_stat es;
	struct stat st;
	int r = e2s_node(req.ino, &n);
	if (r != 0)
		return r;
	ext2_stat(&e2s_fs, n, &es);
	memset(&st, 0, sizeof(st));
	st.st_dev = e2s_mnt.dev;
	st.st_ino = es.ino;
	st.st_mode = es.mode;
	st.st_nlink = es.nlink;
	st.st_uid = es.uid;
	st.st_gid = es.gid;
	st.st_rdev = S_ISCHR(es.mode) || S_ISBLK(es.mode) ? es.rdev : 0;
	st.st_size = e2s_size32(es.size);
	st.st_atime = es.atime;
	st.st_mtime = es.mtime;
	st.st_ctime = es.ctime;
	r = e2s_copy_out(&st, req.ep, req.addr, sizeof(st));
	return r == (int) sizeof(st) ? 0 : -EFAULT;
}

/* do_chmod: FS_CHMOD. Reads fs_node .ino, .mode (the new permission
 * bits, 07777; the type stays); writes fs_node of the inode. Replies 0,
 * -EINVAL (no such inode referenced, bits outside 07777), -EIO. */
int do_chmod(message *m)
{
	struct ext2_node *n;
	uint32_t perm = m->u.fs_node.mode;
	int r = e2s_node(m->u.fs_node.ino, &n);
	if (r != 0)
		return r;
	if (perm & ~07777u)
		return -EINVAL;
	r = ext2_chmod(&e2s_fs, n, perm);
	if (r != 0)
		return r;
	e2s_node_reply(m, n);
	return 0;
}

/* do_chown: FS_CHOWN. Reads fs_node .ino, .uid, .gid (FS_KEEP_ID: that
 * one stays); writes fs_node of the inode. Replies 0, -EINVAL (no such
 * inode referenced), -EIO. */
int do_chown(message *m)
{
	struct ext2_node *n;
	struct ext2_stat st;
	int r = e2s_node(m->u.fs_node.ino, &n);
	if (r != 0)
		return r;
	ext2_stat(&e2s_fs, n, &st);
	uint32_t uid = m->u.fs_node.uid, gid = m->u.fs_node.gid;
	r = ext2_chown(&e2s_fs, n, uid == FS_KEEP_ID ? st.uid : uid,
	    gid == FS_KEEP_ID ? st.gid : gid);
	if (r != 0)
		return r;
	e2s_node_reply(m, n);
	return 0;
}

/* do_utime: FS_UTIME. Reads fs_utime .ino, .now (1: both times become
 * now) or .atime and .mtime (seconds since 1970); the change time becomes
 * now. Replies 0, -EINVAL (no such inode referenced), -EIO. */
int do_utime(message *m)
{
	struct mess_fs_utime req = m->u.fs_utime;
	struct ext2_node *n;
	int r = e2s_node(req.ino, &n);
	if (r != 0)
		return r;
	uint32_t now = e2s_now();
	return ext2_utime(&e2s_fs, n, req.now ? now : req.atime,
	    req.now ? now : req.mtime);
}
