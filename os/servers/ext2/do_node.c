/* FS_LOOKUP, FS_CREATE, FS_PUTNODE: naming inodes and the references VFS
 * holds on them (one core reference, ext2_iget, per VFS reference). */
#include "syslib.h"
#include "srv.h"

/* do_lookup: FS_LOOKUP. Reads fs_name .dir, .name, .name_len; writes
 * fs_node of the inode found ("." the directory, ".." its parent; the
 * root's is the root), with a reference taken. Replies 0, -EINVAL (no
 * such directory referenced, a bad name), -ENOTDIR, -ENAMETOOLONG,
 * -EFAULT, -ENOENT, -ENFILE (too many inodes referenced), -EIO. */
int do_lookup(message *m)
{
	struct mess_fs_name req = m->u.fs_name;
	struct ext2_node *dir, *n;
	char name[NAME_MAX + 1];
	int r = e2s_dir(req.dir, &dir);
	if (r == 0)
		r = e2s_get_name(m->m_source, req.name, req.name_len, name);
	if (r == 0)
		r = ext2_lookup(&e2s_fs, dir, name, req.name_len, &n);
	if (r != 0)
		return r;
	e2s_node_reply(m, n);
	return 0;
}

/* make_symlink: a symbolic link NAME (LEN bytes) in DIR holding the
 * TLEN bytes at TARGET in FROM's memory, owned by UID, GID. */
static int make_symlink(endpoint_t from, struct ext2_node *dir,
    const char *name, uint32_t len, vir_bytes target, uint32_t tlen,
    uint32_t uid, uint32_t gid, struct ext2_node **out)
{
	static char buf[PATH_MAX];
	if (tlen == 0 || tlen >= PATH_MAX)
		return tlen == 0 ? -EINVAL : -ENAMETOOLONG;
	int r = sys_vircopy(from, target, SELF, (vir_bytes) buf, tlen);
	if (r != 0)
		return r;
	return ext2_symlink(&e2s_fs, dir, name, len, buf, tlen, uid, gid, out);
}

/* do_create: FS_CREATE. Reads fs_name .dir, .name, .name_len, .mode
 * (S_IFREG, S_IFDIR, S_IFCHR, S_IFBLK, S_IFIFO or S_IFLNK with
 * permissions), .dev (devices), .uid, .gid, and for S_IFLNK .target,
 * .target_len (the link's contents); writes fs_node of the new inode,
 * which has one reference. Replies 0, -EINVAL (bad directory, name, type
 * or an empty link), -ENOTDIR, -ENAMETOOLONG (also a link's contents of
 * PATH_MAX bytes or more), -EFAULT, -EEXIST, -ENOENT (the directory was
 * removed), -ENOSPC, -ENFILE, -EIO. */
int do_create(message *m)
{
	struct mess_fs_name req = m->u.fs_name;
	struct ext2_node *dir, *n;
	char name[NAME_MAX + 1];
	int r = e2s_dir(req.dir, &dir);
	if (r == 0)
		r = e2s_get_name(m->m_source, req.name, req.name_len, name);
	if (r != 0)
		return r;
	uint32_t type = req.mode & S_IFMT, perm = req.mode & 07777;
	switch (type) {
	case S_IFREG:
	case S_IFIFO:
		r = ext2_create(&e2s_fs, dir, name, req.name_len, type | perm, 0,
		    req.uid, req.gid, &n);
		break;
	case S_IFCHR:
	case S_IFBLK:
		r = ext2_create(&e2s_fs, dir, name, req.name_len, type | perm,
		    req.dev, req.uid, req.gid, &n);
		break;
	case S_IFDIR:
		r = ext2_mkdir(&e2s_fs, dir, name, req.name_len, S_IFDIR | perm,
		    req.uid, req.gid, &n);
		break;
	case S_IFLNK:
		r = make_symlink(m->m_source, dir, name, req.name_len,
		    req.target, req.target_len, req.uid, req.gid, &n);
		break;
	default:
		return -EINVAL;
	}
	if (r != 0)
		return r;
	e2s_node_reply(m, n);
	return 0;
}

/* do_putnode: FS_PUTNODE. Reads fs_node .ino, .count: VFS drops COUNT
 * references. The last reference of an inode without names frees it.
 * Replies 0, -EINVAL (no such inode referenced, or more references
 * dropped than held: nothing changes), or the core's error freeing it
 * (the references are dropped all the same). */
int do_putnode(message *m)
{
	struct ext2_node *n;
	uint32_t count = m->u.fs_node.count;
	int r = e2s_node(m->u.fs_node.ino, &n);
	if (r != 0)
		return r;
	if (count > n->refs)
		return -EINVAL;
	int first = 0;
	while (count-- > 0) {
		r = ext2_iput(&e2s_fs, n);
		if (r != 0 && first == 0)
			first = r;
	}
	return first;
}
