/* File metadata shared by VFS, the file systems and libc (struct stat and
 * the mode bits, with the POSIX values). */
#ifndef ABI_STAT_H
#define ABI_STAT_H

#include <abi/types.h>

#define S_IFMT   0170000
#define S_IFIFO  0010000
#define S_IFCHR  0020000
#define S_IFDIR  0040000
#define S_IFBLK  0060000
#define S_IFREG  0100000
#define S_IFLNK  0120000

/* Permission bits (POSIX values). */
#define S_ISUID  04000   /* exec: set the effective user id to the owner's */
#define S_ISGID  02000   /* exec: set the effective group id to the file's */
#define S_ISVTX  01000   /* directory: only a file's owner may remove it */
#define S_IRWXU  00700
#define S_IRUSR  00400
#define S_IWUSR  00200
#define S_IXUSR  00100
#define S_IRWXG  00070
#define S_IRGRP  00040
#define S_IWGRP  00020
#define S_IXGRP  00010
#define S_IRWXO  00007
#define S_IROTH  00004
#define S_IWOTH  00002
#define S_IXOTH  00001

#define S_ISDIR(m)  (((m) & S_IFMT) == S_IFDIR)
#define S_ISREG(m)  (((m) & S_IFMT) == S_IFREG)
#define S_ISCHR(m)  (((m) & S_IFMT) == S_IFCHR)
#define S_ISBLK(m)  (((m) & S_IFMT) == S_IFBLK)
#define S_ISFIFO(m) (((m) & S_IFMT) == S_IFIFO)

/* A device number: major (which driver) and minor (which unit). */
#define DEV_MAKE(major, minor) ((uint32_t) (((major) << 8) | (minor)))
#define DEV_MAJOR(dev)         ((int) (((dev) >> 8) & 0xff))
#define DEV_MINOR(dev)         ((int) ((dev) & 0xff))

struct stat {
	uint32_t st_dev;     /* device of the file system */
	uint32_t st_ino;
	uint32_t st_mode;    /* S_IF* | permission bits */
	uint32_t st_nlink;
	uint32_t st_uid;
	uint32_t st_gid;
	uint32_t st_rdev;    /* device files: DEV_MAKE(major, minor) */
	int32_t  st_size;
	uint32_t st_atime;   /* seconds since boot */
	uint32_t st_mtime;
	uint32_t st_ctime;
};

/* A mounted file system's size and use: what statfs() and FS_STATFS give
 * (df). Counts are in units of f_bsize bytes. */
#define STATFS_TYPE_MAX 8
struct statfs {
	uint32_t f_bsize;    /* block size in bytes */
	uint32_t f_blocks;   /* blocks in the file system */
	uint32_t f_bfree;    /* free blocks */
	uint32_t f_bavail;   /* free blocks an ordinary user may take */
	uint32_t f_files;    /* inodes */
	uint32_t f_ffree;    /* free inodes */
	uint32_t f_flags;    /* MNT_RDONLY */
	uint32_t f_dev;      /* the device (0: the root file system in memory) */
	char f_type[STATFS_TYPE_MAX]; /* "rootfs", "ext2" (NUL-terminated) */
};

#endif
