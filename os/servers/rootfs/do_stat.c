/* FS_STAT, FS_STATFS and FS_SYNC: metadata of one inode and of the whole
 * file system, and writing back (nothing to write). */
#include <string.h>
#include "syslib.h"
#include <abi/mm.h>
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

/* do_statfs: FS_STATFS. Reads fs_io .ep, .addr: writes a struct statfs
 * there. Blocks are RFS_PAGE bytes: the file data may fill rootfs's heap
 * (MM_DATA_MAX), so f_blocks is that and f_bfree (= f_bavail) what the
 * pages held leave; there is no inode limit: f_files counts the inodes in
 * use, f_ffree is 0. f_dev 0, f_type "rootfs". Replies 0, -EFAULT. */
int do_statfs(message *m)
{
	struct mess_fs_io req = m->u.fs_io;
	struct statfs sf;
	uint32_t held = rfs_pages_held();
	memset(&sf, 0, sizeof(sf));
	sf.f_bsize = RFS_PAGE;
	sf.f_blocks = MM_DATA_MAX / RFS_PAGE;
	sf.f_bfree = held < sf.f_blocks ? sf.f_blocks - held : 0;
	sf.f_bavail = sf.f_bfree;
	sf.f_files = rfs_inodes_used();
	sf.f_ffree = 0;
	sf.f_dev = 0;
	strlcpy(sf.f_type, "rootfs", sizeof(sf.f_type));
	return sys_vircopy(SELF, (vir_bytes) &sf, req.ep, req.addr, sizeof(sf));
}

/* do_sync: FS_SYNC. Everything lives in memory: nothing to write back.
 * Replies 0. */
int do_sync(message *m)
{
	(void) m;
	return 0;
}
