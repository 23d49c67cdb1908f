/* Inodes in use: a table of EXT2_NODES slots, each a copy of an inode's
 * first 128 bytes with a reference count. Every change is copied back to
 * the inode-table block in the cache at once (inode_write), so the table
 * holds nothing the cache does not; a slot is reused when its last
 * reference goes. The last reference to an inode without links frees its
 * blocks, its attribute block and the inode. */
#include "internal.h"

/* inode_where: the block and byte offset of inode INO's slot. */
static void inode_where(struct ext2_fs *fs, uint32_t ino, uint32_t *blk,
    uint32_t *off)
{
	uint32_t ipg = fs->sb.s_inodes_per_group;
	uint32_t g = (ino - 1) / ipg;
	uint32_t byte = ((ino - 1) % ipg) * fs->inode_size;
	*blk = fs->gd[g].bg_inode_table + (byte >> fs->log_bs);
	*off = byte & (fs->bs - 1);
}

/* inode_read: see internal.h. */
int inode_read(struct ext2_fs *fs, uint32_t ino, struct ext2_dinode *d)
{
	uint32_t blk, off;
	struct ext2_buf *b;
	inode_where(fs, ino, &blk, &off);
	int r = bget(fs, blk, 1, &b);
	if (r < 0)
		return r;
	memcpy(d, b->data + off, sizeof(*d));
	bput(fs, b);
	return 0;
}

/* inode_write: see internal.h. */
int inode_write(struct ext2_fs *fs, struct ext2_node *n)
{
	uint32_t blk, off;
	struct ext2_buf *b;
	inode_where(fs, n->ino, &blk, &off);
	int r = bget(fs, blk, 1, &b);
	if (r < 0)
		return r;
	memcpy(b->data + off, &n->d, sizeof(n->d));
	bdirty(b);
	bput(fs, b);
	return 0;
}

/* inode_zero: the whole slot zeroed; a large inode records the extra
 * space in use as mke2fs does (i_extra_isize). */
int inode_zero(struct ext2_fs *fs, uint32_t ino)
{
	uint32_t blk, off;
	struct ext2_buf *b;
	inode_where(fs, ino, &blk, &off);
	int r = bget(fs, blk, 1, &b);
	if (r < 0)
		return r;
	memset(b->data + off, 0, fs->inode_size);
	if (fs->inode_size >= EXT2_GOOD_OLD_INODE_SIZE + EXT2_EXTRA_ISIZE) {
		uint16_t extra = EXT2_EXTRA_ISIZE;
		memcpy(b->data + off + EXT2_EXTRA_ISIZE_OFFSET, &extra, 2);
	}
	bdirty(b);
	bput(fs, b);
	return 0;
}

/* ext2_iget: a slot already holding INO gets one more reference; else a
 * free slot is filled from the disk. A free inode (mode 0 or no links and
 * a deletion time) cannot be got. */
int ext2_iget(struct ext2_fs *fs, uint32_t ino, struct ext2_node **out)
{
	struct ext2_node *free_slot = NULL;
	if (ino < 1 || ino > fs->sb.s_inodes_count)
		return -EINVAL;
	for (int i = 0; i < EXT2_NODES; i++) {
		struct ext2_node *n = &fs->node[i];
		if (n->ino == ino) {
			n->refs++;
			*out = n;
			return 0;
		}
		if (!n->ino && !free_slot)
			free_slot = n;
	}
	if (!free_slot)
		return -ENFILE;
	int r = inode_read(fs, ino, &free_slot->d);
	if (r < 0)
		return r;
	if (free_slot->d.i_mode == 0 ||
	    (free_slot->d.i_links_count == 0 && free_slot->d.i_dtime))
		return -EINVAL;
	free_slot->ino = ino;
	free_slot->refs = 1;
	*out = free_slot;
	return 0;
}

/* ext2_find: a scan of the table. */
struct ext2_node *ext2_find(struct ext2_fs *fs, uint32_t ino)
{
	for (int i = 0; i < EXT2_NODES; i++)
		if (ino && fs->node[i].ino == ino)
			return &fs->node[i];
	return NULL;
}

/* xattr_release: one reference less to N's attribute block; the block
 * goes with its last one. */
static int xattr_release(struct ext2_fs *fs, struct ext2_node *n)
{
	uint32_t blk = n->d.i_file_acl;
	if (!blk)
		return 0;
	struct ext2_buf *b;
	int r = bget(fs, blk, 1, &b);
	if (r < 0)
		return r;
	uint32_t magic, refs;
	memcpy(&magic, b->data, 4);
	memcpy(&refs, b->data + EXT2_XATTR_REFCOUNT, 4);
	n->d.i_file_acl = 0;
	node_blocks_add(fs, n, -1);
	if (magic != EXT2_XATTR_MAGIC) {
		bput(fs, b);
		fs_error(fs);
		return 0;
	}
	if (refs > 1) {
		refs--;
		memcpy(b->data + EXT2_XATTR_REFCOUNT, &refs, 4);
		bdirty(b);
		bput(fs, b);
		return 0;
	}
	bput(fs, b);
	return bfree(fs, blk);
}

/* orphan_add: the list is chained through i_dtime (as ext3 and e2fsck
 * know it), newest first. */
int orphan_add(struct ext2_fs *fs, struct ext2_node *n)
{
	if (n->orphan)
		return 0;
	n->d.i_dtime = fs->sb.s_last_orphan;
	fs->sb.s_last_orphan = n->ino;
	n->orphan = 1;
	return inode_write(fs, n);
}

/* orphan_remove: unchain N: from the head, or from the inode before it
 * (in the table or on the disk). */
static int orphan_remove(struct ext2_fs *fs, struct ext2_node *n)
{
	uint32_t next = n->d.i_dtime, ino = fs->sb.s_last_orphan;
	n->orphan = 0;
	if (ino == n->ino) {
		fs->sb.s_last_orphan = next;
		return 0;
	}
	for (uint32_t steps = 0; ino && steps < fs->sb.s_inodes_count;
	    steps++) {
		struct ext2_node tmp, *at = ext2_find(fs, ino);
		if (ino > fs->sb.s_inodes_count)
			break;
		if (!at) {
			tmp.ino = ino;
			int r = inode_read(fs, ino, &tmp.d);
			if (r < 0)
				return r;
			at = &tmp;
		}
		if (at->d.i_dtime == n->ino) {
			at->d.i_dtime = next;
			return inode_write(fs, at);
		}
		ino = at->d.i_dtime;
	}
	fs_error(fs);                    /* not on the list: corrupt */
	return 0;
}

/* orphans_release: each inode of the list (the list emptied first) gets
 * a slot and is freed as its last reference would. */
int orphans_release(struct ext2_fs *fs)
{
	uint32_t ino = fs->sb.s_last_orphan;
	fs->sb.s_last_orphan = 0;
	for (uint32_t steps = 0; ino && steps < fs->sb.s_inodes_count;
	    steps++) {
		if (ino < fs->first_ino || ino > fs->sb.s_inodes_count) {
			fs_error(fs);
			return 0;
		}
		struct ext2_node *n = &fs->node[0];  /* none in use yet */
		memset(n, 0, sizeof(*n));
		int r = inode_read(fs, ino, &n->d);
		if (r < 0)
			return r;
		uint32_t next = n->d.i_dtime;
		n->ino = ino;
		n->refs = 1;
		n->d.i_dtime = 0;
		if (n->d.i_links_count == 0) {
			if ((r = ext2_iput(fs, n)) < 0)
				return r;
		} else {                 /* linked again: only unchained */
			r = inode_write(fs, n);
			n->ino = 0;
			if (r < 0)
				return r;
		}
		ino = next;
	}
	return 0;
}

/* release: free N's blocks (not those of a device or a fast link, whose
 * i_block holds no block numbers), its attribute block and the inode. */
static int release(struct ext2_fs *fs, struct ext2_node *n)
{
	uint32_t fmt = n->d.i_mode & S_IFMT;
	int r = 0;
	if (n->orphan && (r = orphan_remove(fs, n)) < 0)
		return r;
	if (fmt == S_IFREG || fmt == S_IFDIR ||
	    (fmt == S_IFLNK && !node_fast_link(fs, n)))
		r = bmap_truncate(fs, n, 0);
	if (r == 0)
		r = xattr_release(fs, n);
	if (r < 0)
		return r;
	node_size_set(fs, n, 0);
	n->d.i_dtime = fs_now(fs);
	if ((r = inode_write(fs, n)) < 0)
		return r;
	return ifree(fs, n->ino, fmt == S_IFDIR);
}

/* ext2_iput: see ext2.h. */
int ext2_iput(struct ext2_fs *fs, struct ext2_node *n)
{
	if (!n || !n->ino || n->refs == 0)
		return -EINVAL;
	int r = 0;
	if (--n->refs == 0) {
		if (n->d.i_links_count == 0 && !fs->rdonly)
			r = release(fs, n);
		n->ino = 0;
	}
	return r;
}

/* ext2_size: 64 bits for regular files (i_size_high), 32 otherwise. */
uint64_t ext2_size(const struct ext2_node *n)
{
	uint64_t size = n->d.i_size;
	if (S_ISREG(n->d.i_mode))
		size |= (uint64_t) n->d.i_size_high << 32;
	return size;
}

/* node_size_set: a regular file past 2 GiB needs large_file, set then. */
void node_size_set(struct ext2_fs *fs, struct ext2_node *n, uint64_t size)
{
	n->d.i_size = (uint32_t) size;
	if (S_ISREG(n->d.i_mode)) {
		n->d.i_size_high = (uint32_t) (size >> 32);
		if (size > 0x7fffffffu &&
		    fs->sb.s_rev_level == EXT2_DYNAMIC_REV)
			fs->sb.s_feature_ro_compat |=
			    EXT2_RO_COMPAT_LARGE_FILE;
	}
}

/* node_touch: the times asked for set to now. */
void node_touch(struct ext2_fs *fs, struct ext2_node *n, int a, int m, int c)
{
	uint32_t t = fs_now(fs);
	if (a)
		n->d.i_atime = t;
	if (m)
		n->d.i_mtime = t;
	if (c)
		n->d.i_ctime = t;
}

/* node_blocks_add: i_blocks counts 512-byte sectors. */
void node_blocks_add(struct ext2_fs *fs, struct ext2_node *n, int delta)
{
	n->d.i_blocks += (uint32_t) (delta * (int) (fs->bs >> 9));
}

/* node_fast_link: a symlink with no block but its attribute block. */
int node_fast_link(struct ext2_fs *fs, const struct ext2_node *n)
{
	uint32_t ea = n->d.i_file_acl ? fs->bs >> 9 : 0;
	return S_ISLNK_(n->d.i_mode) && n->d.i_blocks == ea;
}

/* ext2_stat: devices keep their number in i_block[0] (old encoding) or
 * i_block[1] (new encoding, Linux's). */
void ext2_stat(struct ext2_fs *fs, const struct ext2_node *n,
    struct ext2_stat *out)
{
	(void) fs;
	memset(out, 0, sizeof(*out));
	out->ino = n->ino;
	out->mode = n->d.i_mode;
	out->nlink = n->d.i_links_count;
	out->uid = n->d.i_uid | ((uint32_t) n->d.i_uid_high << 16);
	out->gid = n->d.i_gid | ((uint32_t) n->d.i_gid_high << 16);
	out->size = ext2_size(n);
	out->blocks = n->d.i_blocks;
	out->atime = n->d.i_atime;
	out->mtime = n->d.i_mtime;
	out->ctime = n->d.i_ctime;
	if (S_ISCHR(n->d.i_mode) || S_ISBLK(n->d.i_mode)) {
		uint32_t old = n->d.i_block[0], new = n->d.i_block[1];
		if (old)
			out->rdev = old & 0xffff;
		else
			out->rdev = ((new & 0xfff00) >> 8) << 8 |
			    ((new & 0xff) | ((new >> 12) & 0xfff00));
	}
}

/* ext2_chmod: see ext2.h. */
int ext2_chmod(struct ext2_fs *fs, struct ext2_node *n, uint32_t mode)
{
	if (fs->rdonly)
		return -EACCES;
	n->d.i_mode = (uint16_t) ((n->d.i_mode & S_IFMT) | (mode & 07777));
	node_touch(fs, n, 0, 0, 1);
	return inode_write(fs, n);
}

/* ext2_chown: see ext2.h. */
int ext2_chown(struct ext2_fs *fs, struct ext2_node *n, uint32_t uid,
    uint32_t gid)
{
	if (fs->rdonly)
		return -EACCES;
	n->d.i_uid = (uint16_t) uid;
	n->d.i_uid_high = (uint16_t) (uid >> 16);
	n->d.i_gid = (uint16_t) gid;
	n->d.i_gid_high = (uint16_t) (gid >> 16);
	node_touch(fs, n, 0, 0, 1);
	return inode_write(fs, n);
}

/* ext2_utime: see ext2.h. */
int ext2_utime(struct ext2_fs *fs, struct ext2_node *n, uint32_t atime,
    uint32_t mtime)
{
	if (fs->rdonly)
		return -EACCES;
	n->d.i_atime = atime;
	n->d.i_mtime = mtime;
	node_touch(fs, n, 0, 0, 1);
	return inode_write(fs, n);
}

/* node_alloc: a slot first (-ENFILE before anything changes), then the
 * inode: MODE, owner, one link, times now, a new generation. */
int node_alloc(struct ext2_fs *fs, struct ext2_node *parent, uint32_t mode,
    uint32_t uid, uint32_t gid, struct ext2_node **out)
{
	struct ext2_node *n = NULL;
	for (int i = 0; i < EXT2_NODES && !n; i++)
		if (!fs->node[i].ino)
			n = &fs->node[i];
	if (!n)
		return -ENFILE;
	uint32_t ino;
	int r = ialloc(fs, parent->ino, mode, &ino);
	if (r < 0)
		return r;
	memset(n, 0, sizeof(*n));
	n->ino = ino;
	n->refs = 1;
	n->d.i_mode = (uint16_t) mode;
	n->d.i_links_count = 1;
	n->d.i_generation = fs->generation++;
	node_touch(fs, n, 1, 1, 1);
	*out = n;
	return ext2_chown(fs, n, uid, gid);
}
