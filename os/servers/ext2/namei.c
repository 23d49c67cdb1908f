/* Names: lookup, and the operations that add or remove names (create,
 * mkdir, symlink, link, unlink, rmdir, rename), keeping link counts: a
 * file's count is its names; a directory's is 2 ("." and its entry in the
 * parent) plus one per subdirectory (their ".."). Each operation checks
 * everything that can fail for a reason of the caller's before it changes
 * anything; a full disk may still stop it half-way, leaving a consistent
 * file system (a new inode is freed again). */
#include "internal.h"

/* check_name: a name of 1..255 bytes with neither '/' nor NUL. */
static int check_name(const char *name, uint32_t len)
{
	if (len == 0)
		return -ENOENT;
	if (len > EXT2_NAME_LEN)
		return -ENAMETOOLONG;
	for (uint32_t i = 0; i < len; i++)
		if (name[i] == '/' || name[i] == 0)
			return -EINVAL;
	return 0;
}

/* is_dots: NAME is "." or "..". */
static int is_dots(const char *name, uint32_t len)
{
	return (len == 1 && name[0] == '.') ||
	    (len == 2 && name[0] == '.' && name[1] == '.');
}

/* may_add: FS writable, DIR a live directory without NAME, NAME valid. */
static int may_add(struct ext2_fs *fs, struct ext2_node *dir, const char *name,
    uint32_t len)
{
	uint32_t ino;
	if (fs->rdonly)
		return -EACCES;
	if (!S_ISDIR(dir->d.i_mode))
		return -ENOTDIR;
	if (dir->d.i_links_count == 0)
		return -ENOENT;          /* being removed */
	int r = check_name(name, len);
	if (r < 0)
		return r;
	r = dir_find(fs, dir, name, len, &ino);
	if (r == 0)
		return -EEXIST;
	return r == -ENOENT ? 0 : r;
}

/* undo_new: a new inode that could not be entered goes again. */
static void undo_new(struct ext2_fs *fs, struct ext2_node *n)
{
	n->d.i_links_count = 0;
	inode_write(fs, n);
	ext2_iput(fs, n);
}

/* ext2_lookup: see ext2.h. */
int ext2_lookup(struct ext2_fs *fs, struct ext2_node *dir, const char *name,
    uint32_t len, struct ext2_node **out)
{
	uint32_t ino;
	int r = check_name(name, len);
	if (r < 0)
		return r;
	if ((r = dir_find(fs, dir, name, len, &ino)) < 0)
		return r;
	return ext2_iget(fs, ino, out);
}

/* ext2_create: devices keep their number in i_block[0] (old encoding). */
int ext2_create(struct ext2_fs *fs, struct ext2_node *dir, const char *name,
    uint32_t len, uint32_t mode, uint32_t rdev, uint32_t uid, uint32_t gid,
    struct ext2_node **out)
{
	uint32_t fmt = mode & S_IFMT;
	if (fmt != S_IFREG && fmt != S_IFCHR && fmt != S_IFBLK &&
	    fmt != S_IFIFO && fmt != S_IFSOCK)
		return -EINVAL;
	int r = may_add(fs, dir, name, len);
	if (r < 0)
		return r;
	struct ext2_node *n;
	if ((r = node_alloc(fs, dir, mode & (S_IFMT | 07777), uid, gid,
	    &n)) < 0)
		return r;
	if (fmt == S_IFCHR || fmt == S_IFBLK)
		n->d.i_block[0] = rdev & 0xffff;
	if ((r = inode_write(fs, n)) < 0 ||
	    (r = dir_add(fs, dir, name, len, n->ino, n->d.i_mode)) < 0) {
		undo_new(fs, n);
		return r;
	}
	*out = n;
	return 0;
}

/* ext2_mkdir: the new directory's block first, then its name; the parent
 * gains a link (the new "..").*/
int ext2_mkdir(struct ext2_fs *fs, struct ext2_node *dir, const char *name,
    uint32_t len, uint32_t mode, uint32_t uid, uint32_t gid,
    struct ext2_node **out)
{
	int r = may_add(fs, dir, name, len);
	if (r < 0)
		return r;
	struct ext2_node *n;
	if ((r = node_alloc(fs, dir, S_IFDIR | (mode & 07777), uid, gid,
	    &n)) < 0)
		return r;
	n->d.i_links_count = 2;
	if ((r = dir_init(fs, n, dir->ino)) < 0 ||
	    (r = dir_add(fs, dir, name, len, n->ino, n->d.i_mode)) < 0) {
		undo_new(fs, n);
		return r;
	}
	dir->d.i_links_count++;
	if ((r = inode_write(fs, dir)) < 0)
		return r;
	*out = n;
	return 0;
}

/* ext2_symlink: fast (in i_block) below 60 bytes, else one block. */
int ext2_symlink(struct ext2_fs *fs, struct ext2_node *dir, const char *name,
    uint32_t len, const char *target, uint32_t tlen, uint32_t uid,
    uint32_t gid, struct ext2_node **out)
{
	if (tlen == 0)
		return -ENOENT;
	if (tlen >= fs->bs)
		return -ENAMETOOLONG;
	int r = may_add(fs, dir, name, len);
	if (r < 0)
		return r;
	struct ext2_node *n;
	if ((r = node_alloc(fs, dir, S_IFLNK | 0777, uid, gid, &n)) < 0)
		return r;
	if (tlen < EXT2_FAST_LINK_MAX) {
		memcpy(n->d.i_block, target, tlen);
		n->d.i_size = tlen;
		r = inode_write(fs, n);
	} else {
		uint32_t blk;
		struct ext2_buf *b;
		if ((r = bmap(fs, n, 0, 1, &blk, NULL)) == 0 &&
		    (r = bget(fs, blk, 0, &b)) == 0) {
			memcpy(b->data, target, tlen);
			bdirty(b);
			bput(fs, b);
			n->d.i_size = tlen;
			r = inode_write(fs, n);
		}
	}
	if (r < 0 || (r = dir_add(fs, dir, name, len, n->ino,
	    n->d.i_mode)) < 0) {
		undo_new(fs, n);
		return r;
	}
	*out = n;
	return 0;
}

/* ext2_link: see ext2.h. */
int ext2_link(struct ext2_fs *fs, struct ext2_node *dir, const char *name,
    uint32_t len, struct ext2_node *n)
{
	if (S_ISDIR(n->d.i_mode))
		return -EPERM;
	if (n->d.i_links_count == 0)
		return -ENOENT;
	if (n->d.i_links_count >= 0xffff)
		return -EINVAL;
	int r = may_add(fs, dir, name, len);
	if (r < 0)
		return r;
	if ((r = dir_add(fs, dir, name, len, n->ino, n->d.i_mode)) < 0)
		return r;
	n->d.i_links_count++;
	node_touch(fs, n, 0, 0, 1);
	return inode_write(fs, n);
}

/* drop_link: LINKS links of N less (ctime now); the inode goes when this
 * was the last link and the caller's reference the last one; when others
 * still reference it, it waits on the orphan list. */
static int drop_link(struct ext2_fs *fs, struct ext2_node *n, int links)
{
	n->d.i_links_count = links <= n->d.i_links_count ?
	    (uint16_t) (n->d.i_links_count - links) : 0;
	node_touch(fs, n, 0, 0, 1);
	int r = n->d.i_links_count == 0 && n->refs > 1 ?
	    orphan_add(fs, n) : inode_write(fs, n);
	int p = ext2_iput(fs, n);
	return r < 0 ? r : p;
}

/* ext2_unlink: see ext2.h. */
int ext2_unlink(struct ext2_fs *fs, struct ext2_node *dir, const char *name,
    uint32_t len)
{
	if (fs->rdonly)
		return -EACCES;
	struct ext2_node *n;
	int r = ext2_lookup(fs, dir, name, len, &n);
	if (r < 0)
		return r;
	if (S_ISDIR(n->d.i_mode)) {
		ext2_iput(fs, n);
		return -EISDIR;
	}
	if ((r = dir_remove(fs, dir, name, len)) < 0) {
		ext2_iput(fs, n);
		return r;
	}
	return drop_link(fs, n, 1);
}

/* ext2_rmdir: the directory loses both links ("." and its name); the
 * parent loses the one of its "..". */
int ext2_rmdir(struct ext2_fs *fs, struct ext2_node *dir, const char *name,
    uint32_t len)
{
	if (fs->rdonly)
		return -EACCES;
	if (len == 1 && name[0] == '.')
		return -EINVAL;
	if (len == 2 && name[0] == '.' && name[1] == '.')
		return -ENOTEMPTY;
	struct ext2_node *n;
	int r = ext2_lookup(fs, dir, name, len, &n);
	if (r < 0)
		return r;
	if (!S_ISDIR(n->d.i_mode))
		r = -ENOTDIR;
	else if ((r = dir_empty(fs, n)) == 0)
		r = -ENOTEMPTY;
	else if (r == 1)
		r = dir_remove(fs, dir, name, len);
	if (r < 0) {
		ext2_iput(fs, n);
		return r;
	}
	if (dir->d.i_links_count > 2)
		dir->d.i_links_count--;
	if ((r = inode_write(fs, dir)) < 0) {
		ext2_iput(fs, n);
		return r;
	}
	return drop_link(fs, n, 2);
}

/* inside: is directory DIR the directory SRC or below it (walking ".." up
 * to the root)? 1 yes, 0 no, or an error. */
static int inside(struct ext2_fs *fs, struct ext2_node *dir, uint32_t src)
{
	uint32_t ino = dir->ino;
	for (uint32_t steps = 0; steps < fs->sb.s_inodes_count; steps++) {
		if (ino == src)
			return 1;
		if (ino == EXT2_ROOT_INO)
			return 0;
		struct ext2_node *n;
		int r = ext2_iget(fs, ino, &n);
		if (r < 0)
			return r;
		r = dir_find(fs, n, "..", 2, &ino);
		ext2_iput(fs, n);
		if (r < 0)
			return r;
	}
	return -EIO;                     /* a loop: corrupt */
}

/* rename_check: may SRC replace TGT (NULL: no target)? */
static int rename_check(struct ext2_fs *fs, struct ext2_node *src,
    struct ext2_node *tgt)
{
	if (!tgt)
		return 0;
	if (S_ISDIR(tgt->d.i_mode) && !S_ISDIR(src->d.i_mode))
		return -EISDIR;
	if (!S_ISDIR(tgt->d.i_mode) && S_ISDIR(src->d.i_mode))
		return -ENOTDIR;
	if (S_ISDIR(tgt->d.i_mode)) {
		int r = dir_empty(fs, tgt);
		if (r <= 0)
			return r < 0 ? r : -ENOTEMPTY;
	}
	return 0;
}

/* rename_do: enter SRC as NEW_NAME (over TGT's entry when there is one),
 * remove OLD_NAME, then move a directory's ".." and the parents' links. */
static int rename_do(struct ext2_fs *fs, struct ext2_node *old_dir,
    const char *old_name, uint32_t old_len, struct ext2_node *new_dir,
    const char *new_name, uint32_t new_len, struct ext2_node *src,
    struct ext2_node *tgt)
{
	int r, isdir = S_ISDIR(src->d.i_mode);
	if (tgt)
		r = dir_retarget(fs, new_dir, new_name, new_len, src->ino,
		    src->d.i_mode);
	else
		r = dir_add(fs, new_dir, new_name, new_len, src->ino,
		    src->d.i_mode);
	if (r < 0 || (r = dir_remove(fs, old_dir, old_name, old_len)) < 0)
		return r;
	if (tgt && S_ISDIR(tgt->d.i_mode) && new_dir->d.i_links_count > 2)
		new_dir->d.i_links_count--;      /* the target's ".." */
	if (isdir && old_dir != new_dir) {
		if ((r = dir_retarget(fs, src, "..", 2, new_dir->ino,
		    S_IFDIR)) < 0)
			return r;
		old_dir->d.i_links_count--;
		new_dir->d.i_links_count++;
	}
	node_touch(fs, src, 0, 0, 1);
	if ((r = inode_write(fs, src)) < 0 ||
	    (r = inode_write(fs, old_dir)) < 0)
		return r;
	return inode_write(fs, new_dir);
}

/* ext2_rename: see ext2.h. */
int ext2_rename(struct ext2_fs *fs, struct ext2_node *old_dir,
    const char *old_name, uint32_t old_len, struct ext2_node *new_dir,
    const char *new_name, uint32_t new_len)
{
	if (fs->rdonly)
		return -EACCES;
	if (is_dots(old_name, old_len) || is_dots(new_name, new_len))
		return -EINVAL;
	int r = check_name(new_name, new_len);
	if (r < 0)
		return r;
	if (!S_ISDIR(new_dir->d.i_mode))
		return -ENOTDIR;
	struct ext2_node *src, *tgt = NULL;
	if ((r = ext2_lookup(fs, old_dir, old_name, old_len, &src)) < 0)
		return r;
	if (S_ISDIR(src->d.i_mode) && old_dir != new_dir &&
	    (r = inside(fs, new_dir, src->ino)) != 0) {
		ext2_iput(fs, src);
		return r < 0 ? r : -EINVAL;
	}
	r = ext2_lookup(fs, new_dir, new_name, new_len, &tgt);
	if (r == -ENOENT) {
		tgt = NULL;
		r = 0;
	} else if (r == 0 && tgt == src) {
		ext2_iput(fs, tgt);      /* the same file: nothing to do */
		ext2_iput(fs, src);
		return 0;
	}
	if (r == 0 && (r = rename_check(fs, src, tgt)) == 0)
		r = rename_do(fs, old_dir, old_name, old_len, new_dir,
		    new_name, new_len, src, tgt);
	if (tgt) {
		int p = r < 0 ? ext2_iput(fs, tgt) :
		    drop_link(fs, tgt, S_ISDIR(tgt->d.i_mode) ? 2 : 1);
		if (r == 0)
			r = p;
	}
	int p = ext2_iput(fs, src);
	return r < 0 ? r : p;
}
