/* The mount table: which file server serves which part of the tree.
 * Mount 0 is the root file system (rootfs, root inode FS_ROOT_INO,
 * covering nothing); every other entry is a device file server (an ext2
 * server) whose root directory stands in for the directory it covers.
 * A mount holds a reference on both vnodes, so a vnode pointer names a
 * mount point for as long as the mount lasts (path.c compares pointers). */
#include <stdio.h>
#include <string.h>
#include "vfs_server.h"

static struct vmnt mounts[NR_MOUNTS];
static uint32_t mount_seq;

/* mount_init: see vfs_server.h. The root vnode's reference is vfs_root's
 * own (it is never dropped). */
void mount_init(struct vnode *root)
{
	struct vmnt *mnt = &mounts[0];
	memset(mnt, 0, sizeof(*mnt));
	mnt->used = 1;
	mnt->seq = mount_seq++;
	mnt->fs = ROOTFS_EP;
	strlcpy(mnt->label, "rootfs", sizeof(mnt->label));
	mnt->root = root;
	strlcpy(mnt->dir, "/", sizeof(mnt->dir));
	strlcpy(mnt->devname, "none", sizeof(mnt->devname));
}

/* mount_get: see vfs_server.h. */
struct vmnt *mount_get(int i)
{
	if (i < 0 || i >= NR_MOUNTS || !mounts[i].used)
		return NULL;
	return &mounts[i];
}

/* mount_of_fs: see vfs_server.h. */
struct vmnt *mount_of_fs(endpoint_t fs)
{
	for (int i = 0; i < NR_MOUNTS; i++)
		if (mounts[i].used && mounts[i].fs == fs)
			return &mounts[i];
	return NULL;
}

/* mount_on: see vfs_server.h. */
struct vmnt *mount_on(const struct vnode *vn)
{
	for (int i = 1; i < NR_MOUNTS; i++)
		if (mounts[i].used && mounts[i].covered == vn)
			return &mounts[i];
	return NULL;
}

/* mount_rooted: see vfs_server.h. */
struct vmnt *mount_rooted(const struct vnode *vn)
{
	for (int i = 0; i < NR_MOUNTS; i++)
		if (mounts[i].used && mounts[i].root == vn)
			return &mounts[i];
	return NULL;
}

/* mount_covers: see vfs_server.h. */
int mount_covers(endpoint_t fs, uint32_t ino)
{
	for (int i = 1; i < NR_MOUNTS; i++)
		if (mounts[i].used && mounts[i].covered->fs == fs &&
		    mounts[i].covered->ino == ino)
			return 1;
	return 0;
}

/* mount_free_slot: an unused entry (never 0), or NULL. */
static struct vmnt *mount_free_slot(void)
{
	for (int i = 1; i < NR_MOUNTS; i++)
		if (!mounts[i].used)
			return &mounts[i];
	return NULL;
}

/* mount_check: see vfs_server.h. */
int mount_check(const struct vnode *dir, uint32_t dev)
{
	if (!S_ISDIR(dir->mode))
		return -ENOTDIR;
	if (mount_rooted(dir) || mount_on(dir))
		return -EBUSY;
	for (int i = 1; i < NR_MOUNTS; i++)
		if (mounts[i].used && mounts[i].dev == dev)
			return -EBUSY;
	return 0;
}

/* mount_add: mount the file server FS (labelled LABEL) for the block
 * device DEV (named DEVNAME) on the directory DIR (canonical path CANON)
 * with FLAGS: FS_READSUPER with the device's driver label, then a new
 * entry holding the root and DIR. 0, -ENOTDIR, -EBUSY (DIR is a root or
 * mount point, DEV or FS mounted already), -ENOSPC (the table is full),
 * -ENXIO (no block driver known for DEV's major), -EIO (FS cannot be
 * reached), or the file server's answer. */
int mount_add(endpoint_t fs, const char *label, uint32_t dev,
    const char *devname, struct vnode *dir, const char *canon,
    uint32_t flags)
{
	int r = mount_check(dir, dev);
	if (r != 0)
		return r;
	if (mount_of_fs(fs))
		return -EBUSY;
	if (strlen(canon) >= PATH_MAX || strlen(devname) >= PATH_MAX)
		return -ENAMETOOLONG;
	struct vmnt *mnt = mount_free_slot();
	if (!mnt)
		return -ENOSPC;
	const char *driver = blk_label(DEV_MAJOR(dev));
	if (!driver)
		return -ENXIO;
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = FS_READSUPER;
	m.u.fs_mount.dev = dev;
	m.u.fs_mount.flags = flags & MNT_RDONLY ? FS_MOUNT_RDONLY : 0;
	strlcpy(m.u.fs_mount.driver, driver, sizeof(m.u.fs_mount.driver));
	r = fs_call(fs, &m);
	if (r != 0)
		return r;
	struct vnode *root = vnode_from_fs(fs, &m.u.fs_node);
	if (!root) {
		fs_call(fs, &(message) { .m_type = FS_UNMOUNT });
		return -ENFILE;
	}
	if (!S_ISDIR(root->mode)) {
		vnode_put(root);
		fs_call(fs, &(message) { .m_type = FS_UNMOUNT });
		return -ENOTDIR;
	}
	memset(mnt, 0, sizeof(*mnt));
	mnt->used = 1;
	mnt->seq = mount_seq++;
	mnt->fs = fs;
	strlcpy(mnt->label, label, sizeof(mnt->label));
	mnt->dev = dev;
	mnt->flags = flags & MNT_RDONLY;
	mnt->root = root;
	mnt->covered = dir;
	vnode_ref(dir);
	strlcpy(mnt->dir, canon, sizeof(mnt->dir));
	strlcpy(mnt->devname, devname, sizeof(mnt->devname));
	return 0;
}

/* mount_remove: unmount MNT (not mount 0): busy (-EBUSY) while anything
 * but the mount itself holds a vnode of its file system (an open file, a
 * working directory); else the root and the covered directory are let
 * go, FS_UNMOUNT is sent and the entry is freed whatever the server
 * answers (a server that is gone: -EIO, the mount is gone all the same;
 * its label was kept for `service down`). */
int mount_remove(struct vmnt *mnt)
{
	if (mnt == &mounts[0])
		return -EBUSY;
	if (vnode_fs_refs(mnt->fs) > 1)
		return -EBUSY;
	vnode_put(mnt->root);
	vnode_put(mnt->covered);
	int r = mnt->gone ? 0 :
	    fs_call(mnt->fs, &(message) { .m_type = FS_UNMOUNT });
	memset(mnt, 0, sizeof(*mnt));
	return r;
}

/* mount_unmount_all: see vfs_server.h. Vnodes still held (open files)
 * stay; their requests fail from now on (the server answers only
 * FS_READSUPER). */
void mount_unmount_all(void)
{
	for (;;) {
		struct vmnt *newest = NULL;
		for (int i = 1; i < NR_MOUNTS; i++)
			if (mounts[i].used && !mounts[i].gone &&
			    (!newest || mounts[i].seq > newest->seq))
				newest = &mounts[i];
		if (!newest)
			return;
		int r = fs_call(newest->fs, &(message) { .m_type = FS_UNMOUNT });
		if (r != 0)
			printf("vfs: unmounting %s at %s: %d\n", newest->devname,
			    newest->dir, r);
		newest->gone = 1;
	}
}

/* mount_sync: see vfs_server.h. */
int mount_sync(void)
{
	int first = 0;
	for (int i = 0; i < NR_MOUNTS; i++) {
		if (!mounts[i].used || mounts[i].gone)
			continue;
		int r = fs_call(mounts[i].fs, &(message) { .m_type = FS_SYNC });
		if (r < 0 && first == 0)
			first = r;
	}
	return first;
}
