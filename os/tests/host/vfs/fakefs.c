/* A second file server for the VFS host test: a tiny tree in memory (its
 * root is inode FFS_ROOT, as an ext2 root is 2) that answers the
 * file-system protocol (abi/fs.h) the way a device file server does:
 * FS_READSUPER mounts it, FS_UNMOUNT unmounts it, FS_SYNC is counted, a
 * read-only mount answers changes with -EROFS, and it counts the
 * references VFS holds so the test can see none leak. */
#include <stdio.h>
#include <string.h>
#include "fake.h"

struct fake_fs ffs;

#define FFS_INODES 24
struct ffs_inode {
	int used;                   /* the inode exists */
	int linked;                 /* a directory names it */
	uint32_t mode, parent, refs, size;
	char name[NAME_MAX + 1];
	char data[FFS_DATA];
};
static struct ffs_inode inodes[FFS_INODES];

/* fakefs_reset: see fake.h. */
void fakefs_reset(endpoint_t ep)
{
	memset(&ffs, 0, sizeof(ffs));
	memset(inodes, 0, sizeof(inodes));
	ffs.ep = ep;
	ffs.running = 1;
	struct ffs_inode *root = &inodes[FFS_ROOT];
	root->used = root->linked = 1;
	root->mode = S_IFDIR | 0755;
	root->parent = FFS_ROOT;
}

/* fakefs_refs: see fake.h. */
uint32_t fakefs_refs(void)
{
	uint32_t n = 0;
	for (int i = 0; i < FFS_INODES; i++)
		n += inodes[i].used ? inodes[i].refs : 0;
	return n;
}

/* fakefs_has: see fake.h. */
int fakefs_has(const char *name)
{
	for (int i = 0; i < FFS_INODES; i++)
		if (inodes[i].used && inodes[i].linked && i != FFS_ROOT &&
		    strcmp(inodes[i].name, name) == 0)
			return 1;
	return 0;
}

static struct ffs_inode *get(uint32_t ino)
{
	return ino < FFS_INODES && inodes[ino].used ? &inodes[ino] : NULL;
}

/* reply_node: IP (inode INO) as the fs_node of M, with a new reference. */
static int reply_node(message *m, uint32_t ino)
{
	struct ffs_inode *ip = &inodes[ino];
	ip->refs++;
	memset(&m->u.fs_node, 0, sizeof(m->u.fs_node));
	m->u.fs_node.ino = ino;
	m->u.fs_node.mode = ip->mode;
	m->u.fs_node.size = (int32_t) ip->size;
	return 0;
}

/* child: the inode named NAME in directory DIR, or 0. */
static uint32_t child(uint32_t dir, const char *name)
{
	for (uint32_t i = 0; i < FFS_INODES; i++)
		if (inodes[i].used && inodes[i].linked && i != FFS_ROOT &&
		    inodes[i].parent == dir && strcmp(inodes[i].name, name) == 0)
			return i;
	return 0;
}

/* name_of: the name of M's fs_name (VFS's memory: the host's). */
static void name_of(const message *m, char *name)
{
	uint32_t n = m->u.fs_name.name_len;
	if (n > NAME_MAX)
		n = NAME_MAX;
	memcpy(name, (const char *) m->u.fs_name.name, n);
	name[n] = '\0';
}

static void release(uint32_t ino)
{
	if (!inodes[ino].linked && inodes[ino].refs == 0 && ino != FFS_ROOT)
		memset(&inodes[ino], 0, sizeof(inodes[ino]));
}

static int ffs_lookup(message *m)
{
	char name[NAME_MAX + 1];
	struct ffs_inode *dir = get(m->u.fs_name.dir);
	if (!dir || !S_ISDIR(dir->mode))
		return -ENOTDIR;
	name_of(m, name);
	uint32_t ino = strcmp(name, ".") == 0 ? m->u.fs_name.dir :
	    strcmp(name, "..") == 0 ? dir->parent : child(m->u.fs_name.dir, name);
	return ino ? reply_node(m, ino) : -ENOENT;
}

static int ffs_create(message *m)
{
	char name[NAME_MAX + 1];
	struct ffs_inode *dir = get(m->u.fs_name.dir);
	if (!dir || !S_ISDIR(dir->mode))
		return -ENOTDIR;
	name_of(m, name);
	if (child(m->u.fs_name.dir, name))
		return -EEXIST;
	for (uint32_t i = FFS_ROOT + 1; i < FFS_INODES; i++) {
		struct ffs_inode *ip = &inodes[i];
		if (ip->used)
			continue;
		memset(ip, 0, sizeof(*ip));
		if (S_ISLNK(m->u.fs_name.mode)) {
			if (m->u.fs_name.target_len > FFS_DATA)
				return -ENAMETOOLONG;
			ip->size = m->u.fs_name.target_len;
			memcpy(ip->data, (const char *) m->u.fs_name.target, ip->size);
		}
		ip->used = ip->linked = 1;
		ip->mode = m->u.fs_name.mode;
		ip->parent = m->u.fs_name.dir;
		strlcpy(ip->name, name, sizeof(ip->name));
		return reply_node(m, i);
	}
	return -ENOSPC;
}

static int ffs_io(message *m)
{
	struct mess_fs_io q = m->u.fs_io;
	struct ffs_inode *ip = get(q.ino);
	if (!ip)
		return -EINVAL;
	if (m->m_type == FS_STAT) {
		struct stat st;
		memset(&st, 0, sizeof(st));
		st.st_dev = 99;             /* VFS puts the mount's device here */
		st.st_ino = q.ino;
		st.st_mode = ip->mode;
		st.st_nlink = 1;
		st.st_size = (int32_t) ip->size;
		return sys_vircopy(SELF, (vir_bytes) &st, q.ep, q.addr, sizeof(st));
	}
	if (m->m_type == FS_STATFS) {
		struct statfs sf;
		memset(&sf, 0, sizeof(sf));
		sf.f_bsize = 1024;
		sf.f_blocks = 100;
		sf.f_bfree = sf.f_bavail = 60;
		sf.f_files = FFS_INODES;
		sf.f_dev = ffs.dev;
		strlcpy(sf.f_type, "fake", sizeof(sf.f_type));
		return sys_vircopy(SELF, (vir_bytes) &sf, q.ep, q.addr, sizeof(sf));
	}
	if (S_ISDIR(ip->mode))
		return -EISDIR;
	if (q.pos < 0 || (uint32_t) q.pos > FFS_DATA)
		return -EINVAL;
	uint32_t pos = (uint32_t) q.pos, n = q.len;
	if (m->m_type == FS_READ) {
		if (pos >= ip->size)
			return 0;
		if (n > ip->size - pos)
			n = ip->size - pos;
		int r = sys_vircopy(SELF, (vir_bytes) ip->data + pos, q.ep, q.addr,
		    n);
		return r != 0 ? r : (int) n;
	}
	if (ffs.flags & FS_MOUNT_RDONLY)
		return -EROFS;
	if (m->m_type == FS_TRUNCATE) {
		ip->size = pos;
		return 0;
	}
	if (n > FFS_DATA - pos)
		return -ENOSPC;
	int r = sys_vircopy(q.ep, q.addr, SELF, (vir_bytes) ip->data + pos, n);
	if (r != 0)
		return r;
	if (pos + n > ip->size)
		ip->size = pos + n;
	return (int) n;
}

static int ffs_remove(message *m)
{
	char name[NAME_MAX + 1];
	name_of(m, name);
	uint32_t ino = child(m->u.fs_name.dir, name);
	if (!ino)
		return -ENOENT;
	int dir = S_ISDIR(inodes[ino].mode);
	if (m->m_type == FS_UNLINK && dir)
		return -EISDIR;
	if (m->m_type == FS_RMDIR) {
		if (!dir)
			return -ENOTDIR;
		for (uint32_t i = 0; i < FFS_INODES; i++)
			if (inodes[i].used && inodes[i].linked &&
			    inodes[i].parent == ino && i != ino)
				return -ENOTEMPTY;
	}
	inodes[ino].linked = 0;
	release(ino);
	return 0;
}

/* fakefs_dispatch: see fake.h. */
int fakefs_dispatch(message *m)
{
	int change = m->m_type == FS_CREATE || m->m_type == FS_UNLINK ||
	    m->m_type == FS_RMDIR || m->m_type == FS_RENAME ||
	    m->m_type == FS_LINK || m->m_type == FS_CHMOD ||
	    m->m_type == FS_CHOWN || m->m_type == FS_UTIME;
	if (m->m_type == FS_READSUPER) {
		if (ffs.mounted)
			return -EBUSY;
		ffs.readsupers++;
		ffs.mounted = 1;
		ffs.dev = m->u.fs_mount.dev;
		ffs.flags = m->u.fs_mount.flags;
		strlcpy(ffs.driver, m->u.fs_mount.driver, sizeof(ffs.driver));
		return reply_node(m, FFS_ROOT);
	}
	if (!ffs.mounted)
		return -EINVAL;             /* only READSUPER until mounted */
	if (change && (ffs.flags & FS_MOUNT_RDONLY))
		return -EROFS;
	switch (m->m_type) {
	case FS_UNMOUNT:
		ffs.unmounts++;
		ffs.mounted = 0;
		return 0;
	case FS_SYNC:
		ffs.syncs++;
		return 0;
	case FS_LOOKUP:
		return ffs_lookup(m);
	case FS_CREATE:
		return ffs_create(m);
	case FS_PUTNODE: {
		struct ffs_inode *ip = get(m->u.fs_node.ino);
		if (!ip || ip->refs < m->u.fs_node.count)
			return -EINVAL;
		ip->refs -= m->u.fs_node.count;
		release(m->u.fs_node.ino);
		return 0;
	}
	case FS_READ:
	case FS_WRITE:
	case FS_TRUNCATE:
	case FS_STAT:
	case FS_STATFS:
		return ffs_io(m);
	case FS_UNLINK:
	case FS_RMDIR:
		return ffs_remove(m);
	default:
		return -ENOSYS;
	}
}
