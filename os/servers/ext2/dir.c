/* Directories: a directory's blocks hold linked entries (struct
 * ext2_dirent) whose rec_len reaches the next one; the last of a block
 * reaches its end. A name is added in the first entry with room (an unused
 * one, or the slack after an entry in use), or in a new block; a removed
 * entry is merged into the one before it (the first of a block is marked
 * unused). Hashed-index directories (dir_index) are read as the plain
 * directories they also are; changing one drops its index flag, as a kernel
 * without the index must. */
#include "internal.h"

/* Where an entry is: its block, its offset and the previous entry's. */
struct spot {
	uint32_t blk;
	uint32_t off;
	int32_t prev;                    /* -1: the first of its block */
};

/* file_type: the entry type of MODE. */
uint8_t file_type(uint32_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFREG: return EXT2_FT_REG_FILE;
	case S_IFDIR: return EXT2_FT_DIR;
	case S_IFCHR: return EXT2_FT_CHRDEV;
	case S_IFBLK: return EXT2_FT_BLKDEV;
	case S_IFIFO: return EXT2_FT_FIFO;
	case S_IFSOCK: return EXT2_FT_SOCK;
	case S_IFLNK: return EXT2_FT_SYMLINK;
	}
	return EXT2_FT_UNKNOWN;
}

/* entry_type: the type recorded for MODE (0 without filetype). */
static uint8_t entry_type(struct ext2_fs *fs, uint32_t mode)
{
	if (fs->sb.s_rev_level == EXT2_GOOD_OLD_REV ||
	    !(fs->sb.s_feature_incompat & EXT2_INCOMPAT_FILETYPE))
		return 0;
	return file_type(mode);
}

/* entry_at: the entry at OFF of block DATA, checked (NULL: corrupt). */
static struct ext2_dirent *entry_at(struct ext2_fs *fs, uint8_t *data,
    uint32_t off)
{
	struct ext2_dirent *de = (struct ext2_dirent *) (data + off);
	if (off + EXT2_DIRENT_HEAD > fs->bs || de->rec_len < EXT2_DIRENT_HEAD ||
	    (de->rec_len & 3) || off + de->rec_len > fs->bs ||
	    (de->inode && EXT2_DIRENT_HEAD + de->name_len > de->rec_len)) {
		fs_error(fs);
		return NULL;
	}
	return de;
}

/* dir_blocks: how many blocks directory DIR has. */
static uint32_t dir_blocks(struct ext2_fs *fs, struct ext2_node *dir)
{
	return dir->d.i_size >> fs->log_bs;
}

/* scan: find NAME in DIR: its spot in *AT; -ENOENT. */
static int scan(struct ext2_fs *fs, struct ext2_node *dir, const char *name,
    uint32_t len, struct spot *at)
{
	if (!S_ISDIR(dir->d.i_mode))
		return -ENOTDIR;
	for (uint32_t lbn = 0; lbn < dir_blocks(fs, dir); lbn++) {
		uint32_t blk;
		int r = bmap(fs, dir, lbn, 0, &blk, NULL);
		if (r < 0)
			return r;
		if (!blk)
			continue;
		struct ext2_buf *b;
		if ((r = bget(fs, blk, 1, &b)) < 0)
			return r;
		int32_t prev = -1;
		for (uint32_t off = 0; off < fs->bs;) {
			struct ext2_dirent *de = entry_at(fs, b->data, off);
			if (!de) {
				bput(fs, b);
				return -EIO;
			}
			if (de->inode && de->name_len == len &&
			    memcmp(de->name, name, len) == 0) {
				at->blk = blk;
				at->off = off;
				at->prev = prev;
				bput(fs, b);
				return 0;
			}
			prev = (int32_t) off;
			off += de->rec_len;
		}
		bput(fs, b);
	}
	return -ENOENT;
}

/* dir_changed: DIR's times now, its index flag gone, written. */
static int dir_changed(struct ext2_fs *fs, struct ext2_node *dir)
{
	dir->d.i_flags &= ~EXT2_INDEX_FL;
	node_touch(fs, dir, 0, 1, 1);
	return inode_write(fs, dir);
}

/* dir_find: see internal.h. */
int dir_find(struct ext2_fs *fs, struct ext2_node *dir, const char *name,
    uint32_t len, uint32_t *ino)
{
	struct spot at;
	int r = scan(fs, dir, name, len, &at);
	if (r < 0)
		return r;
	struct ext2_buf *b;
	if ((r = bget(fs, at.blk, 1, &b)) < 0)
		return r;
	*ino = ((struct ext2_dirent *) (b->data + at.off))->inode;
	bput(fs, b);
	return 0;
}

/* put_entry: fill DE with NAME -> INO. */
static void put_entry(struct ext2_fs *fs, struct ext2_dirent *de,
    const char *name, uint32_t len, uint32_t ino, uint32_t mode)
{
	de->inode = ino;
	de->name_len = (uint8_t) len;
	de->file_type = entry_type(fs, mode);
	memcpy(de->name, name, len);
}

/* add_in_block: NAME in block BLK if it has room; 1 done, 0 no room. */
static int add_in_block(struct ext2_fs *fs, uint32_t blk, const char *name,
    uint32_t len, uint32_t ino, uint32_t mode)
{
	uint32_t need = EXT2_DIRENT_LEN(len);
	struct ext2_buf *b;
	int r = bget(fs, blk, 1, &b);
	if (r < 0)
		return r;
	for (uint32_t off = 0; off < fs->bs;) {
		struct ext2_dirent *de = entry_at(fs, b->data, off);
		if (!de) {
			bput(fs, b);
			return -EIO;
		}
		uint32_t used = de->inode ? EXT2_DIRENT_LEN(de->name_len) : 0;
		if (de->rec_len >= used + need) {
			if (used) {              /* split off the slack */
				struct ext2_dirent *nd =
				    (struct ext2_dirent *) (b->data + off + used);
				nd->rec_len = (uint16_t) (de->rec_len - used);
				de->rec_len = (uint16_t) used;
				de = nd;
			}
			put_entry(fs, de, name, len, ino, mode);
			bdirty(b);
			bput(fs, b);
			return 1;
		}
		off += de->rec_len;
	}
	bput(fs, b);
	return 0;
}

/* dir_add: the first block with room, else a new last block. */
int dir_add(struct ext2_fs *fs, struct ext2_node *dir, const char *name,
    uint32_t len, uint32_t ino, uint32_t mode)
{
	uint32_t nblocks = dir_blocks(fs, dir), blk;
	int r;
	for (uint32_t lbn = 0; lbn < nblocks; lbn++) {
		if ((r = bmap(fs, dir, lbn, 0, &blk, NULL)) < 0)
			return r;
		if (!blk)
			continue;
		if ((r = add_in_block(fs, blk, name, len, ino, mode)) < 0)
			return r;
		if (r == 1)
			return dir_changed(fs, dir);
	}
	if ((r = bmap(fs, dir, nblocks, 1, &blk, NULL)) < 0)
		return r;
	struct ext2_buf *b;
	if ((r = bget(fs, blk, 0, &b)) < 0)
		return r;
	struct ext2_dirent *de = (struct ext2_dirent *) b->data;
	de->rec_len = (uint16_t) fs->bs;
	put_entry(fs, de, name, len, ino, mode);
	bdirty(b);
	bput(fs, b);
	dir->d.i_size += fs->bs;
	return dir_changed(fs, dir);
}

/* dir_remove: merge into the entry before, or mark the first unused. */
int dir_remove(struct ext2_fs *fs, struct ext2_node *dir, const char *name,
    uint32_t len)
{
	struct spot at;
	int r = scan(fs, dir, name, len, &at);
	if (r < 0)
		return r;
	struct ext2_buf *b;
	if ((r = bget(fs, at.blk, 1, &b)) < 0)
		return r;
	struct ext2_dirent *de = (struct ext2_dirent *) (b->data + at.off);
	if (at.prev >= 0) {
		struct ext2_dirent *pd =
		    (struct ext2_dirent *) (b->data + at.prev);
		pd->rec_len = (uint16_t) (pd->rec_len + de->rec_len);
	} else {
		de->inode = 0;
	}
	bdirty(b);
	bput(fs, b);
	return dir_changed(fs, dir);
}

/* dir_retarget: the entry keeps its place and name. */
int dir_retarget(struct ext2_fs *fs, struct ext2_node *dir, const char *name,
    uint32_t len, uint32_t ino, uint32_t mode)
{
	struct spot at;
	int r = scan(fs, dir, name, len, &at);
	if (r < 0)
		return r;
	struct ext2_buf *b;
	if ((r = bget(fs, at.blk, 1, &b)) < 0)
		return r;
	struct ext2_dirent *de = (struct ext2_dirent *) (b->data + at.off);
	de->inode = ino;
	de->file_type = entry_type(fs, mode);
	bdirty(b);
	bput(fs, b);
	return dir_changed(fs, dir);
}

/* dir_empty: any entry in use but "." and ".." makes it not empty. */
int dir_empty(struct ext2_fs *fs, struct ext2_node *dir)
{
	uint64_t pos = 0;
	struct ext2_entry e;
	int r;
	while ((r = ext2_readdir(fs, dir, &pos, &e)) == 1) {
		if (strcmp(e.name, ".") != 0 && strcmp(e.name, "..") != 0)
			return 0;
	}
	return r < 0 ? r : 1;
}

/* dir_init: one block: "." (12 bytes) and ".." (the rest). */
int dir_init(struct ext2_fs *fs, struct ext2_node *n, uint32_t parent)
{
	uint32_t blk;
	int r = bmap(fs, n, 0, 1, &blk, NULL);
	if (r < 0)
		return r;
	struct ext2_buf *b;
	if ((r = bget(fs, blk, 0, &b)) < 0)
		return r;
	struct ext2_dirent *dot = (struct ext2_dirent *) b->data;
	dot->rec_len = EXT2_DIRENT_LEN(1);
	put_entry(fs, dot, ".", 1, n->ino, S_IFDIR);
	struct ext2_dirent *dotdot =
	    (struct ext2_dirent *) (b->data + dot->rec_len);
	dotdot->rec_len = (uint16_t) (fs->bs - dot->rec_len);
	put_entry(fs, dotdot, "..", 2, parent, S_IFDIR);
	bdirty(b);
	bput(fs, b);
	n->d.i_size = fs->bs;
	return inode_write(fs, n);
}

/* ext2_readdir: from the block holding *POS, walking its entries from the
 * block's start to the first at or after *POS (so a stale offset still
 * lands on an entry). */
int ext2_readdir(struct ext2_fs *fs, struct ext2_node *dir, uint64_t *pos,
    struct ext2_entry *out)
{
	if (!S_ISDIR(dir->d.i_mode))
		return -ENOTDIR;
	while (*pos < dir->d.i_size) {
		uint32_t lbn = (uint32_t) (*pos >> fs->log_bs);
		uint32_t want = (uint32_t) *pos & (fs->bs - 1);
		uint64_t start = (uint64_t) lbn << fs->log_bs;
		uint32_t blk;
		int r = bmap(fs, dir, lbn, 0, &blk, NULL);
		if (r < 0)
			return r;
		if (!blk) {
			*pos = start + fs->bs;
			continue;
		}
		struct ext2_buf *b;
		if ((r = bget(fs, blk, 1, &b)) < 0)
			return r;
		for (uint32_t off = 0; off < fs->bs;) {
			struct ext2_dirent *de = entry_at(fs, b->data, off);
			if (!de) {
				bput(fs, b);
				return -EIO;
			}
			uint32_t next = off + de->rec_len;
			if (off >= want && de->inode) {
				out->ino = de->inode;
				out->type = de->file_type;
				out->name_len = de->name_len;
				memcpy(out->name, de->name, de->name_len);
				out->name[de->name_len] = 0;
				*pos = start + next;
				bput(fs, b);
				return 1;
			}
			off = next;
		}
		bput(fs, b);
		*pos = start + fs->bs;
	}
	return 0;
}
