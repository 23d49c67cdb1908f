/* FS_LOOKUP, FS_CREATE, FS_PUTNODE: naming inodes and the references VFS
 * holds on them. */
#include "rootfs.h"

/* rfs_node_reply: see rootfs.h. */
void rfs_node_reply(message *m, const struct rfs_inode *ip)
{
	m->u.fs_node.ino = ip->ino;
	m->u.fs_node.mode = ip->mode;
	m->u.fs_node.size = rfs_inode_size(ip);
	m->u.fs_node.dev = ip->rdev;
	m->u.fs_node.count = 0;
	m->u.fs_node.uid = ip->uid;
	m->u.fs_node.gid = ip->gid;
}

/* is_linked: whether DIR is still part of the tree (not removed). */
static int is_linked(const struct rfs_inode *dir)
{
	return dir->links || dir->ino == FS_ROOT_INO;
}

/* do_lookup: FS_LOOKUP. Reads fs_name .dir, .name, .name_len; writes
 * fs_node. "." is the directory itself, ".." its parent (the root's is
 * the root). Takes a reference on the inode found.
 * Replies 0, -EINVAL (bad inode or name), -ENOTDIR, -ENAMETOOLONG,
 * -EFAULT, -ENOENT (no such name; ".." of a removed directory). */
int do_lookup(message *m)
{
	struct mess_fs_name req = m->u.fs_name;
	struct rfs_inode *dir, *ip;
	char name[NAME_MAX + 1];
	int r = rfs_get_dir(req.dir, &dir);
	if (r == 0)
		r = rfs_get_name(m->m_source, req.name, req.name_len, name);
	if (r != 0)
		return r;
	if (rfs_is_dot(name)) {
		ip = dir;
	} else if (rfs_is_dotdot(name)) {
		if (!is_linked(dir))
			return -ENOENT;
		ip = rfs_inode_get(dir->parent);
	} else {
		ip = rfs_inode_get(rfs_dir_find(dir, name, req.name_len, NULL));
	}
	if (!ip)
		return -ENOENT;
	ip->refs++;
	rfs_node_reply(m, ip);
	return 0;
}

/* link_contents: write the symbolic link contents (ADDR, LEN) of FROM's
 * memory into the new link IP. 0, -ENAMETOOLONG (LEN >= PATH_MAX),
 * -ENOENT (empty), -EFAULT, -ENOSPC. */
static int link_contents(struct rfs_inode *ip, endpoint_t from,
    vir_bytes addr, uint32_t len)
{
	if (len == 0)
		return -ENOENT;
	if (len >= PATH_MAX)
		return -ENAMETOOLONG;
	int r = rfs_data_reserve(ip, 0, len);
	if (r == 0)
		r = rfs_data_copy(ip, 0, len, from, addr, 1);
	if (r >= 0 && (uint32_t) r != len)
		r = -EFAULT;
	if (r < 0)
		return r;
	ip->size = len;
	rfs_bytes_add((int32_t) len);
	return 0;
}

/* do_create: FS_CREATE. Reads fs_name .dir, .name, .name_len, .mode
 * (S_IFREG, S_IFDIR, S_IFCHR, S_IFBLK or S_IFLNK with permissions), .dev,
 * .uid, .gid (its owner and group), and for a symbolic link .target,
 * .target_len (its contents, 1 .. PATH_MAX - 1 bytes in VFS's memory);
 * writes fs_node of the new inode, which has one reference.
 * Replies 0, -EINVAL (bad inode, name or type), -ENOTDIR, -ENAMETOOLONG,
 * -EFAULT, -EEXIST, -ENOENT (the directory was removed; an empty link),
 * -ENOSPC. */
int do_create(message *m)
{
	struct mess_fs_name req = m->u.fs_name;
	struct rfs_inode *dir, *ip;
	char name[NAME_MAX + 1];
	int r = rfs_get_dir(req.dir, &dir);
	if (r == 0)
		r = rfs_get_name(m->m_source, req.name, req.name_len, name);
	if (r != 0)
		return r;
	uint32_t type = req.mode & S_IFMT;
	if (type != S_IFREG && type != S_IFDIR && type != S_IFCHR &&
	    type != S_IFBLK && type != S_IFLNK)
		return -EINVAL;
	if (rfs_is_dot(name) || rfs_is_dotdot(name) ||
	    rfs_dir_find(dir, name, req.name_len, NULL))
		return -EEXIST;
	if (!is_linked(dir))
		return -ENOENT;
	ip = rfs_inode_new(type | (req.mode & 07777),
	    type == S_IFCHR || type == S_IFBLK ? req.dev : 0);
	if (!ip)
		return -ENOSPC;
	ip->uid = req.uid;
	ip->gid = req.gid;
	r = type == S_IFLNK ?
	    link_contents(ip, m->m_source, req.target, req.target_len) : 0;
	if (r == 0)
		r = rfs_dir_add(dir, name, req.name_len, ip);
	if (r != 0) {
		rfs_inode_free(ip);
		return r;
	}
	ip->refs = 1;
	rfs_node_reply(m, ip);
	return 0;
}

/* do_putnode: FS_PUTNODE. Reads fs_node .ino, .count: VFS drops COUNT
 * references. An inode no directory names goes away with its last
 * reference. Replies 0, or -EINVAL (no such inode, or more references
 * dropped than held: nothing changes). */
int do_putnode(message *m)
{
	struct rfs_inode *ip = rfs_inode_get(m->u.fs_node.ino);
	uint32_t count = m->u.fs_node.count;
	if (!ip || count > ip->refs)
		return -EINVAL;
	ip->refs -= count;
	rfs_inode_release(ip);
	return 0;
}
