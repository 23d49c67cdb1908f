/* Block maps: logical block LBN of a file is i_block[LBN] for the first 12,
 * then found through the single (i_block[12]), double (13) and triple (14)
 * indirect blocks, each an array of bs / 4 block numbers; 0 is a hole.
 * Blocks are allocated on demand, each near the one before it, and freed
 * from the end by truncation, indirect blocks with the last block under
 * them. i_blocks counts every block, indirect ones too. */
#include "internal.h"

/* bmap_max: 12 + apb + apb^2 + apb^3 logical blocks. */
uint64_t bmap_max(struct ext2_fs *fs)
{
	uint64_t apb = 1u << fs->log_apb;
	return EXT2_NDIR_BLOCKS + apb + apb * apb + apb * apb * apb;
}

/* path: the route to LBN: its root slot in i_block, the depth (0 direct,
 * 1..3 indirect) and the index at each level below the root. Returns the
 * depth, or -1 past the largest file. */
static int path(struct ext2_fs *fs, uint32_t lbn, uint32_t *root,
    uint32_t idx[3])
{
	uint32_t sh = fs->log_apb, mask = (1u << sh) - 1;
	uint64_t l = lbn;
	if (l < EXT2_NDIR_BLOCKS) {
		*root = (uint32_t) l;
		return 0;
	}
	l -= EXT2_NDIR_BLOCKS;
	if (l < (1ull << sh)) {
		*root = EXT2_IND_BLOCK;
		idx[0] = (uint32_t) l;
		return 1;
	}
	l -= 1ull << sh;
	if (l < (1ull << 2 * sh)) {
		*root = EXT2_DIND_BLOCK;
		idx[0] = (uint32_t) (l >> sh);
		idx[1] = (uint32_t) l & mask;
		return 2;
	}
	l -= 1ull << 2 * sh;
	if (l < (1ull << 3 * sh)) {
		*root = EXT2_TIND_BLOCK;
		idx[0] = (uint32_t) (l >> 2 * sh);
		idx[1] = (uint32_t) (l >> sh) & mask;
		idx[2] = (uint32_t) l & mask;
		return 3;
	}
	return -1;
}

/* goal_for: where a new block of N should go: after PREV when there is
 * one, else at the start of N's inode group. */
static uint32_t goal_for(struct ext2_fs *fs, struct ext2_node *n,
    uint32_t prev)
{
	if (prev)
		return prev + 1;
	uint32_t g = (n->ino - 1) / fs->sb.s_inodes_per_group;
	return fs->sb.s_first_data_block + g * fs->sb.s_blocks_per_group;
}

/* new_block: allocate a zeroed block near GOAL for N (counted in
 * i_blocks); written through the cache. */
static int new_block(struct ext2_fs *fs, struct ext2_node *n, uint32_t goal,
    uint32_t *out)
{
	int r = balloc(fs, goal, out);
	if (r < 0)
		return r;
	struct ext2_buf *b;
	if ((r = bget(fs, *out, 0, &b)) < 0) {
		bfree(fs, *out);
		return r;
	}
	bdirty(b);
	bput(fs, b);
	node_blocks_add(fs, n, 1);
	return 0;
}

/* bmap: walk (and with ALLOC, build) the path to LBN. The inode is
 * written when a slot of i_block or i_blocks changed. */
int bmap(struct ext2_fs *fs, struct ext2_node *n, uint32_t lbn, int alloc,
    uint32_t *out, int *fresh)
{
	uint32_t root, idx[3];
	int depth = path(fs, lbn, &root, idx);
	int r, inode_changed = 0;
	if (fresh)
		*fresh = 0;
	*out = 0;
	if (depth < 0)
		return -EINVAL;
	uint32_t blk = n->d.i_block[root];
	if (!blk) {
		if (!alloc)
			return 0;
		uint32_t prev = root > 0 && root <= EXT2_NDIR_BLOCKS ?
		    n->d.i_block[root - 1] : 0;
		if ((r = new_block(fs, n, goal_for(fs, n, prev), &blk)) < 0)
			return r;
		n->d.i_block[root] = blk;
		inode_changed = 1;
		if (depth == 0 && fresh)
			*fresh = 1;
	}
	for (int level = 0; level < depth; level++) {
		struct ext2_buf *b;
		if ((r = bget(fs, blk, 1, &b)) < 0)
			goto out;
		uint32_t *slots = (uint32_t *) b->data;
		uint32_t next = slots[idx[level]];
		if (!next && alloc) {
			uint32_t prev = idx[level] ? slots[idx[level] - 1] : blk;
			if ((r = new_block(fs, n, goal_for(fs, n, prev),
			    &next)) < 0) {
				bput(fs, b);
				goto out;
			}
			slots[idx[level]] = next;
			bdirty(b);
			inode_changed = 1;
			if (level == depth - 1 && fresh)
				*fresh = 1;
		}
		bput(fs, b);
		if (!next) {             /* a hole */
			r = 0;
			goto out;
		}
		blk = next;
	}
	*out = blk;
	r = 0;
out:
	if (inode_changed) {
		int w = inode_write(fs, n);
		if (r == 0)
			r = w;
	}
	return r;
}

/* free_tree: free the block BLK heads (DEPTH levels of indirection below
 * it) and everything under it. */
static int free_tree(struct ext2_fs *fs, struct ext2_node *n, uint32_t blk,
    int depth)
{
	int r;
	if (depth > 0) {
		struct ext2_buf *b;
		if ((r = bget(fs, blk, 1, &b)) < 0)
			return r;
		uint32_t *slots = (uint32_t *) b->data;
		for (uint32_t i = 0; i < (1u << fs->log_apb); i++) {
			if (slots[i] && (r = free_tree(fs, n, slots[i],
			    depth - 1)) < 0) {
				bput(fs, b);
				return r;
			}
		}
		bput(fs, b);
	}
	node_blocks_add(fs, n, -1);
	return bfree(fs, blk);
}

/* trunc_tree: in the tree under *SLOT (DEPTH levels, its first logical
 * block BASE), free the blocks for logical blocks KEEP and on: the whole
 * tree (and *SLOT = 0) when BASE >= KEEP, else its children in part (and
 * the indirect block too when nothing is left under it: a sparse file).
 * *CHANGED tells the caller to write the slot's block. */
static int trunc_tree(struct ext2_fs *fs, struct ext2_node *n, uint32_t *slot,
    int depth, uint64_t base, uint64_t keep, int *changed)
{
	if (!*slot)
		return 0;
	uint64_t span = 1ull << (depth * fs->log_apb);
	if (base + span <= keep)
		return 0;
	int r;
	if (base >= keep) {
		r = free_tree(fs, n, *slot, depth);
		*slot = 0;
		*changed = 1;
		return r;
	}
	struct ext2_buf *b;
	if ((r = bget(fs, *slot, 1, &b)) < 0)
		return r;
	uint32_t *slots = (uint32_t *) b->data;
	uint64_t child = span >> fs->log_apb;
	int dirty = 0, used = 0;
	for (uint32_t i = 0; i < (1u << fs->log_apb) && r == 0; i++) {
		r = trunc_tree(fs, n, &slots[i], depth - 1, base + i * child,
		    keep, &dirty);
		used |= slots[i] != 0;
	}
	if (dirty)
		bdirty(b);
	bput(fs, b);
	if (r == 0 && !used) {           /* only holes were left under it */
		node_blocks_add(fs, n, -1);
		r = bfree(fs, *slot);
		*slot = 0;
		*changed = 1;
	}
	return r;
}

/* bmap_truncate: the direct slots, then each indirect tree. */
int bmap_truncate(struct ext2_fs *fs, struct ext2_node *n, uint32_t keep)
{
	int changed = 0, r = 0;
	uint64_t base = 0;
	for (int i = 0; i < EXT2_N_BLOCKS && r == 0; i++) {
		int depth = i < EXT2_NDIR_BLOCKS ? 0 : i - EXT2_NDIR_BLOCKS + 1;
		r = trunc_tree(fs, n, &n->d.i_block[i], depth, base, keep,
		    &changed);
		base += 1ull << (depth * fs->log_apb);
	}
	int w = inode_write(fs, n);
	return r < 0 ? r : w;
}
