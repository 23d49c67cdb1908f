/* The virtual file system's protocol (VFS, endpoint VFS_EP).
 *
 * User processes send every file request to VFS; the reply's m_type is the
 * result (>= 0) or a negative error. Paths and buffers stay in the caller's
 * memory: VFS and the file system copy them with SYS_VIRCOPY. A request
 * that must wait (a pipe, the terminal) gets its reply later; PM can cancel
 * the wait (VFS_PM_UNPAUSE) and the call then fails with -EINTR.
 * VFS sends requests only to file systems (abi/fs.h) and drivers
 * (abi/cdev.h), never to PM or MM.
 *
 * Permissions: VFS reads the caller's credentials from the kernel
 * (sys_getcred) and checks the owner/group/other bits of every directory
 * searched and file opened, created, removed, renamed or executed
 * (-EACCES); only the owner or root may change a file's mode, only root
 * may give it away or make device files (-EPERM). New files belong to the
 * caller's effective uid and gid, with the caller's umask taken out of
 * their mode (022 for a new process; fork and exec keep it). */
#ifndef ABI_VFS_H
#define ABI_VFS_H

#include <abi/payload.h>
#include <abi/fcntl.h>

/* A path length of PATH_LEN_NUL means "NUL-terminated": the server copies
 * the string itself (a page at a time), so a bad pointer is -EFAULT for
 * the caller, never a crash in libc. libc always sends paths this way. */
#define PATH_LEN_NUL 0xffffffffu

#define VFS_BASE 0x200
#define VFS_OPEN      (VFS_BASE + 0)   /* vfs_path (flags, mode) -> fd */
#define VFS_CLOSE     (VFS_BASE + 1)   /* vfs_fd */
#define VFS_READ      (VFS_BASE + 2)   /* vfs_io -> bytes */
#define VFS_WRITE     (VFS_BASE + 3)   /* vfs_io -> bytes */
#define VFS_LSEEK     (VFS_BASE + 4)   /* vfs_lseek -> 0, out .offset */
#define VFS_STAT      (VFS_BASE + 5)   /* vfs_path (buf: struct stat *) */
#define VFS_FSTAT     (VFS_BASE + 6)   /* vfs_io (buf: struct stat *) */
#define VFS_MKDIR     (VFS_BASE + 7)   /* vfs_path (mode) */
#define VFS_RMDIR     (VFS_BASE + 8)   /* vfs_path */
#define VFS_UNLINK    (VFS_BASE + 9)   /* vfs_path */
#define VFS_RENAME    (VFS_BASE + 10)  /* vfs_path (path2, path2_len) */
#define VFS_GETDENTS  (VFS_BASE + 11)  /* vfs_io -> bytes of struct dirent */
#define VFS_DUP       (VFS_BASE + 12)  /* vfs_fd (fd2 < 0: lowest free) -> fd */
#define VFS_PIPE      (VFS_BASE + 13)  /* vfs_io (buf: int[2] VFS fills, or 0) -> 0, out vfs_fd .fd, .fd2 */
#define VFS_CHDIR     (VFS_BASE + 14)  /* vfs_path */
#define VFS_GETCWD    (VFS_BASE + 15)  /* vfs_io (fd unused) -> bytes with NUL */
#define VFS_IOCTL     (VFS_BASE + 16)  /* vfs_ioctl */
#define VFS_FCNTL     (VFS_BASE + 17)  /* vfs_fd (fd2: command, arg) -> value */
#define VFS_MKNOD     (VFS_BASE + 18)  /* vfs_path (mode: S_IFREG, S_IFCHR,
                                        * S_IFBLK; dev) */
#define VFS_TRUNCATE  (VFS_BASE + 19)  /* vfs_path (size in .flags) */
#define VFS_CHMOD     (VFS_BASE + 20)  /* vfs_attr (path, path_len, mode) */
#define VFS_CHOWN     (VFS_BASE + 21)  /* vfs_attr (path, path_len, uid, gid) */
#define VFS_FCHMOD    (VFS_BASE + 22)  /* vfs_attr (fd, mode) */
#define VFS_FCHOWN    (VFS_BASE + 23)  /* vfs_attr (fd, uid, gid) */
#define VFS_UMASK     (VFS_BASE + 24)  /* vfs_attr (mode: the new mask) -> the old one */
#define VFS_ACCESS    (VFS_BASE + 25)  /* vfs_path (flags: R_OK|W_OK|X_OK, 0: exists) */
#define VFS_LINK      (VFS_BASE + 26)  /* vfs_path (path: the file, path2: its new name) */
#define VFS_UTIME     (VFS_BASE + 27)  /* vfs_utime (path, path_len, now or atime, mtime) */
#define VFS_MOUNT     (VFS_BASE + 28)  /* vfs_mount (dev, dir, label, flags): root only */
#define VFS_UMOUNT    (VFS_BASE + 29)  /* vfs_mount (dir; label out: the file
                                        * server's, for `service down`): root only */
#define VFS_SYNC      (VFS_BASE + 30)  /* nothing: every mounted file system
                                        * writes its changes back */
#define VFS_STATFS    (VFS_BASE + 31)  /* vfs_path (buf: struct statfs *) of
                                        * the file system holding path */
#define VFS_SYMLINK   (VFS_BASE + 32)  /* vfs_path (path: the contents, path2:
                                        * the new link's name) */
#define VFS_READLINK  (VFS_BASE + 33)  /* vfs_path (buf, flags: its size) ->
                                        * bytes (no NUL) */
#define VFS_LSTAT     (VFS_BASE + 34)  /* vfs_path (buf: struct stat *): the
                                        * link itself, not what it names */
#define VFS_GETMNT    (VFS_BASE + 35)  /* vfs_io (fd: index from 0, buf:
                                        * struct mnt_entry *) -> 0; -ENOENT
                                        * past the last mount */
#define VFS_POLL      (VFS_BASE + 36)  /* vfs_poll -> descriptors ready
                                        * (abi/poll.h) */

/* From PM only. */
#define VFS_PM_FORK     (VFS_BASE + 40)  /* vfs_pm: proc (child), parent */
#define VFS_PM_EXIT     (VFS_BASE + 41)  /* vfs_pm: proc */
#define VFS_PM_EXEC     (VFS_BASE + 42)  /* vfs_pm_exec -> bytes read */
#define VFS_PM_EXECDONE (VFS_BASE + 43)  /* vfs_pm: proc (closes O_CLOEXEC) */
#define VFS_PM_UNPAUSE  (VFS_BASE + 44)  /* vfs_pm: proc -> 1 cancelled, 0 none */
#define VFS_PM_INIT     (VFS_BASE + 45)  /* vfs_pm: proc (a new process, no parent) */
#define VFS_PM_REBOOT   (VFS_BASE + 46)  /* nothing: flush before power-off */

struct mess_vfs_path {
	vir_bytes path;              /* caller's address */
	uint32_t path_len;           /* bytes, without a NUL */
	int32_t flags;               /* O_* (open) */
	uint32_t mode;               /* permission bits (open, mkdir), S_IF* (mknod) */
	vir_bytes buf;               /* stat: struct stat * (out) */
	vir_bytes path2;             /* rename: the new name */
	uint32_t path2_len;
	uint32_t dev;                /* mknod: DEV_MAKE(major, minor) */
};
MESS_PAYLOAD(mess_vfs_path);

struct mess_vfs_fd {
	int32_t fd;
	int32_t fd2;                 /* dup: the target (< 0: lowest free); fcntl: cmd */
	int32_t arg;                 /* fcntl: argument */
};
MESS_PAYLOAD(mess_vfs_fd);

struct mess_vfs_io {
	int32_t fd;
	vir_bytes buf;               /* caller's address */
	uint32_t len;
};
MESS_PAYLOAD(mess_vfs_io);

struct mess_vfs_lseek {
	int32_t fd;
	int32_t offset;              /* in; out: the new position */
	int32_t whence;              /* SEEK_* */
};
MESS_PAYLOAD(mess_vfs_lseek);

struct mess_vfs_ioctl {
	int32_t fd;
	uint32_t request;            /* abi/termios.h */
	vir_bytes arg;               /* caller's address */
};
MESS_PAYLOAD(mess_vfs_ioctl);

struct mess_vfs_attr {               /* chmod, chown, fchmod, fchown, umask */
	int32_t fd;                  /* fchmod, fchown */
	vir_bytes path;              /* chmod, chown: caller's address */
	uint32_t path_len;
	uint32_t mode;               /* chmod: permission bits (07777); umask: 0777 */
	uint32_t uid, gid;           /* chown: 0xffffffff (-1): unchanged */
};
MESS_PAYLOAD(mess_vfs_attr);

struct mess_vfs_utime {              /* utime */
	vir_bytes path;              /* caller's address */
	uint32_t path_len;
	uint32_t now;                /* 1: both times become the file system's now */
	uint32_t atime, mtime;       /* now == 0: the new times (seconds) */
};
MESS_PAYLOAD(mess_vfs_utime);

/* VFS_MOUNT, VFS_UMOUNT: paths and the label in the caller's memory,
 * NUL-terminated (PATH_LEN_NUL); label: up to MNT_LABEL_MAX bytes with
 * the NUL. VFS_MOUNT: the file server labelled LABEL (started by the
 * caller with `service up`) mounts the block special file DEV on the
 * directory DIR. Errors: -EPERM (not root), -ENOTBLK, -ENOTDIR, -EBUSY
 * (DIR is a root or mount point or in use, DEV mounted already), -ENOENT
 * (no such file or label), -ENXIO (no driver for DEV's major), and the file
 * server's answer to FS_READSUPER. VFS_UMOUNT of DIR (a mount point):
 * -EINVAL (not one), -EBUSY (a file or working directory under it is in
 * use); the file server's label is written to LABEL. */
#define MNT_LABEL_MAX 16
#define MNT_RDONLY    0x1            /* flags: as FS_MOUNT_RDONLY */
struct mess_vfs_mount {
	vir_bytes dev;               /* VFS_MOUNT: the device's path */
	vir_bytes dir;               /* the mount point's path */
	vir_bytes label;             /* in (MOUNT) / out (UMOUNT) */
	uint32_t flags;              /* MNT_* */
};
MESS_PAYLOAD(mess_vfs_mount);

/* VFS_GETMNT: one mounted file system (index 0 is the root file system). */
struct mnt_entry {
	uint32_t dev;                /* 0: the root file system */
	uint32_t flags;              /* MNT_* */
	char label[MNT_LABEL_MAX];   /* the file server's label */
	char dir[PATH_MAX];          /* where it is mounted ("/" for the root) */
	char devname[PATH_MAX];      /* the device path given to mount ("none") */
};

struct mess_vfs_pm {
	endpoint_t proc;
	endpoint_t parent;           /* fork: whose descriptors to copy */
	int32_t pid;                 /* fork, init: the new process's pid */
};
MESS_PAYLOAD(mess_vfs_pm);

struct mess_vfs_pm_exec {
	endpoint_t proc;             /* whose working directory applies */
	vir_bytes path;              /* in PM's memory */
	uint32_t path_len;
	vir_bytes buf;               /* in PM's memory: the file lands here */
	uint32_t buf_len;            /* -E2BIG when the file is bigger */
	uint32_t mode;               /* out: the file's mode (S_ISUID, S_ISGID) */
	uint32_t uid, gid;           /* out: its owner and group */
};
MESS_PAYLOAD(mess_vfs_pm_exec);

/* VFS_POLL: poll(2). VFS reads the caller's NFDS struct pollfd at FDS,
 * writes their revents back and replies how many have some (0: the
 * timeout passed). TIMEOUT in milliseconds, < 0: none (wait until one is
 * ready or a signal: -EINTR), 0: do not wait. Regular files, directories
 * and block devices are always ready; a pipe is readable with data or no
 * writer left (POLLHUP), writable with room or no reader left
 * (POLLERR); a character device answers CDEV_SELECT (abi/cdev.h). A
 * descriptor that is not open gets POLLNVAL, a negative one is skipped.
 * -EINVAL for NFDS > POLL_MAX, -EFAULT. */
struct mess_vfs_poll {
	vir_bytes fds;               /* caller's struct pollfd[nfds] */
	uint32_t nfds;
	int32_t timeout;             /* milliseconds; < 0: for ever */
};
MESS_PAYLOAD(mess_vfs_poll);

#endif
