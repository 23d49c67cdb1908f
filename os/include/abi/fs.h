/* The file-system protocol: what VFS asks a file-system server (the root
 * file system, ROOTFS_EP, and one server per mounted device: an ext2
 * server). Files are named by inode number; the root file system's root
 * directory is inode FS_ROOT_INO, a mounted one's is the inode its
 * FS_READSUPER reply names. Names travel as (address, length) in
 * VFS's memory and data as (endpoint, address) of the process it belongs
 * to: the file system copies both with SYS_VIRCOPY. The file system never
 * sends a request to anybody. Replies: m_type is a value >= 0 or a
 * negative error; inode results come back in mess_fs_node. Every inode
 * has an owner and group (uid, gid); the file system checks no
 * permissions: VFS decides who may do what (servers/vfs/perm.c). */
#ifndef ABI_FS_H
#define ABI_FS_H

#include <abi/payload.h>

#define FS_ROOT_INO 1

#define FS_BASE 0x400
#define FS_LOOKUP   (FS_BASE + 0)  /* fs_name (dir, name) -> 0, out fs_node; takes a reference */
#define FS_CREATE   (FS_BASE + 1)  /* fs_name (dir, name, mode, dev, uid, gid) -> 0, out fs_node; takes a reference */
#define FS_PUTNODE  (FS_BASE + 2)  /* fs_node (ino, count: references dropped) */
#define FS_READ     (FS_BASE + 3)  /* fs_io -> bytes */
#define FS_WRITE    (FS_BASE + 4)  /* fs_io -> bytes (grows the file) */
#define FS_TRUNCATE (FS_BASE + 5)  /* fs_io (ino, pos: the new size) */
#define FS_STAT     (FS_BASE + 6)  /* fs_io (ino, ep, addr: struct stat *) */
#define FS_GETDENTS (FS_BASE + 7)  /* fs_io (pos: entry index) -> bytes; out .pos */
#define FS_UNLINK   (FS_BASE + 8)  /* fs_name (dir, name): not a directory */
#define FS_RMDIR    (FS_BASE + 9)  /* fs_name (dir, name): an empty directory */
#define FS_RENAME   (FS_BASE + 10) /* fs_rename */
#define FS_STATFS   (FS_BASE + 11) /* fs_io (ep, addr: struct statfs *) -> 0 */
#define FS_CHMOD    (FS_BASE + 12) /* fs_node (ino, mode: the new permission bits) -> 0, out fs_node */
#define FS_CHOWN    (FS_BASE + 13) /* fs_node (ino, uid, gid; FS_KEEP_ID: unchanged) -> 0, out fs_node */
#define FS_LINK     (FS_BASE + 14) /* fs_name (dir, name, ino: the file to name): a hard link */
#define FS_UTIME    (FS_BASE + 15) /* fs_utime (ino, now or atime, mtime) -> 0 */
#define FS_READSUPER (FS_BASE + 16) /* fs_mount (dev, flags, driver) -> 0, out
                                     * fs_node: the root directory (a
                                     * reference); a device file server only */
#define FS_UNMOUNT  (FS_BASE + 17) /* nothing: write everything back, mark
                                    * the file system clean, close the
                                    * device -> 0; then only READSUPER */
#define FS_SYNC     (FS_BASE + 18) /* nothing: write every changed block back
                                    * (and flush the drive's cache) -> 0 */

/* Symbolic links: FS_CREATE with mode S_IFLNK | 0777 and the link's
 * contents in fs_name .target/.target_len (VFS's memory, 1..PATH_MAX-1
 * bytes, no NUL); FS_READ of a link inode reads its contents. FS_STATFS
 * writes a struct statfs (abi/stat.h) to fs_io (ep, addr). A file system
 * mounted read-only answers every change with -EROFS. */

/* FS_CHOWN: an owner or group that stays as it is. */
#define FS_KEEP_ID 0xffffffffu

struct mess_fs_name {
	uint32_t dir;                /* inode of the directory */
	vir_bytes name;              /* in VFS's memory, not NUL-terminated */
	uint32_t name_len;           /* 1..NAME_MAX; "." and ".." work in lookup */
	uint32_t mode;               /* create: S_IF* | permissions */
	uint32_t dev;                /* create S_IFCHR/S_IFBLK: the device */
	uint32_t uid, gid;           /* create: the new file's owner and group */
	uint32_t ino;                /* link: the inode the new name names */
	vir_bytes target;            /* create S_IFLNK: the link's contents */
	uint32_t target_len;         /* ... in bytes (no NUL) */
};
MESS_PAYLOAD(mess_fs_name);

/* FS_READSUPER: the device to mount and the label of its block driver
 * (for libbdev's bdev_driver). */
#define FS_MOUNT_RDONLY 0x1          /* flags: mount read-only */
struct mess_fs_mount {
	uint32_t dev;                /* DEV_MAKE(major, minor) */
	uint32_t flags;              /* FS_MOUNT_* */
	char driver[16];             /* the driver's label, NUL-terminated
	                              * (RS_LABEL_MAX) */
};
MESS_PAYLOAD(mess_fs_mount);

struct mess_fs_node {                /* out of LOOKUP, CREATE, CHMOD, CHOWN; in of PUTNODE, CHMOD, CHOWN */
	uint32_t ino;
	uint32_t mode;               /* S_IF* | permissions (CHMOD in: permissions) */
	int32_t size;
	uint32_t dev;                /* rdev of a device file */
	uint32_t count;              /* PUTNODE: references to drop */
	uint32_t uid, gid;           /* owner and group */
};
MESS_PAYLOAD(mess_fs_node);

struct mess_fs_io {
	uint32_t ino;
	int32_t pos;                 /* byte offset (entry index for GETDENTS) */
	uint32_t len;
	endpoint_t ep;               /* whose memory addr is in */
	vir_bytes addr;
};
MESS_PAYLOAD(mess_fs_io);

struct mess_fs_rename {
	uint32_t old_dir;
	vir_bytes old_name;
	uint32_t old_len;
	uint32_t new_dir;
	vir_bytes new_name;
	uint32_t new_len;
};
MESS_PAYLOAD(mess_fs_rename);

struct mess_fs_utime {
	uint32_t ino;
	uint32_t now;                /* 1: access and modification time: now */
	uint32_t atime, mtime;       /* now == 0: the new times (seconds) */
};
MESS_PAYLOAD(mess_fs_utime);

#endif
