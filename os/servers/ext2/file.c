/* File contents: reads and writes through the block map and the cache,
 * truncation, and symbolic-link targets. The bytes of a file's last block
 * past its size are kept zero (new blocks are zeroed, shrinking and
 * growing clear the tail), so a hole or a grown file reads as zeros. */
#include "internal.h"

/* max_size: the largest file: what the block map reaches, and 2 GiB - 1
 * in revision 0 (which cannot record the large_file feature). */
static uint64_t max_size(struct ext2_fs *fs)
{
	if (fs->sb.s_rev_level == EXT2_GOOD_OLD_REV)
		return 0x7fffffffu;
	return bmap_max(fs) << fs->log_bs;
}

/* zero_tail: clear the bytes of N's block holding byte SIZE from there to
 * the block's end (nothing when SIZE is block-aligned or in a hole). */
static int zero_tail(struct ext2_fs *fs, struct ext2_node *n, uint64_t size)
{
	uint32_t off = (uint32_t) size & (fs->bs - 1);
	uint32_t blk;
	if (off == 0)
		return 0;
	int r = bmap(fs, n, (uint32_t) (size >> fs->log_bs), 0, &blk, NULL);
	if (r < 0 || blk == 0)
		return r;
	struct ext2_buf *b;
	if ((r = bget(fs, blk, 1, &b)) < 0)
		return r;
	memset(b->data + off, 0, fs->bs - off);
	bdirty(b);
	bput(fs, b);
	return 0;
}

/* atime_due: a read updates atime only when it is older than the last
 * change or a day old (Linux's relatime), so reads seldom write. */
static int atime_due(struct ext2_fs *fs, const struct ext2_node *n)
{
	uint32_t now = fs_now(fs), at = n->d.i_atime;
	return at < n->d.i_mtime || at < n->d.i_ctime || now - at >= 86400;
}

/* readahead: N's logical blocks LBN.. up to LAST (the read's last) that
 * follow BLK (LBN's, not cached) on the disk, none cached, are read in one
 * transfer: a file read in order costs one transfer per run. */
static void readahead(struct ext2_fs *fs, struct ext2_node *n, uint32_t lbn,
    uint32_t last, uint32_t blk)
{
	uint32_t most = EXT2_STAGE_BYTES >> fs->log_bs, count = 1, next;
	if (cache_has(fs, blk))
		return;
	while (count < most && lbn + count <= last &&
	    bmap(fs, n, lbn + count, 0, &next, NULL) == 0 &&
	    next == blk + count && !cache_has(fs, next))
		count++;
	if (count > 1)
		cache_prefetch(fs, blk, count);  /* else bget reads it */
}

/* ext2_read: block by block; a hole gives zeros. */
int ext2_read(struct ext2_fs *fs, struct ext2_node *n, uint64_t pos,
    void *buf, uint32_t len)
{
	uint64_t size = ext2_size(n);
	uint8_t *dst = buf;
	if (pos >= size)
		return 0;
	if (len > size - pos)
		len = (uint32_t) (size - pos);
	if (len > 0x7fffffffu)
		len = 0x7fffffffu;
	uint32_t done = 0;
	while (done < len) {
		uint32_t off = (uint32_t) pos & (fs->bs - 1);
		uint32_t chunk = fs->bs - off;
		if (chunk > len - done)
			chunk = len - done;
		uint32_t blk;
		int r = bmap(fs, n, (uint32_t) (pos >> fs->log_bs), 0, &blk,
		    NULL);
		if (r < 0)
			return done ? (int) done : r;
		if (blk == 0) {
			memset(dst + done, 0, chunk);
		} else {
			struct ext2_buf *b;
			readahead(fs, n, (uint32_t) (pos >> fs->log_bs),
			    (uint32_t) ((pos + (len - done) - 1) >> fs->log_bs),
			    blk);
			if ((r = bget(fs, blk, 1, &b)) < 0)
				return done ? (int) done : r;
			memcpy(dst + done, b->data + off, chunk);
			bput(fs, b);
		}
		done += chunk;
		pos += chunk;
	}
	if (!fs->rdonly && atime_due(fs, n)) {
		node_touch(fs, n, 1, 0, 0);
		inode_write(fs, n);
	}
	return (int) done;
}

/* ext2_write: block by block, allocating; a block written whole is not
 * read first. Stops at the first error: what was written counts. */
int ext2_write(struct ext2_fs *fs, struct ext2_node *n, uint64_t pos,
    const void *buf, uint32_t len)
{
	const uint8_t *src = buf;
	if (fs->rdonly)
		return -EACCES;
	if (S_ISDIR(n->d.i_mode))
		return -EISDIR;
	if (len > 0x7fffffffu)
		len = 0x7fffffffu;
	if (pos + len > max_size(fs))
		return -EINVAL;
	uint64_t size = ext2_size(n);
	int r = 0;
	if (pos > size && (r = zero_tail(fs, n, size)) < 0)
		return r;
	uint32_t done = 0;
	while (done < len) {
		uint32_t off = (uint32_t) pos & (fs->bs - 1);
		uint32_t chunk = fs->bs - off;
		if (chunk > len - done)
			chunk = len - done;
		uint32_t blk;
		int fresh;
		r = bmap(fs, n, (uint32_t) (pos >> fs->log_bs), 1, &blk, &fresh);
		if (r < 0)
			break;
		struct ext2_buf *b;
		if ((r = bget(fs, blk, chunk < fs->bs && !fresh, &b)) < 0)
			break;
		memcpy(b->data + off, src + done, chunk);
		bdirty(b);
		bput(fs, b);
		done += chunk;
		pos += chunk;
	}
	if (pos > size)
		node_size_set(fs, n, pos);
	if (done)
		node_touch(fs, n, 0, 1, 1);
	int w = inode_write(fs, n);
	if (done)
		return (int) done;
	return r < 0 ? r : w;
}

/* ext2_truncate: shrinking frees whole blocks past the new end and clears
 * the rest of the new last block; growing only clears the old tail. */
int ext2_truncate(struct ext2_fs *fs, struct ext2_node *n, uint64_t size)
{
	if (fs->rdonly)
		return -EACCES;
	if (S_ISDIR(n->d.i_mode))
		return -EISDIR;
	if (!S_ISREG(n->d.i_mode))
		return -EINVAL;
	if (size > max_size(fs))
		return -EINVAL;
	uint64_t old = ext2_size(n);
	int r = 0;
	if (size < old) {
		uint32_t keep = (uint32_t) ((size + fs->bs - 1) >> fs->log_bs);
		if ((r = bmap_truncate(fs, n, keep)) < 0)
			return r;
		r = zero_tail(fs, n, size);
	} else if (size > old) {
		r = zero_tail(fs, n, old);
	}
	if (r < 0)
		return r;
	node_size_set(fs, n, size);
	node_touch(fs, n, 0, 1, 1);
	return inode_write(fs, n);
}

/* ext2_readlink: a fast link's target is in i_block, a slow one's in its
 * first block. */
int ext2_readlink(struct ext2_fs *fs, struct ext2_node *n, char *buf,
    uint32_t size)
{
	if (!S_ISLNK_(n->d.i_mode))
		return -EINVAL;
	uint32_t len = n->d.i_size;
	if (len > size)
		len = size;
	if (node_fast_link(fs, n)) {
		if (len > EXT2_FAST_LINK_MAX)
			return -EIO;
		memcpy(buf, n->d.i_block, len);
		return (int) len;
	}
	if (len > fs->bs)
		len = fs->bs;
	return ext2_read(fs, n, 0, buf, len);
}
