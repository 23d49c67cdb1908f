/* The block cache: EXT2_CACHE_BYTES / bs buffers of one file-system block,
 * found by a scan, replaced least-recently-used first among the unpinned
 * ones. A changed block is dirty until written back: on eviction, or when
 * ext2_sync flushes the cache. Freed blocks are forgotten unwritten. */
#include "internal.h"

/* cache_init: every buffer empty, each with its slot of FS->data (of the
 * block size; 1 KiB before it is known). */
void cache_init(struct ext2_fs *fs)
{
	uint32_t bs = fs->bs ? fs->bs : 1024;
	fs->nbuf = EXT2_CACHE_BYTES / bs;
	if (fs->nbuf > EXT2_CACHE_BUFS)
		fs->nbuf = EXT2_CACHE_BUFS;
	for (uint32_t i = 0; i < fs->nbuf; i++) {
		struct ext2_buf *b = &fs->buf[i];
		memset(b, 0, sizeof(*b));
		b->data = fs->data + i * bs;
	}
	fs->clock = 0;
}

static int dev_run(struct ext2_fs *fs, uint32_t blk, uint32_t count,
    void *data, int write);

/* dev_io: fs block BLK is SPB device blocks from BLK * SPB; one transfer
 * of them to or from DATA. */
int dev_io(struct ext2_fs *fs, uint32_t blk, void *data, int write)
{
	return dev_run(fs, blk, 1, data, write);
}

/* dev_run: COUNT fs blocks from BLK in one transfer. */
static int dev_run(struct ext2_fs *fs, uint32_t blk, uint32_t count,
    void *data, int write)
{
	uint64_t first = (uint64_t) blk * fs->spb;
	uint32_t n = count * fs->spb;
	int r = write ? fs->dev.write_block(fs->dev.ctx, first, n, data)
	    : fs->dev.read_block(fs->dev.ctx, first, n, data);
	return r < 0 ? r : 0;
}

/* cached_dirty: the buffer holding BLK if it is dirty, else NULL. */
static struct ext2_buf *cached_dirty(struct ext2_fs *fs, uint32_t blk)
{
	for (uint32_t i = 0; i < fs->nbuf; i++) {
		struct ext2_buf *b = &fs->buf[i];
		if (b->valid && b->dirty && b->blk == blk)
			return b;
	}
	return NULL;
}

/* buf_clean: write B back if dirty, with the dirty blocks next to it on
 * the disk (as many as FS->stage holds) in the same transfer: a file
 * written in order leaves the cache in long runs. */
static int buf_clean(struct ext2_fs *fs, struct ext2_buf *b)
{
	if (!b->valid || !b->dirty)
		return 0;
	uint32_t most = EXT2_STAGE_BYTES >> fs->log_bs;
	uint32_t start = b->blk, count = 1;
	while (count < most && start > 0 && cached_dirty(fs, start - 1)) {
		start--;
		count++;
	}
	while (count < most && cached_dirty(fs, start + count))
		count++;
	if (count == 1) {
		int r = dev_run(fs, b->blk, 1, b->data, 1);
		if (r < 0)
			return r;
		b->dirty = 0;
		fs->writes++;
		return 0;
	}
	for (uint32_t i = 0; i < count; i++)
		memcpy(fs->stage + (i << fs->log_bs),
		    cached_dirty(fs, start + i)->data, fs->bs);
	int r = dev_run(fs, start, count, fs->stage, 1);
	if (r < 0)
		return r;
	for (uint32_t i = 0; i < count; i++)
		cached_dirty(fs, start + i)->dirty = 0;
	fs->writes++;
	return 0;
}

/* bget: a hit is pinned as it is; a miss takes the least recently used
 * unpinned buffer (written back first when dirty) and reads BLK into it
 * (READ) or zeroes it. A read that fails leaves the buffer empty. */
int bget(struct ext2_fs *fs, uint32_t blk, int read, struct ext2_buf **out)
{
	struct ext2_buf *victim = NULL;
	if (blk == 0 && fs->sb.s_first_data_block == 1)
		return -EIO;             /* never a data block: a corrupt map */
	if (blk >= fs->sb.s_blocks_count)
		return -EIO;
	for (uint32_t i = 0; i < fs->nbuf; i++) {
		struct ext2_buf *b = &fs->buf[i];
		if (b->valid && b->blk == blk) {
			if (!read && !b->pins)
				memset(b->data, 0, fs->bs);
			b->pins++;
			b->used = ++fs->clock;
			fs->hits++;
			*out = b;
			return 0;
		}
		if (b->pins)
			continue;
		if (!victim || !b->valid ||
		    (victim->valid && b->used < victim->used))
			victim = b;
	}
	if (!victim)
		return -ENOMEM;          /* every buffer pinned: a bug */
	int r = buf_clean(fs, victim);
	if (r < 0)
		return r;
	victim->valid = 0;
	fs->misses++;
	if (read) {
		r = dev_io(fs, blk, victim->data, 0);
		if (r < 0)
			return r;
	} else {
		memset(victim->data, 0, fs->bs);
	}
	victim->blk = blk;
	victim->valid = 1;
	victim->dirty = 0;
	victim->pins = 1;
	victim->used = ++fs->clock;
	*out = victim;
	return 0;
}

/* bput: one pin less. */
void bput(struct ext2_fs *fs, struct ext2_buf *b)
{
	(void) fs;
	if (b && b->pins)
		b->pins--;
}

/* bdirty: mark B to be written back. */
void bdirty(struct ext2_buf *b)
{
	b->dirty = 1;
}

/* bforget: a freed block's buffer is emptied (never pinned then). */
void bforget(struct ext2_fs *fs, uint32_t blk)
{
	for (uint32_t i = 0; i < fs->nbuf; i++) {
		struct ext2_buf *b = &fs->buf[i];
		if (b->valid && b->blk == blk && !b->pins) {
			b->valid = 0;
			b->dirty = 0;
		}
	}
}

/* cache_flush: the dirty buffers in ascending block order (one pass per
 * buffer picks the lowest dirty block left). */
int cache_flush(struct ext2_fs *fs)
{
	for (;;) {
		struct ext2_buf *next = NULL;
		for (uint32_t i = 0; i < fs->nbuf; i++) {
			struct ext2_buf *b = &fs->buf[i];
			if (b->valid && b->dirty && (!next || b->blk < next->blk))
				next = b;
		}
		if (!next)
			return 0;
		int r = buf_clean(fs, next);
		if (r < 0)
			return r;
	}
}

/* cache_has: BLK is in the cache. */
int cache_has(struct ext2_fs *fs, uint32_t blk)
{
	for (uint32_t i = 0; i < fs->nbuf; i++)
		if (fs->buf[i].valid && fs->buf[i].blk == blk)
			return 1;
	return 0;
}

/* cache_prefetch: the COUNT blocks from BLK (none of them cached) get
 * buffers first (evictions may write back through FS->stage), then one
 * transfer through FS->stage fills them; a failed transfer leaves them
 * empty. */
int cache_prefetch(struct ext2_fs *fs, uint32_t blk, uint32_t count)
{
	struct ext2_buf *got[EXT2_STAGE_BYTES / 1024];
	uint32_t n = 0;
	int r = 0;
	if (count > (EXT2_STAGE_BYTES >> fs->log_bs))
		count = EXT2_STAGE_BYTES >> fs->log_bs;
	if (blk + count > fs->sb.s_blocks_count || blk + count < blk)
		return -EIO;
	for (uint32_t i = 0; i < count; i++)
		if (cache_has(fs, blk + i))
			return 0;               /* not a run of misses */
	for (n = 0; n < count; n++)
		if ((r = bget(fs, blk + n, 0, &got[n])) < 0)
			break;
	if (r == 0)
		r = dev_run(fs, blk, count, fs->stage, 0);
	for (uint32_t i = 0; i < n; i++) {
		if (r == 0)
			memcpy(got[i]->data, fs->stage + (i << fs->log_bs), fs->bs);
		else
			got[i]->valid = 0;
		bput(fs, got[i]);
	}
	return r;
}
