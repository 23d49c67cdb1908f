/* Block allocation: one bitmap block per group, bit I for block
 * s_first_data_block + group * s_blocks_per_group + I. A block is taken
 * near a goal (the block before it in the file, or the inode's group):
 * first from the goal on in its group, then the groups after it. The free
 * counts of the group and the superblock follow every change. */
#include "internal.h"

/* group_of_block: which group BLK belongs to. */
uint32_t group_of_block(struct ext2_fs *fs, uint32_t blk)
{
	return (blk - fs->sb.s_first_data_block) / fs->sb.s_blocks_per_group;
}

/* group_blocks: how many blocks group G has (the last may be short). */
static uint32_t group_blocks(struct ext2_fs *fs, uint32_t g)
{
	uint32_t start = fs->sb.s_first_data_block +
	    g * fs->sb.s_blocks_per_group;
	uint32_t left = fs->sb.s_blocks_count - start;
	return left < fs->sb.s_blocks_per_group ? left :
	    fs->sb.s_blocks_per_group;
}

/* find_zero: the first clear bit of MAP in [FROM, TO), or -1. */
static int find_zero(const uint8_t *map, uint32_t from, uint32_t to)
{
	for (uint32_t i = from; i < to; i++) {
		if ((i & 7) == 0 && map[i >> 3] == 0xff && i + 8 <= to) {
			i += 7;
			continue;
		}
		if (!(map[i >> 3] & (1u << (i & 7))))
			return (int) i;
	}
	return -1;
}

/* balloc: see internal.h. */
int balloc(struct ext2_fs *fs, uint32_t goal, uint32_t *out)
{
	if (fs->sb.s_free_blocks_count == 0)
		return -ENOSPC;
	uint32_t g0 = 0, bit0 = 0;
	if (goal >= fs->sb.s_first_data_block && goal < fs->sb.s_blocks_count) {
		g0 = group_of_block(fs, goal);
		bit0 = goal - fs->sb.s_first_data_block -
		    g0 * fs->sb.s_blocks_per_group;
	}
	for (uint32_t k = 0; k <= fs->groups; k++) {
		uint32_t g = (g0 + k) % fs->groups;
		if (fs->gd[g].bg_free_blocks_count == 0)
			continue;
		struct ext2_buf *b;
		int r = bget(fs, fs->gd[g].bg_block_bitmap, 1, &b);
		if (r < 0)
			return r;
		uint32_t n = group_blocks(fs, g);
		uint32_t from = k == 0 && bit0 < n ? bit0 : 0;
		int bit = find_zero(b->data, from, n);
		if (bit < 0)
			bit = find_zero(b->data, 0, from);
		if (bit < 0) {
			bput(fs, b);
			fs_error(fs);    /* the count said there was one */
			continue;
		}
		b->data[bit >> 3] |= (uint8_t) (1u << (bit & 7));
		bdirty(b);
		bput(fs, b);
		fs->gd[g].bg_free_blocks_count--;
		fs->sb.s_free_blocks_count--;
		*out = fs->sb.s_first_data_block +
		    g * fs->sb.s_blocks_per_group + (uint32_t) bit;
		return 0;
	}
	return -ENOSPC;
}

/* bfree: clear BLK's bit; a block outside the data area or already free is
 * an inconsistency (noted, nothing freed). */
int bfree(struct ext2_fs *fs, uint32_t blk)
{
	if (blk < fs->sb.s_first_data_block || blk >= fs->sb.s_blocks_count) {
		fs_error(fs);
		return -EIO;
	}
	uint32_t g = group_of_block(fs, blk);
	uint32_t bit = blk - fs->sb.s_first_data_block -
	    g * fs->sb.s_blocks_per_group;
	struct ext2_buf *b;
	int r = bget(fs, fs->gd[g].bg_block_bitmap, 1, &b);
	if (r < 0)
		return r;
	uint8_t mask = (uint8_t) (1u << (bit & 7));
	if (!(b->data[bit >> 3] & mask)) {
		bput(fs, b);
		fs_error(fs);
		return 0;
	}
	b->data[bit >> 3] &= (uint8_t) ~mask;
	bdirty(b);
	bput(fs, b);
	fs->gd[g].bg_free_blocks_count++;
	fs->sb.s_free_blocks_count++;
	bforget(fs, blk);
	return 0;
}
