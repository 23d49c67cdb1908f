/* Inode allocation: one bitmap block per group, bit I for inode
 * group * s_inodes_per_group + I + 1. A file goes in its parent's group
 * when it has a free inode (else the next group that has one); a
 * directory goes in the group with the fewest directories among those
 * with at least the average number of free inodes (spreading trees, as
 * ext2 does). Counts in the group and the superblock follow. */
#include "internal.h"

/* dir_group: the group for a new directory (see above). */
static uint32_t dir_group(struct ext2_fs *fs, uint32_t parent_group)
{
	uint32_t avg = fs->sb.s_free_inodes_count / fs->groups;
	uint32_t best = parent_group;
	int found = 0;
	for (uint32_t k = 0; k < fs->groups; k++) {
		uint32_t g = (parent_group + k) % fs->groups;
		struct ext2_group_desc *d = &fs->gd[g];
		if (d->bg_free_inodes_count == 0 || d->bg_free_inodes_count < avg)
			continue;
		if (!found || d->bg_used_dirs_count <
		    fs->gd[best].bg_used_dirs_count) {
			best = g;
			found = 1;
		}
	}
	return best;
}

/* ialloc: see internal.h. */
int ialloc(struct ext2_fs *fs, uint32_t parent, uint32_t mode, uint32_t *out)
{
	if (fs->sb.s_free_inodes_count == 0)
		return -ENOSPC;
	uint32_t ipg = fs->sb.s_inodes_per_group;
	uint32_t pg = parent ? (parent - 1) / ipg : 0;
	int dir = S_ISDIR(mode);
	uint32_t g0 = dir ? dir_group(fs, pg) : pg;
	for (uint32_t k = 0; k < fs->groups; k++) {
		uint32_t g = (g0 + k) % fs->groups;
		if (fs->gd[g].bg_free_inodes_count == 0)
			continue;
		struct ext2_buf *b;
		int r = bget(fs, fs->gd[g].bg_inode_bitmap, 1, &b);
		if (r < 0)
			return r;
		uint32_t bit;
		for (bit = 0; bit < ipg; bit++) {
			if (g * ipg + bit + 1 < fs->first_ino)
				continue;        /* reserved inodes */
			if (!(b->data[bit >> 3] & (1u << (bit & 7))))
				break;
		}
		if (bit == ipg) {
			bput(fs, b);
			fs_error(fs);
			continue;
		}
		b->data[bit >> 3] |= (uint8_t) (1u << (bit & 7));
		bdirty(b);
		bput(fs, b);
		fs->gd[g].bg_free_inodes_count--;
		fs->sb.s_free_inodes_count--;
		if (dir)
			fs->gd[g].bg_used_dirs_count++;
		*out = g * ipg + bit + 1;
		return inode_zero(fs, *out);
	}
	return -ENOSPC;
}

/* ifree: clear INO's bit (already clear: an inconsistency, noted). */
int ifree(struct ext2_fs *fs, uint32_t ino, int dir)
{
	uint32_t ipg = fs->sb.s_inodes_per_group;
	uint32_t g = (ino - 1) / ipg, bit = (ino - 1) % ipg;
	struct ext2_buf *b;
	int r = bget(fs, fs->gd[g].bg_inode_bitmap, 1, &b);
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
	fs->gd[g].bg_free_inodes_count++;
	fs->sb.s_free_inodes_count++;
	if (dir && fs->gd[g].bg_used_dirs_count)
		fs->gd[g].bg_used_dirs_count--;
	return 0;
}
