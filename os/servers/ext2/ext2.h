/* The ext2 file-system core: everything the ext2 file server does to the
 * disk, over an abstract block device (struct ext2_bdev), with no IPC. The
 * server (main.c, table.c, do_*.c, later) implements the device with
 * libbdev and turns requests into these calls; the host tests implement it
 * over an image file (os/tests/host/ext2). One struct ext2_fs is one
 * mounted file system: it holds the superblock, the group descriptors, the
 * block cache and the table of inodes in use, with no other state, so a
 * program may mount several.
 *
 * Errors are negative error numbers (os/include/abi/errno.h): -EIO (the
 * device failed), -ENOSPC, -ENOENT, ... Nodes are counted references to
 * inodes (ext2_iget / ext2_iput): an inode whose last link is gone is
 * freed when its last reference is dropped, so the server keeps one
 * reference per VFS reference ("open") and drops it when VFS puts the
 * node. See README.md. */
#ifndef EXT2_H
#define EXT2_H

#include <stdint.h>
#include "layout.h"

/* Sizes a build may change (-D): the cache, the inodes referenced at
 * once, the block groups a mount may have. */
#ifndef EXT2_CACHE_BYTES
#define EXT2_CACHE_BYTES  (256u * 1024u)   /* the cache's data */
#endif
#ifndef EXT2_NODES
#define EXT2_NODES        256    /* inodes referenced at once */
#endif
#ifndef EXT2_MAX_GROUPS
#define EXT2_MAX_GROUPS   2048   /* the most block groups mounted */
#endif
#define EXT2_MAX_BLOCK    4096   /* the largest block size mounted */
#define EXT2_CACHE_BUFS   (EXT2_CACHE_BYTES / 1024)  /* most blocks cached */
#define EXT2_STAGE_BYTES  (64u * 1024u)    /* the longest transfer */
_Static_assert(EXT2_CACHE_BYTES >= 4 * EXT2_STAGE_BYTES,
    "the cache holds several runs of the largest transfer");

/* The device under the file system. Blocks here are the device's own
 * (SECTOR_SIZE bytes, a power of two up to 1024, e.g. 512); the file
 * system's blocks are whole multiples of them. Each call transfers COUNT
 * consecutive device blocks from FIRST and returns 0, or a negative error
 * when the transfer failed (no partial result). */
struct ext2_bdev {
	void *ctx;                       /* passed to the callbacks */
	uint32_t sector_size;
	int (*read_block)(void *ctx, uint64_t first, uint32_t count,
	    void *buf);
	int (*write_block)(void *ctx, uint64_t first, uint32_t count,
	    const void *buf);
};

/* One block of the cache. */
struct ext2_buf {
	uint32_t blk;                    /* file-system block number */
	uint8_t valid;                   /* holds BLK's contents */
	uint8_t dirty;                   /* to be written back */
	uint16_t pins;                   /* users now: not evicted */
	uint32_t used;                   /* last use (LRU clock) */
	uint8_t *data;
};

/* An inode in use: a copy of its first 128 bytes and its references. */
struct ext2_node {
	uint32_t ino;                    /* 0: a free slot */
	uint32_t refs;
	uint32_t orphan;                 /* on the orphan list */
	struct ext2_dinode d;
};

/* A mounted file system. */
struct ext2_fs {
	struct ext2_bdev dev;
	uint32_t (*now)(void);           /* seconds since 1970 for times */
	int rdonly;                      /* mounted read-only */
	char why[128];                   /* why a mount was refused or made
	                                  * read-only ("" if not): the
	                                  * features by name */
	struct ext2_super sb;            /* in memory; written on sync */
	uint32_t bs;                     /* block size in bytes */
	uint32_t log_bs;                 /* log2(bs) */
	uint32_t log_apb;                /* log2(block numbers per block) */
	uint32_t spb;                    /* device blocks per fs block */
	uint32_t groups;
	uint32_t inode_size;
	uint32_t first_ino;              /* first inode not reserved */
	uint32_t gd_blocks;              /* blocks of the descriptor table */
	uint16_t mount_state;            /* s_state found at mount */
	uint32_t generation;             /* next i_generation */
	struct ext2_group_desc gd[EXT2_MAX_GROUPS];
	uint32_t nbuf;                   /* buffers: EXT2_CACHE_BYTES / bs */
	struct ext2_buf buf[EXT2_CACHE_BUFS];
	uint32_t clock;                  /* LRU clock */
	uint32_t hits, misses, writes;   /* cache figures (writes: transfers) */
	struct ext2_node node[EXT2_NODES];
	uint8_t data[EXT2_CACHE_BYTES];
	uint8_t stage[EXT2_STAGE_BYTES]; /* a run of blocks written at once */
};

/* What statfs reports (df). */
struct ext2_statfs {
	uint32_t bsize;                  /* block size in bytes */
	uint32_t blocks, bfree, bavail;  /* bavail: without the reserve */
	uint32_t files, ffree;
	uint32_t namemax;
};

/* A file's attributes (stat). */
struct ext2_stat {
	uint32_t ino, mode, nlink, uid, gid;
	uint32_t rdev;                   /* devices: (major << 8) | minor */
	uint64_t size;
	uint32_t blocks;                 /* 512-byte units */
	uint32_t atime, mtime, ctime;
};

/* One directory entry (readdir). */
struct ext2_entry {
	uint32_t ino;
	uint8_t type;                    /* EXT2_FT_* (0: not recorded) */
	uint8_t name_len;
	char name[EXT2_NAME_LEN + 1];    /* NUL-terminated */
};

#define EXT2_MOUNT_RDONLY 1

/* ---- super.c: mounting ------------------------------------------------- */

/* ext2_mount: read and check the superblock and group descriptors of the
 * file system on DEV into FS (all of FS is reset) and mount it, read-only
 * if FLAGS has EXT2_MOUNT_RDONLY or if it uses features this code cannot
 * write (FS->why names them). NOW gives the time. Returns 0, -EINVAL (not
 * ext2, or a bad geometry), -ENOSYS (incompatible features: nothing can be
 * read; FS->why names them), or -EIO. A read-write mount counts the mount and marks the
 * file system not clean on disk until ext2_unmount. */
int ext2_mount(struct ext2_fs *fs, const struct ext2_bdev *dev, int flags,
    uint32_t (*now)(void));
/* ext2_sync: write back every dirty block, the group descriptors and the
 * superblock (with the free counts). Returns 0 or the first error. */
int ext2_sync(struct ext2_fs *fs);
/* ext2_unmount: free the inodes whose last link went while referenced,
 * mark the file system clean (unless it had errors), sync. FS is unusable
 * after. Returns 0 or the first error. */
int ext2_unmount(struct ext2_fs *fs);
/* ext2_statfs: the sizes and free counts of FS into OUT. */
void ext2_statfs(struct ext2_fs *fs, struct ext2_statfs *out);

/* ---- inode.c: nodes and attributes ------------------------------------- */

/* ext2_iget: a reference to inode INO in *OUT (0, -EINVAL for a number out
 * of range or a free inode, -ENFILE when EXT2_NODES are in use, -EIO). */
int ext2_iget(struct ext2_fs *fs, uint32_t ino, struct ext2_node **out);
/* ext2_find: the node of inode INO if it is referenced (no reference is
 * added: for a server told to drop references by number), else NULL. */
struct ext2_node *ext2_find(struct ext2_fs *fs, uint32_t ino);
/* ext2_iput: drop one reference to N; the last one of an inode without
 * links frees its blocks and the inode. Returns 0 or an error. */
int ext2_iput(struct ext2_fs *fs, struct ext2_node *n);
/* ext2_stat: N's attributes into OUT. */
void ext2_stat(struct ext2_fs *fs, const struct ext2_node *n,
    struct ext2_stat *out);
/* ext2_chmod: set N's permission bits (07777 of MODE); ctime now. */
int ext2_chmod(struct ext2_fs *fs, struct ext2_node *n, uint32_t mode);
/* ext2_chown: set N's owner and group; ctime now. */
int ext2_chown(struct ext2_fs *fs, struct ext2_node *n, uint32_t uid,
    uint32_t gid);
/* ext2_utime: set N's access and modification times; ctime now. */
int ext2_utime(struct ext2_fs *fs, struct ext2_node *n, uint32_t atime,
    uint32_t mtime);
/* ext2_size: N's size in bytes. */
uint64_t ext2_size(const struct ext2_node *n);

/* ---- file.c: contents -------------------------------------------------- */

/* ext2_read: up to LEN bytes of N from POS into BUF (holes read as zeros);
 * returns the bytes read (0 at or past the end) or an error. Sets atime. */
int ext2_read(struct ext2_fs *fs, struct ext2_node *n, uint64_t pos,
    void *buf, uint32_t len);
/* ext2_write: LEN bytes of BUF into N at POS, growing it; returns LEN, the
 * bytes written before the disk filled (> 0), or an error (-ENOSPC when
 * none could be written, -EINVAL past the largest file). Sets mtime. */
int ext2_write(struct ext2_fs *fs, struct ext2_node *n, uint64_t pos,
    const void *buf, uint32_t len);
/* ext2_truncate: make N (a regular file) SIZE bytes long: growing leaves a
 * hole, shrinking frees the blocks past the end, indirect ones too. */
int ext2_truncate(struct ext2_fs *fs, struct ext2_node *n, uint64_t size);
/* ext2_readlink: symbolic link N's target into BUF (at most SIZE bytes,
 * not terminated); returns its length or an error (-EINVAL: not a link). */
int ext2_readlink(struct ext2_fs *fs, struct ext2_node *n, char *buf,
    uint32_t size);

/* ---- dir.c: directory listing ------------------------------------------ */

/* ext2_readdir: the first entry in use of directory DIR at or after byte
 * offset *POS into OUT, *POS moved past it. Returns 1, 0 at the end, or an
 * error. */
int ext2_readdir(struct ext2_fs *fs, struct ext2_node *dir, uint64_t *pos,
    struct ext2_entry *out);

/* ---- namei.c: names ---------------------------------------------------- */

/* ext2_lookup: the inode NAME (LEN bytes, "." and ".." too) in directory
 * DIR, a reference in *OUT. -ENOENT, -ENOTDIR. */
int ext2_lookup(struct ext2_fs *fs, struct ext2_node *dir, const char *name,
    uint32_t len, struct ext2_node **out);
/* ext2_create: a new inode of MODE (S_IFREG, S_IFCHR, S_IFBLK, S_IFIFO or
 * S_IFSOCK with permissions; devices: RDEV = (major << 8) | minor) named
 * NAME in DIR, owned by UID, GID; a reference in *OUT. -EEXIST, -ENOSPC. */
int ext2_create(struct ext2_fs *fs, struct ext2_node *dir, const char *name,
    uint32_t len, uint32_t mode, uint32_t rdev, uint32_t uid, uint32_t gid,
    struct ext2_node **out);
/* ext2_mkdir: a new directory (with "." and "..") NAME in DIR. */
int ext2_mkdir(struct ext2_fs *fs, struct ext2_node *dir, const char *name,
    uint32_t len, uint32_t mode, uint32_t uid, uint32_t gid,
    struct ext2_node **out);
/* ext2_symlink: a symbolic link NAME in DIR to TARGET (TLEN bytes, 1 up to
 * a block): in the inode when shorter than 60 bytes, else in a block. */
int ext2_symlink(struct ext2_fs *fs, struct ext2_node *dir, const char *name,
    uint32_t len, const char *target, uint32_t tlen, uint32_t uid,
    uint32_t gid, struct ext2_node **out);
/* ext2_link: a new name NAME in DIR for N (not a directory: -EPERM). */
int ext2_link(struct ext2_fs *fs, struct ext2_node *dir, const char *name,
    uint32_t len, struct ext2_node *n);
/* ext2_unlink: remove NAME (not a directory: -EISDIR) from DIR; the inode
 * goes with its last link and last reference. */
int ext2_unlink(struct ext2_fs *fs, struct ext2_node *dir, const char *name,
    uint32_t len);
/* ext2_rmdir: remove the empty directory NAME from DIR (-ENOTEMPTY,
 * -ENOTDIR; "." -EINVAL, ".." -ENOTEMPTY). */
int ext2_rmdir(struct ext2_fs *fs, struct ext2_node *dir, const char *name,
    uint32_t len);
/* ext2_rename: move OLD_NAME in OLD_DIR to NEW_NAME in NEW_DIR, replacing
 * what is there (a file by a file, an empty directory by a directory); a
 * directory moved to another parent gets its ".." and both parents' link
 * counts updated. -EINVAL: a directory into itself or "."/"..";
 * -EISDIR/-ENOTDIR: kinds differ; -ENOTEMPTY. */
int ext2_rename(struct ext2_fs *fs, struct ext2_node *old_dir,
    const char *old_name, uint32_t old_len, struct ext2_node *new_dir,
    const char *new_name, uint32_t new_len);

#endif
