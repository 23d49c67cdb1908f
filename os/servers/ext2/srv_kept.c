/* The server's state kept across a restart in place or a keep-state live
 * update (manifest `restart inplace`: the new instance runs in the old
 * one's memory, os/servers/rs/README.md): what is checked before it is
 * trusted, and what is set up again. A fault `service fi` injects comes
 * between requests, so the mount, the cache (dirty blocks too) and the
 * inodes VFS holds are whole; a real crash in the middle of a change may
 * leave a buffer pinned or a half-made change the check cannot see (see
 * the README). */
#include <stdio.h>
#include "srv.h"

/* bad: write WHY into the check's answer; returns -EINVAL. */
static int bad(char *why, size_t len, const char *what, uint32_t n)
{
	snprintf(why, len, "%s (%u)", what, (unsigned) n);
	return -EINVAL;
}

/* check_cache: the block cache of a mounted FS: every buffer at its slot
 * of the data, none pinned (no request runs), a dirty one valid and
 * inside the file system, no block cached twice. */
static int check_cache(const struct ext2_fs *fs, char *why, size_t len)
{
	if (fs->nbuf == 0 || fs->nbuf > EXT2_CACHE_BUFS ||
	    fs->nbuf != EXT2_CACHE_BYTES / fs->bs)
		return bad(why, len, "cache: wrong number of buffers", fs->nbuf);
	for (uint32_t i = 0; i < fs->nbuf; i++) {
		const struct ext2_buf *b = &fs->buf[i];
		if (b->data != fs->data + i * fs->bs)
			return bad(why, len, "cache: buffer data moved", i);
		if (b->pins)
			return bad(why, len, "cache: buffer pinned between "
			    "requests", i);
		if (b->dirty && !b->valid)
			return bad(why, len, "cache: dirty buffer not valid", i);
		if (!b->valid)
			continue;
		if (b->blk >= fs->sb.s_blocks_count)
			return bad(why, len, "cache: block past the end", b->blk);
		for (uint32_t j = 0; j < i; j++)
			if (fs->buf[j].valid && fs->buf[j].blk == b->blk)
				return bad(why, len, "cache: block cached twice",
				    b->blk);
	}
	return 0;
}

/* check_nodes: the referenced inodes: a used slot names an inode of the
 * file system once and is referenced or on the orphan list; a free slot
 * has no references. */
static int check_nodes(const struct ext2_fs *fs, char *why, size_t len)
{
	for (uint32_t i = 0; i < EXT2_NODES; i++) {
		const struct ext2_node *n = &fs->node[i];
		if (n->ino == 0) {
			if (n->refs)
				return bad(why, len, "inodes: free slot "
				    "referenced", i);
			continue;
		}
		if (n->ino > fs->sb.s_inodes_count)
			return bad(why, len, "inodes: number past the end",
			    n->ino);
		for (uint32_t j = 0; j < i; j++)
			if (fs->node[j].ino == n->ino)
				return bad(why, len, "inodes: slot twice", n->ino);
	}
	return 0;
}

/* e2s_state_check: see srv.h. */
int e2s_state_check(char *why, size_t len)
{
	const struct ext2_fs *fs = &e2s_fs;
	if (e2s_mnt.state != E2S_IDLE && e2s_mnt.state != E2S_MOUNTED &&
	    e2s_mnt.state != E2S_LOST)
		return bad(why, len, "mount: unknown state", e2s_mnt.state);
	if (e2s_mnt.state != E2S_MOUNTED)
		return 0;
	if (fs->sb.s_magic != EXT2_MAGIC)
		return bad(why, len, "superblock: bad magic", fs->sb.s_magic);
	if (fs->log_bs < 10 || fs->log_bs > 12 || fs->bs != 1u << fs->log_bs)
		return bad(why, len, "superblock: bad block size", fs->bs);
	if (fs->groups == 0 || fs->groups > EXT2_MAX_GROUPS ||
	    fs->sb.s_blocks_per_group == 0 || fs->groups !=
	    (fs->sb.s_blocks_count - fs->sb.s_first_data_block +
	    fs->sb.s_blocks_per_group - 1) / fs->sb.s_blocks_per_group)
		return bad(why, len, "superblock: bad group count", fs->groups);
	int r = check_cache(fs, why, len);
	return r ? r : check_nodes(fs, why, len);
}

/* e2s_kept: see srv.h. */
void e2s_kept(const char *label, const char *how)
{
	uint32_t used = 0;
	for (uint32_t i = 0; i < EXT2_NODES; i++)
		used += e2s_fs.node[i].ino != 0;
	if (e2s_mnt.state == E2S_MOUNTED) {
		e2s_flush_rearm();
		printf("ext2: %s %s: mount kept (device %d/%d, %u inodes in "
		    "use)\n", label, how, DEV_MAJOR(e2s_mnt.dev),
		    DEV_MINOR(e2s_mnt.dev), (unsigned) used);
	} else {
		printf("ext2: %s %s: nothing mounted\n", label, how);
	}
}
