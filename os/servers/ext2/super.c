/* Mounting: the superblock and the group descriptors are read and checked
 * at mount and kept in struct ext2_fs; the free counts change there and
 * reach the disk on sync, with every dirty block of the cache. A read-write
 * mount marks the file system not clean on disk (as Linux does) until a
 * clean unmount, so a crash is seen by e2fsck. */
#include "internal.h"

/* fs_now: NOW() or 0 without a clock. */
uint32_t fs_now(struct ext2_fs *fs)
{
	return fs->now ? fs->now() : 0;
}

/* fs_error: remembered in the superblock, kept through unmount. */
void fs_error(struct ext2_fs *fs)
{
	fs->sb.s_state |= EXT2_ERROR_FS;
}

/* log2_of: log2 of the power of two X, or -1. */
static int log2_of(uint32_t x)
{
	if (x == 0 || (x & (x - 1)))
		return -1;
	int l = 0;
	while ((1u << l) != x)
		l++;
	return l;
}

/* super_read: the 1024 bytes at byte 1024 of the device into FS->sb
 * (the device blocks holding them, through FS->data as scratch). */
static int super_read(struct ext2_fs *fs)
{
	uint32_t ss = fs->dev.sector_size;
	uint32_t first = EXT2_SUPER_OFFSET / ss;
	uint32_t count = EXT2_SUPER_SIZE / ss;
	int r = fs->dev.read_block(fs->dev.ctx, first, count, fs->data);
	if (r < 0)
		return r;
	memcpy(&fs->sb, fs->data, sizeof(fs->sb));
	return 0;
}

/* A feature's bit and name (e2fsprogs' names). */
struct feature {
	uint32_t bit;
	const char *name;
};

static const struct feature incompat_names[] = {
	{ 0x0001, "compression" }, { 0x0004, "needs_recovery" },
	{ 0x0008, "journal_dev" }, { 0x0010, "meta_bg" },
	{ 0x0040, "extent" }, { 0x0080, "64bit" }, { 0x0100, "mmp" },
	{ 0x0200, "flex_bg" }, { 0x0400, "ea_inode" }, { 0x1000, "dirdata" },
	{ 0x2000, "metadata_csum_seed" }, { 0x4000, "large_dir" },
	{ 0x8000, "inline_data" }, { 0x10000, "encrypt" },
	{ 0x20000, "casefold" }, { 0, NULL },
};

static const struct feature ro_compat_names[] = {
	{ 0x0008, "huge_file" }, { 0x0010, "uninit_bg" },
	{ 0x0020, "dir_nlink" }, { 0x0040, "extra_isize" },
	{ 0x0100, "quota" }, { 0x0200, "bigalloc" },
	{ 0x0400, "metadata_csum" }, { 0x1000, "readonly" },
	{ 0x2000, "project" }, { 0, NULL },
};

/* name_features: "WHAT: name name ..." for the bits of MASK into FS->why
 * (unnamed bits in hex). */
static void name_features(struct ext2_fs *fs, const char *what,
    const struct feature *names, uint32_t mask)
{
	char *p = fs->why, *end = fs->why + sizeof(fs->why) - 1;
	for (const char *s = what; *s && p < end; s++)
		*p++ = *s;
	for (uint32_t bit = 1; bit && p < end; bit <<= 1) {
		if (!(mask & bit))
			continue;
		const char *name = NULL;
		for (const struct feature *f = names; f->name; f++)
			if (f->bit == bit)
				name = f->name;
		char hex[12];
		if (!name) {
			static const char digits[] = "0123456789abcdef";
			int n = 0;
			hex[n++] = '0';
			hex[n++] = 'x';
			for (int sh = 28; sh >= 0; sh -= 4)
				if ((bit >> sh) || sh == 0)
					hex[n++] = digits[(bit >> sh) & 15];
			hex[n] = 0;
			name = hex;
		}
		if (p < end)
			*p++ = ' ';
		while (*name && p < end)
			*p++ = *name++;
	}
	*p = 0;
}

/* features: which features keep FS from being mounted (-ENOSYS) or
 * written (read-only), named in FS->why. */
static int features(struct ext2_fs *fs)
{
	uint32_t bad;
	if (fs->sb.s_rev_level == EXT2_GOOD_OLD_REV)
		return 0;                /* revision 0 has none */
	bad = fs->sb.s_feature_incompat & ~EXT2_INCOMPAT_SUPPORTED;
	if (bad) {
		name_features(fs, "incompatible features:", incompat_names, bad);
		return -ENOSYS;
	}
	bad = fs->sb.s_feature_ro_compat & ~EXT2_RO_COMPAT_SUPPORTED;
	if (bad) {
		fs->rdonly = 1;
		name_features(fs, "read-only: features:", ro_compat_names, bad);
	}
	return 0;
}

/* geometry: check the superblock's numbers and derive FS's. */
static int geometry(struct ext2_fs *fs)
{
	struct ext2_super *sb = &fs->sb;
	if (sb->s_magic != EXT2_MAGIC || sb->s_rev_level > EXT2_DYNAMIC_REV)
		return -EINVAL;
	if (sb->s_log_block_size > 2)
		return -EINVAL;          /* 1, 2 and 4 KiB blocks */
	fs->log_bs = 10 + sb->s_log_block_size;
	fs->bs = 1u << fs->log_bs;
	fs->log_apb = fs->log_bs - 2;
	fs->spb = fs->bs / fs->dev.sector_size;
	if (sb->s_first_data_block != (fs->bs == 1024 ? 1u : 0u))
		return -EINVAL;
	if (sb->s_blocks_per_group == 0 || sb->s_blocks_per_group > fs->bs * 8 ||
	    sb->s_inodes_per_group == 0 || sb->s_inodes_per_group > fs->bs * 8 ||
	    sb->s_blocks_count <= sb->s_first_data_block)
		return -EINVAL;
	fs->groups = (sb->s_blocks_count - sb->s_first_data_block +
	    sb->s_blocks_per_group - 1) / sb->s_blocks_per_group;
	if (fs->groups > EXT2_MAX_GROUPS ||
	    fs->groups * sb->s_inodes_per_group != sb->s_inodes_count)
		return -EINVAL;
	if (sb->s_rev_level == EXT2_GOOD_OLD_REV) {
		fs->inode_size = EXT2_GOOD_OLD_INODE_SIZE;
		fs->first_ino = EXT2_GOOD_OLD_FIRST_INO;
	} else {
		fs->inode_size = sb->s_inode_size;
		fs->first_ino = sb->s_first_ino;
		if (log2_of(fs->inode_size) < 7 || fs->inode_size > fs->bs ||
		    fs->first_ino <= EXT2_ROOT_INO ||
		    fs->first_ino > sb->s_inodes_count)
			return -EINVAL;
	}
	fs->gd_blocks = (fs->groups * sizeof(struct ext2_group_desc) +
	    fs->bs - 1) >> fs->log_bs;
	return 0;
}

/* gd_io: copy the descriptor table between its blocks and FS->gd (WRITE:
 * into the cached blocks, dirty). */
static int gd_io(struct ext2_fs *fs, int write)
{
	uint32_t per = fs->bs / sizeof(struct ext2_group_desc);
	for (uint32_t i = 0; i < fs->gd_blocks; i++) {
		struct ext2_buf *b;
		int r = bget(fs, fs->sb.s_first_data_block + 1 + i, 1, &b);
		if (r < 0)
			return r;
		uint32_t n = fs->groups - i * per;
		if (n > per)
			n = per;
		size_t bytes = n * sizeof(struct ext2_group_desc);
		if (write) {
			if (memcmp(b->data, &fs->gd[i * per], bytes)) {
				memcpy(b->data, &fs->gd[i * per], bytes);
				bdirty(b);
			}
		} else {
			memcpy(&fs->gd[i * per], b->data, bytes);
		}
		bput(fs, b);
	}
	return 0;
}

/* gd_check: every group's bitmaps and inode table inside the file system;
 * the superblock's free counts recomputed from the groups. */
static int gd_check(struct ext2_fs *fs)
{
	uint32_t itb = (fs->sb.s_inodes_per_group * fs->inode_size +
	    fs->bs - 1) >> fs->log_bs;
	uint32_t fb = 0, fi = 0;
	for (uint32_t g = 0; g < fs->groups; g++) {
		struct ext2_group_desc *d = &fs->gd[g];
		if (d->bg_block_bitmap >= fs->sb.s_blocks_count ||
		    d->bg_inode_bitmap >= fs->sb.s_blocks_count ||
		    d->bg_inode_table + itb > fs->sb.s_blocks_count ||
		    d->bg_block_bitmap < fs->sb.s_first_data_block)
			return -EINVAL;
		fb += d->bg_free_blocks_count;
		fi += d->bg_free_inodes_count;
	}
	fs->sb.s_free_blocks_count = fb;
	fs->sb.s_free_inodes_count = fi;
	return 0;
}

/* super_write: FS->sb into its block in the cache (s_wtime now). */
static int super_write(struct ext2_fs *fs)
{
	struct ext2_buf *b;
	fs->sb.s_wtime = fs_now(fs);
	int r = bget(fs, EXT2_SUPER_OFFSET >> fs->log_bs, 1, &b);
	if (r < 0)
		return r;
	memcpy(b->data + (EXT2_SUPER_OFFSET & (fs->bs - 1)), &fs->sb,
	    sizeof(fs->sb));
	bdirty(b);
	bput(fs, b);
	return 0;
}

/* ext2_mount: see ext2.h. */
int ext2_mount(struct ext2_fs *fs, const struct ext2_bdev *dev, int flags,
    uint32_t (*now)(void))
{
	memset(fs, 0, sizeof(*fs));
	fs->dev = *dev;
	fs->now = now;
	if (log2_of(dev->sector_size) < 0 || dev->sector_size > 1024)
		return -EINVAL;
	cache_init(fs);
	int r = super_read(fs);
	if (r < 0)
		return r;
	if ((r = geometry(fs)) < 0 || (r = features(fs)) < 0)
		return r;
	cache_init(fs);                  /* now of the block size */
	if ((r = gd_io(fs, 0)) < 0 || (r = gd_check(fs)) < 0)
		return r;
	if (flags & EXT2_MOUNT_RDONLY)
		fs->rdonly = 1;
	fs->mount_state = fs->sb.s_state;
	fs->generation = fs_now(fs);
	if (fs->rdonly)
		return 0;
	fs->sb.s_mnt_count++;
	fs->sb.s_mtime = fs_now(fs);
	fs->sb.s_state &= ~EXT2_VALID_FS;
	if ((r = orphans_release(fs)) < 0)
		return r;
	return ext2_sync(fs);
}

/* ext2_sync: descriptors and superblock into the cache, then the cache
 * to the disk. A read-only mount has nothing to write. */
int ext2_sync(struct ext2_fs *fs)
{
	if (fs->rdonly)
		return 0;
	int r = gd_io(fs, 1);
	if (r < 0)
		return r;
	if ((r = super_write(fs)) < 0)
		return r;
	return cache_flush(fs);
}

/* ext2_unmount: orphans (no link, still referenced) go now; the state is
 * clean again when it was at mount and no error was found since. */
int ext2_unmount(struct ext2_fs *fs)
{
	int first = 0;
	for (int i = 0; i < EXT2_NODES; i++) {
		struct ext2_node *n = &fs->node[i];
		if (n->ino && n->d.i_links_count == 0 && !fs->rdonly) {
			n->refs = 1;
			int r = ext2_iput(fs, n);
			if (r < 0 && !first)
				first = r;
		}
	}
	if (!fs->rdonly && (fs->mount_state & EXT2_VALID_FS) &&
	    !(fs->sb.s_state & EXT2_ERROR_FS))
		fs->sb.s_state |= EXT2_VALID_FS;
	int r = ext2_sync(fs);
	memset(fs->node, 0, sizeof(fs->node));
	return first ? first : r;
}

/* ext2_statfs: the superblock's counts; the reserve is not available. */
void ext2_statfs(struct ext2_fs *fs, struct ext2_statfs *out)
{
	out->bsize = fs->bs;
	out->blocks = fs->sb.s_blocks_count;
	out->bfree = fs->sb.s_free_blocks_count;
	out->bavail = out->bfree > fs->sb.s_r_blocks_count ?
	    out->bfree - fs->sb.s_r_blocks_count : 0;
	out->files = fs->sb.s_inodes_count;
	out->ffree = fs->sb.s_free_inodes_count;
	out->namemax = EXT2_NAME_LEN;
}
