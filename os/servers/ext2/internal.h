/* What the files of the ext2 core share and the server does not use: the
 * block cache, bitmaps, block maps, inode and directory helpers. Every
 * function returns 0 (or a count) or a negative error number. */
#ifndef EXT2_INTERNAL_H
#define EXT2_INTERNAL_H

#include <stddef.h>
#include <string.h>
#include <abi/errno.h>
#include <abi/stat.h>
#include "ext2.h"

#ifndef S_IFSOCK
#define S_IFSOCK 0140000
#endif
#define S_ISLNK_(m)  (((m) & S_IFMT) == S_IFLNK)

/* ---- cache.c ---------------------------------------------------------- */

/* cache_init: empty the cache of FS (its buffers point into FS->data). */
void cache_init(struct ext2_fs *fs);
/* bget: block BLK pinned in *OUT; read from the device when READ, else
 * zero-filled (a block about to be overwritten whole or new). */
int bget(struct ext2_fs *fs, uint32_t blk, int read, struct ext2_buf **out);
/* bput: unpin B. */
void bput(struct ext2_fs *fs, struct ext2_buf *b);
/* bdirty: B's contents changed: written back on sync or eviction. */
void bdirty(struct ext2_buf *b);
/* bforget: block BLK was freed: drop it from the cache unwritten. */
void bforget(struct ext2_fs *fs, uint32_t blk);
/* cache_flush: write back every dirty block (in block order). */
int cache_flush(struct ext2_fs *fs);
/* cache_has: BLK is cached. */
int cache_has(struct ext2_fs *fs, uint32_t blk);
/* cache_prefetch: read COUNT consecutive uncached blocks from BLK into
 * the cache in one transfer (at most EXT2_STAGE_BYTES). */
int cache_prefetch(struct ext2_fs *fs, uint32_t blk, uint32_t count);
/* dev_io: transfer fs block BLK to or from the device directly. */
int dev_io(struct ext2_fs *fs, uint32_t blk, void *data, int write);

/* ---- super.c ---------------------------------------------------------- */

/* fs_error: note an inconsistency found on disk (s_state errors). */
void fs_error(struct ext2_fs *fs);
/* fs_now: the time now. */
uint32_t fs_now(struct ext2_fs *fs);

/* ---- balloc.c / ialloc.c ---------------------------------------------- */

/* balloc: allocate a block near GOAL (0: anywhere) into *OUT; -ENOSPC. */
int balloc(struct ext2_fs *fs, uint32_t goal, uint32_t *out);
/* bfree: free block BLK. */
int bfree(struct ext2_fs *fs, uint32_t blk);
/* ialloc: allocate an inode for a file of MODE whose parent is inode
 * PARENT into *OUT (its on-disk slot zeroed); -ENOSPC. */
int ialloc(struct ext2_fs *fs, uint32_t parent, uint32_t mode,
    uint32_t *out);
/* ifree: free inode INO (a directory when DIR: the group's count). */
int ifree(struct ext2_fs *fs, uint32_t ino, int dir);
/* group_of_block: the block group BLK is in. */
uint32_t group_of_block(struct ext2_fs *fs, uint32_t blk);

/* ---- inode.c ---------------------------------------------------------- */

/* inode_read: inode INO's first 128 bytes into D. */
int inode_read(struct ext2_fs *fs, uint32_t ino, struct ext2_dinode *d);
/* inode_write: N's copy back into its inode-table block. */
int inode_write(struct ext2_fs *fs, struct ext2_node *n);
/* inode_zero: clear inode INO's whole on-disk slot (a new inode). */
int inode_zero(struct ext2_fs *fs, uint32_t ino);
/* node_alloc: a new inode of MODE owned by UID, GID for a file in
 * directory PARENT, referenced in *OUT (one link, written). */
int node_alloc(struct ext2_fs *fs, struct ext2_node *parent, uint32_t mode,
    uint32_t uid, uint32_t gid, struct ext2_node **out);
/* orphan_add: N (no link left, still referenced) on the superblock's
 * orphan list, so that e2fsck, or the next mount, frees it after a crash. */
int orphan_add(struct ext2_fs *fs, struct ext2_node *n);
/* orphans_release: free the inodes of the orphan list found at mount. */
int orphans_release(struct ext2_fs *fs);
/* node_size_set: N's size field(s) to SIZE. */
void node_size_set(struct ext2_fs *fs, struct ext2_node *n, uint64_t size);
/* node_touch: set N's times to now: C ctime, M mtime (A is atime). */
void node_touch(struct ext2_fs *fs, struct ext2_node *n, int a, int m,
    int c);
/* node_blocks_add: count DELTA fs blocks in N's i_blocks. */
void node_blocks_add(struct ext2_fs *fs, struct ext2_node *n, int delta);
/* node_fast_link: N is a symlink held in i_block. */
int node_fast_link(struct ext2_fs *fs, const struct ext2_node *n);

/* ---- bmap.c ----------------------------------------------------------- */

/* bmap: the block holding logical block LBN of N into *OUT (0: a hole,
 * when not ALLOC); with ALLOC a missing one is allocated (and the indirect
 * blocks on the way), *NEW set when the data block is new (zeroed). */
int bmap(struct ext2_fs *fs, struct ext2_node *n, uint32_t lbn, int alloc,
    uint32_t *out, int *fresh);
/* bmap_truncate: free N's blocks from logical block KEEP on. */
int bmap_truncate(struct ext2_fs *fs, struct ext2_node *n, uint32_t keep);
/* bmap_max: the number of logical blocks a file can have. */
uint64_t bmap_max(struct ext2_fs *fs);

/* ---- dir.c ------------------------------------------------------------ */

/* dir_find: the inode number NAME has in DIR into *INO; -ENOENT. */
int dir_find(struct ext2_fs *fs, struct ext2_node *dir, const char *name,
    uint32_t len, uint32_t *ino);
/* dir_add: enter NAME -> INO (file type from MODE) in DIR; -EEXIST is not
 * checked here. */
int dir_add(struct ext2_fs *fs, struct ext2_node *dir, const char *name,
    uint32_t len, uint32_t ino, uint32_t mode);
/* dir_remove: remove NAME from DIR. */
int dir_remove(struct ext2_fs *fs, struct ext2_node *dir, const char *name,
    uint32_t len);
/* dir_retarget: make NAME in DIR name INO (of MODE) instead. */
int dir_retarget(struct ext2_fs *fs, struct ext2_node *dir, const char *name,
    uint32_t len, uint32_t ino, uint32_t mode);
/* dir_empty: 1 when DIR holds only "." and "..", 0 if not, or an error. */
int dir_empty(struct ext2_fs *fs, struct ext2_node *dir);
/* dir_init: the first block of new directory N with "." and ".." (PARENT). */
int dir_init(struct ext2_fs *fs, struct ext2_node *n, uint32_t parent);
/* file_type: the directory-entry type of MODE. */
uint8_t file_type(uint32_t mode);

#endif
