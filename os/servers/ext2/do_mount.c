/* FS_READSUPER, FS_UNMOUNT, FS_SYNC, FS_STATFS: the mount this instance
 * serves, writing it back, and its size and use. */
#include <stdio.h>
#include <string.h>
#include "syslib.h"
#include "bdev.h"
#include <abi/vfs.h>
#include "srv.h"

struct e2s_mount e2s_mnt;
struct ext2_fs e2s_fs;

/* do_readsuper: FS_READSUPER. Reads fs_mount .dev, .flags
 * (FS_MOUNT_RDONLY), .driver (the block driver's label): binds the
 * driver to the device's major (libbdev), opens the device and mounts
 * the file system on it; writes fs_node of the root directory (inode 2),
 * which has one reference. A file system the core can only read (its
 * features) is mounted read-only (a console line says why). Replies 0,
 * -EBUSY (a mount is served already), -EINVAL (a bad label; not ext2, a
 * bad geometry), -ENOSYS (incompatible features), libbdev's errors
 * (-ENOENT: no such driver, -ENXIO, -EIO) or the driver's (-ENXIO: no
 * such device). After a failure nothing is mounted and the device is
 * closed. */
int do_readsuper(message *m)
{
	struct mess_fs_mount req = m->u.fs_mount;
	if (e2s_mnt.state == E2S_MOUNTED)
		return -EBUSY;
	if (!memchr(req.driver, '\0', sizeof(req.driver)) || !req.driver[0])
		return -EINVAL;
	int rdonly = (req.flags & FS_MOUNT_RDONLY) != 0;
	uint32_t major = (uint32_t) DEV_MAJOR(req.dev);
	int r = bdev_driver(major, req.driver);
	if (r != 0)
		return r;
	r = bdev_open(req.dev, BDEV_R_BIT | (rdonly ? 0 : BDEV_W_BIT));
	if (r != 0)
		return r;
	e2s_mnt.dev = req.dev;
	r = ext2_mount(&e2s_fs, &e2s_dev_ops, rdonly ? EXT2_MOUNT_RDONLY : 0,
	    e2s_now);
	if (r != 0) {
		printf("ext2: device %d/%d not mounted (%d)%s%s\n",
		    DEV_MAJOR(req.dev), DEV_MINOR(req.dev), r,
		    e2s_fs.why[0] ? ": " : "", e2s_fs.why);
		bdev_close(req.dev);
		return r;
	}
	struct ext2_node *root;
	r = ext2_iget(&e2s_fs, EXT2_ROOT_INO, &root);
	if (r == 0 && !S_ISDIR(root->d.i_mode)) {
		ext2_iput(&e2s_fs, root);
		r = -EINVAL;
	}
	if (r != 0) {
		ext2_unmount(&e2s_fs);
		bdev_close(req.dev);
		return r;
	}
	if (e2s_fs.rdonly && !rdonly)
		printf("ext2: device %d/%d mounted read-only: %s\n",
		    DEV_MAJOR(req.dev), DEV_MINOR(req.dev), e2s_fs.why);
	e2s_mnt.rdonly = e2s_fs.rdonly;
	e2s_mnt.state = E2S_MOUNTED;
	e2s_node_reply(m, root);
	return 0;
}

/* do_unmount: FS_UNMOUNT. Writes everything back (the inodes unlinked
 * while referenced are freed; the file system is marked clean), flushes
 * the drive's cache and closes the device; VFS's references are gone.
 * Then only FS_READSUPER is served. Replies 0 (also when nothing was
 * mounted, or a restart lost the mount: there is nothing to write) or the
 * first write-back error (the mount is gone all the same: what could not
 * be written is lost). */
int do_unmount(message *m)
{
	(void) m;
	if (e2s_mnt.state != E2S_MOUNTED) {
		e2s_mnt.state = E2S_IDLE;
		return 0;
	}
	e2s_flush_cancel();
	int r = ext2_unmount(&e2s_fs);
	if (!e2s_mnt.rdonly) {
		int f = e2s_flush_drive();
		if (r == 0)
			r = f;
	}
	bdev_close(e2s_mnt.dev);
	if (r != 0)
		printf("ext2: unmount of device %d/%d: write-back failed (%d)\n",
		    DEV_MAJOR(e2s_mnt.dev), DEV_MINOR(e2s_mnt.dev), r);
	memset(&e2s_mnt, 0, sizeof(e2s_mnt));
	e2s_mnt.state = E2S_IDLE;
	return r;
}

/* do_sync: FS_SYNC. Writes every changed block, the group descriptors and
 * the superblock back, then asks the driver to flush its cache (a driver
 * without DIOCFLUSH is fine). Replies 0 or the first error (the blocks
 * that failed stay dirty for the next sync). */
int do_sync(message *m)
{
	(void) m;
	if (e2s_mnt.rdonly)
		return 0;
	int r = ext2_sync(&e2s_fs);
	if (r != 0)
		return r;
	return e2s_flush_drive();
}

/* do_statfs: FS_STATFS. Reads fs_io .ep, .addr: writes a struct statfs
 * (abi/stat.h; f_type "ext2") there. Replies 0 or -EFAULT. */
int do_statfs(message *m)
{
	struct ext2_statfs s;
	struct statfs out;
	ext2_statfs(&e2s_fs, &s);
	memset(&out, 0, sizeof(out));
	out.f_bsize = s.bsize;
	out.f_blocks = s.blocks;
	out.f_bfree = s.bfree;
	out.f_bavail = s.bavail;
	out.f_files = s.files;
	out.f_ffree = s.ffree;
	out.f_flags = e2s_mnt.rdonly ? MNT_RDONLY : 0;
	out.f_dev = e2s_mnt.dev;
	strlcpy(out.f_type, "ext2", sizeof(out.f_type));
	int r = e2s_copy_out(&out, m->u.fs_io.ep, m->u.fs_io.addr, sizeof(out));
	return r == (int) sizeof(out) ? 0 : -EFAULT;
}
