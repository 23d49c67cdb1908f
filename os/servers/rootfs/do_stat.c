/* FS_STAT and FS_STATFS: metadata of one inode and of the whole file
 * system. */
#include <string.h>
#include "syslib.h"
#include "rootfs.h"

/* do_stat: FS_STAT. Reads fs_io .ino, .ep, .addr: writes the inode's
 * struct stat to EP's ADDR. Replies 0, -EINVAL (no such inode), -EFAULT. */
int do_stat(message *m)
{
	struct mess_fs_io req = m->u.fs_io;
	struct rfs_inode *ip = rfs_inode_get(req.ino);
	struct stat st;
	if (!ip)
		return -EINVAL;
	memset(&st, 0, sizeof(st));
	st.st_dev = RFS_DEV;
	st.st_ino = ip->ino;
	st.st_mode = ip->mode;
	st.st_nlink = S_ISDIR(ip->mode) ? (ip->links || ip->ino == FS_ROOT_INO
	    ? 2 + rfs_dir_subdirs(ip) : 0) : ip->links;
	st.st_uid = ip->uid;
	st.st_gid = ip->gid;
	st.st_rdev = ip->rdev;
	st.st_size = rfs_inode_size(ip);
	st.st_atime = ip->atime;
	st.st_mtime = ip->mtime;
	st.st_ctime = ip->ctime;
	return sys_vircopy(SELF, (vir_bytes) &st, req.ep, req.addr, sizeof(st));
}

/* do_statfs: FS_STATFS. Writes fs_node .size (bytes of file data stored)
 * and .ino (inodes in use). Replies 0. */
int do_statfs(message *m)
{
	memset(&m->u.fs_node, 0, sizeof(m->u.fs_node));
	m->u.fs_node.size = (int32_t) rfs_bytes_used();
	m->u.fs_node.ino = rfs_inodes_used();
	return 0;
}
