/* The VFS server's one header: its tables (processes, open files, vnodes,
 * pipes, device requests) and every function, grouped by file. */
#ifndef VFS_SERVER_H
#define VFS_SERVER_H

#include <abi/types.h>
#include <abi/boot.h>
#include <abi/message.h>
#include <abi/stat.h>
#include <abi/fcntl.h>
#include <abi/errno.h>
#include <abi/dirent.h>
#include <abi/devices.h>
#include <abi/termios.h>
#include <abi/info.h>
#include <abi/blockdev.h>
#include <abi/poll.h>

#define NR_VPROCS   EP_NR_SLOTS   /* one record per process slot */
#define NR_FILPS    256           /* open files in the whole system */
#define NR_VNODES   256           /* files in use in the whole system */
#define CDEV_CHUNK  4096          /* bytes per driver transfer */
#define NR_MAJORS   64            /* majors 1 .. 63; 32 on: EXTRA_DRIVERS */
#define NR_MOUNTS   8             /* mounts, the root file system's included */
#define SYMLOOP_MAX 8             /* symbolic links one lookup may follow */

#ifndef S_ISLNK
#define S_ISLNK(m)  (((m) & S_IFMT) == S_IFLNK)
#endif

/* What a handler returns when the call waits: no reply now. (Not
 * EDONTREPLY itself: a read may well return 202 bytes.) */
#define SUSPENDED   (-EDONTREPLY)

/* A file in use: an inode of a file system, or a pipe. Device files
 * are file-system inodes whose mode is S_IFCHR or S_IFBLK; their rdev
 * picks the driver. A vnode is named by (fs, ino): the same inode number
 * on two file systems is two vnodes. */
struct vnode {
	int refs;                   /* open files, working directories, calls,
	                             * mounts (their root and covered
	                             * directory) */
	endpoint_t fs;              /* the file server (NONE for a pipe) */
	uint32_t ino;               /* FS inode (0 for a pipe) */
	uint32_t fs_refs;           /* references the FS gave us (PUTNODE) */
	uint32_t mode;
	uint32_t uid, gid;          /* owner and group (kept current: chmod
	                             * and chown pass here) */
	int32_t size;               /* kept current: all writes pass here */
	uint32_t rdev;
	struct pipe *pipe;          /* pipes only */
	uint32_t clone_ino;         /* a unit a cloning device made for one
	                             * open (fs NONE, no pipe): the inode of
	                             * the device file opened (fstat) */
};

/* A mounted file system (mount.c). Mount 0 is the root file system
 * (rootfs, covering nothing). */
struct vmnt {
	int used;
	uint32_t seq;               /* order of mounting (reboot: newest first) */
	endpoint_t fs;              /* its file server */
	char label[MNT_LABEL_MAX];  /* the file server's label */
	uint32_t dev;               /* DEV_MAKE(major, minor); 0: rootfs */
	uint32_t flags;             /* MNT_RDONLY */
	struct vnode *root;         /* its root directory (a reference) */
	struct vnode *covered;      /* the directory it is mounted on (a
	                             * reference); NULL for mount 0 */
	int gone;                   /* unmounted at reboot: no more requests */
	char dir[PATH_MAX];         /* canonical path of the mount point */
	char devname[PATH_MAX];     /* the device path given to mount */
};

struct vproc;
struct poll_link;

/* A list of processes whose calls wait (waitq.c), in order of arrival. */
struct wlist {
	struct vproc *first, *last;
};

/* A list of the entries of waiting polls that name one pipe or major. */
struct plist {
	struct poll_link *first;
};

/* One entry of a waiting poll on its pipe's or major's list (waitq.c);
 * a poll's links follow its entries in the same allocation (poll.c). */
struct poll_link {
	struct vproc *p;            /* the poll's process */
	struct plist *list;         /* the list it is on, or NULL */
	struct poll_link *prev, *next;
};

/* A pipe's buffer, the open files on each end, and who waits on it. */
struct pipe {
	char *buf;                  /* PIPE_BUF bytes, a ring */
	uint32_t start, count;
	int readers, writers;       /* open files for each end */
	struct wlist waiting;       /* reads and writes that wait */
	struct plist polls;         /* entries of waiting polls naming it */
};

/* An open file (what open() makes and dup() and fork() share). */
struct filp {
	int refs;                   /* descriptors pointing here */
	int flags;                  /* O_ACCMODE | O_APPEND | O_NONBLOCK ... */
	int32_t pos;                /* bytes; entry index for directories */
	struct vnode *vn;
	int dev_open;               /* devices: CDEV_OPEN (BDEV_OPEN) succeeded */
	int32_t dev_size;           /* block devices: the size DIOCGETP gave
	                             * at the open (at most 2 GiB - 1) */
};

/* Why a process's call waits (no reply yet). */
enum vsusp {
	SUSP_NONE,
	SUSP_PIPE_READ,
	SUSP_PIPE_WRITE,
	SUSP_CDEV,                  /* a driver request, see cdev.c */
	SUSP_BDEV,                  /* a block driver that is gone, see bdev.c */
	SUSP_POLL                   /* poll: nothing ready yet, see poll.c */
};

/* A driver request in progress for a process. */
struct cdev_call {
	uint32_t id;                /* cdev_req.id; 0: none */
	int op;                     /* CDEV_OPEN, READ, WRITE, IOCTL */
	endpoint_t driver;
	int minor;
	char *bounce;               /* ioctl: VFS's buffer the driver gets a
	                             * grant on (a read or write: none, the
	                             * grant is on the user's buffer) */
	uint32_t bounce_len;
	uint32_t grant;             /* GRANT_INVALID when none */
	uint32_t chunk;             /* bytes of this transfer */
	int fd;                     /* OPEN: the descriptor it will get */
	int cloexec;                /* OPEN: O_CLOEXEC was asked */
	uint32_t request;           /* IOCTL */
};

/* What VFS knows about one process. */
struct vproc {
	endpoint_t ep;              /* 0: the slot is free */
	int pid;
	struct filp *fd[OPEN_MAX];
	uint32_t cloexec;           /* bit N: descriptor N is close-on-exec */
	struct vnode *cwd;
	char cwd_path[CWD_MAX];     /* may be longer than PATH_MAX */
	uint32_t umask;             /* permission bits new files do not get */
	/* Who the current request runs as: read from the kernel
	 * (perm_load) by every path lookup and by the calls on descriptors
	 * that check permissions; never older than the request. */
	struct proc_cred cred;
	/* A suspended call: the request, where its data goes and how far it
	 * got. */
	enum vsusp susp;
	struct vproc *wnext, *wprev; /* on the list *wlist (waitq.c) */
	struct wlist *wlist;        /* NULL: on none */
	message req;                /* not for a pipe's read or write */
	struct filp *susp_filp;     /* holds a reference while suspended */
	vir_bytes buf;
	uint32_t len, done;
	struct cdev_call cdev;
	uint32_t bdev_since;        /* SUSP_BDEV: clock ticks when it began */
	int bdev_fd;                /* SUSP_BDEV of an open: the descriptor */
	int bdev_cloexec;           /* ... and whether O_CLOEXEC was asked */
	/* A poll (SUSP_POLL): VFS's copy of its entries, where they go back,
	 * and its deadline (clock ticks) when it has a timeout. */
	struct pollfd *poll_fds;
	uint32_t poll_nfds;
	vir_bytes poll_addr;
	int poll_timed;
	uint32_t poll_deadline;
};

/* ---- main.c ---- */
/* vfs_reply_now: send the reply R (m_type, no payload) to EP at once
 * (after an answer held by vfs_reply): for a waiting call finished while
 * another request runs, whose own answer rides the next receive. */
void vfs_reply_now(endpoint_t ep, int r);
/* vfs_reply: send the reply R (m_type) with payload from M (NULL: none)
 * to EP, never blocking. */
void vfs_reply(endpoint_t ep, int r, message *m);
/* vfs_setalarm: make sure the clock notifies VFS within TICKS (an alarm
 * that rings earlier is kept: block-device waits and polls share it). */
void vfs_setalarm(uint32_t ticks);

/* ---- table.c ---- */
/* vfs_dispatch: run M's handler; returns its reply code or SUSPENDED
 * (the call was suspended: no reply now). */
int vfs_dispatch(message *m);

/* ---- proc.c: per-process records ---- */
/* proc_get: the record of EP, made fresh (no descriptors, cwd /) when VFS
 * never saw EP or only an older process in its slot. NULL if EP is no
 * process endpoint. */
struct vproc *proc_get(endpoint_t ep);
/* proc_find: the record of EP if VFS knows it, else NULL. */
struct vproc *proc_find(endpoint_t ep);
/* proc_reset: close everything P holds and free the record. */
void proc_reset(struct vproc *p);
/* proc_init: make P a fresh record of EP with PID. */
void proc_init(struct vproc *p, endpoint_t ep, int pid);
/* proc_slot: the record of process slot I (0 .. NR_VPROCS-1), used or
 * not (the kept-state check). */
struct vproc *proc_slot(int i);
/* fd_get: the open file of descriptor FD of P, or NULL (-EBADF). */
struct filp *fd_get(struct vproc *p, int fd);
/* fd_alloc: the lowest free descriptor >= FROM, or -EMFILE. */
int fd_alloc(struct vproc *p, int from);
/* fd_close: close descriptor FD of P (it must be open). */
void fd_close(struct vproc *p, int fd);
/* proc_each: call FN on every known process (for pipe wake-ups). */
void proc_each(void (*fn)(struct vproc *p, void *arg), void *arg);

/* ---- filp.c: open files ---- */
/* filp_new: an open file of VN with FLAGS at position 0 (takes over one
 * reference of VN from the caller); NULL when the table is full. */
struct filp *filp_new(struct vnode *vn, int flags);
/* filp_put: drop a reference; the last one closes the file (pipe ends,
 * devices) and drops its vnode. */
void filp_put(struct filp *f);
/* filp_each: call FN on every open file (a block driver came back). */
void filp_each(void (*fn)(struct filp *f, void *arg), void *arg);

/* filp_slot: open file I (0 .. NR_FILPS-1), used or not (check.c). */
struct filp *filp_slot(int i);
/* filp_index: F's index in the table, or -1 when F points anywhere else
 * (a kept pointer that is no open file). */
int filp_index(const struct filp *f);

/* ---- vnode.c: vnodes ---- */
/* vnode_from_fs: the vnode of the inode in N (a LOOKUP, CREATE or
 * READSUPER result of file server FS, whose FS reference it takes over):
 * shared when already in use. NULL (the FS reference given back) when
 * the table is full. */
struct vnode *vnode_from_fs(endpoint_t fs, const struct mess_fs_node *n);
/* vnode_fs_refs: the references held on every vnode of file server FS
 * together (umount: busy or not). */
int vnode_fs_refs(endpoint_t fs);
/* vnode_new_pipe: a pipe vnode with one reference, or NULL (-ENFILE or
 * -ENOMEM in *ERR). */
struct vnode *vnode_new_pipe(int *err);
/* vnode_new_clone: the vnode of the unit MINOR a cloning character
 * device (DEV, the device file opened) made for one open (abi/cdev.h
 * CDEV_CLONED): DEV's mode and owner, rdev (DEV's major, MINOR), no file
 * server; one reference. NULL when the table is full. */
struct vnode *vnode_new_clone(const struct vnode *dev, int minor);
void vnode_ref(struct vnode *vn);
/* vnode_put: drop a reference; the last one gives the FS references back
 * (FS_PUTNODE) or frees the pipe. */
void vnode_put(struct vnode *vn);
/* vnode_slot, vnode_index: as filp_slot and filp_index, for vnodes. */
struct vnode *vnode_slot(int i);
int vnode_index(const struct vnode *vn);
/* vnode_is_tty: whether VN is a terminal device file. */
int vnode_is_tty(const struct vnode *vn);

/* ---- fsreq.c: requests to the file servers ---- */
/* Each takes the file server FS (a vnode's .fs) first. */
/* fs_call: send M to FS with sendrec; its answer (m_type), or -EIO when
 * FS cannot be reached. */
int fs_call(endpoint_t fs, message *m);
int fs_lookup(endpoint_t fs, uint32_t dir, const char *name,
    struct mess_fs_node *out);
/* fs_create: NAME in DIR with MODE (and DEV), owned by UID and GID. */
int fs_create(endpoint_t fs, uint32_t dir, const char *name, uint32_t mode,
    uint32_t dev, uint32_t uid, uint32_t gid, struct mess_fs_node *out);
/* fs_symlink: FS_CREATE of the symbolic link NAME in DIR holding TARGET
 * (S_IFLNK | 0777), owned by UID and GID; no reference kept. */
int fs_symlink(endpoint_t fs, uint32_t dir, const char *name,
    const char *target, uint32_t uid, uint32_t gid);
/* fs_chmod, fs_chown: FS_CHMOD (permission bits PERM) and FS_CHOWN
 * (FS_KEEP_ID: unchanged) of INO; *OUT gets the inode's new state. */
int fs_chmod(endpoint_t fs, uint32_t ino, uint32_t perm,
    struct mess_fs_node *out);
int fs_chown(endpoint_t fs, uint32_t ino, uint32_t uid, uint32_t gid,
    struct mess_fs_node *out);
/* fs_utime: FS_UTIME of INO: NOW (1: both times become now) or ATIME and
 * MTIME. */
int fs_utime(endpoint_t fs, uint32_t ino, int now, uint32_t atime,
    uint32_t mtime);
int fs_putnode(endpoint_t fs, uint32_t ino, uint32_t count);
/* fs_link: FS_LINK: a new name NAME in DIR for the inode INO. */
int fs_link(endpoint_t fs, uint32_t dir, const char *name, uint32_t ino);
/* fs_io: FS_READ, FS_WRITE, FS_TRUNCATE, FS_STAT, FS_GETDENTS or
 * FS_STATFS on INO; *POS_OUT (if not NULL) gets the reply's .pos. */
int fs_io(endpoint_t fs, int type, uint32_t ino, int32_t pos, uint32_t len,
    endpoint_t ep, vir_bytes addr, int32_t *pos_out);
int fs_name_op(endpoint_t fs, int type, uint32_t dir, const char *name);
int fs_rename(endpoint_t fs, uint32_t odir, const char *oname,
    uint32_t ndir, const char *nname);

/* ---- mount.c: the mount table ---- */
/* mount_init: mount 0 is the root file system with root directory ROOT
 * (a reference kept). */
void mount_init(struct vnode *root);
/* mount_get: mount I (0 .. NR_MOUNTS-1) if in use, else NULL. */
struct vmnt *mount_get(int i);
/* mount_of_fs: the mount served by FS, or NULL. */
struct vmnt *mount_of_fs(endpoint_t fs);
/* mount_on: the mount whose covered directory is VN (VN is a mount
 * point), or NULL. */
struct vmnt *mount_on(const struct vnode *vn);
/* mount_rooted: the mount whose root directory is VN, or NULL. */
struct vmnt *mount_rooted(const struct vnode *vn);
/* mount_covers: whether inode INO of FS is a mount point (rmdir,
 * rename: -EBUSY). */
int mount_covers(endpoint_t fs, uint32_t ino);
/* mount_unmount_all: FS_UNMOUNT to every mounted file system, newest
 * first (reboot); they take no requests after. */
void mount_unmount_all(void);
/* mount_check: may something be mounted on DIR from device DEV?
 * -ENOTDIR, -EBUSY (DIR is a root or mount point, DEV is mounted), or 0. */
int mount_check(const struct vnode *dir, uint32_t dev);
/* mount_add: mount file server FS (labelled LABEL) for block device DEV
 * (path DEVNAME) on directory DIR (canonical path CANON) with FLAGS
 * (MNT_RDONLY). 0 or an error (see mount.c). */
int mount_add(endpoint_t fs, const char *label, uint32_t dev,
    const char *devname, struct vnode *dir, const char *canon,
    uint32_t flags);
/* mount_remove: unmount MNT: -EBUSY while a vnode of it is in use (or
 * MNT is mount 0), else the server's answer to FS_UNMOUNT (the entry is
 * gone in every case). */
int mount_remove(struct vmnt *mnt);
/* mount_sync: FS_SYNC to every mounted file system; 0 or the first
 * error. */
int mount_sync(void);

/* ---- path.c: path names ---- */
/* path_copy: the path (ADDR, LEN) of EP's memory into BUF (PATH_MAX).
 * -ENAMETOOLONG (LEN >= PATH_MAX), -ENOENT (empty), -EFAULT. */
int path_copy(endpoint_t ep, vir_bytes addr, uint32_t len, char *buf);
/* path_lookup: the vnode PATH names (relative to P's cwd), with a
 * reference; symbolic links are followed, the last component's too.
 * -ENOENT, -ENOTDIR, -ENAMETOOLONG, -ENFILE, -EACCES (a directory on the
 * way that P may not search), -ELOOP (more than SYMLOOP_MAX links). Both
 * path_lookup and path_parent load P's credentials (perm_load) first.
 * The walk enters the root of a file system mounted on a directory it
 * meets; ".." of a mounted root is the parent of the covered directory. */
int path_lookup(struct vproc *p, const char *path, struct vnode **vn);
/* path_enter_mounts: VN (a reference; may be NULL) or, when a file
 * system is mounted on it, that file system's root (the reference moves
 * there). */
struct vnode *path_enter_mounts(struct vnode *vn);
/* path_resolve: path_lookup, but a symbolic link as last component is
 * the result itself when NOFOLLOW; CANON (CWD_MAX bytes, if not NULL)
 * gets the canonical absolute path of the result (no links, ".", ".."). */
int path_resolve(struct vproc *p, const char *path, int nofollow,
    struct vnode **vn, char *canon);
/* path_lookup_user: path_copy of P's path (ADDR, LEN) into BUF
 * (PATH_MAX), then path_lookup of it: the vnode in *VN, with a reference.
 * The errors of either. */
int path_lookup_user(struct vproc *p, vir_bytes addr, uint32_t len,
    char *buf, struct vnode **vn);
/* path_parent: the directory that holds PATH's last component (with a
 * reference) and that component in LAST (NAME_MAX + 1 bytes; "" for "/").
 * *SLASH (if not NULL) is 1 when PATH ends with '/'. */
int path_parent(struct vproc *p, const char *path, struct vnode **dir,
    char *last, int *slash);
/* vfs_root: the root directory's vnode (no new reference), or NULL while
 * the root file system cannot be reached. */
struct vnode *vfs_root(void);

/* ---- perm.c: who may do what (the one place that decides) ---- */
#define PERM_R 4                   /* as R_OK, W_OK, X_OK */
#define PERM_W 2
#define PERM_X 1
/* perm_load: read P's credentials from the kernel into P->cred. 0, or
 * the error of sys_getcred (P is gone). */
int perm_load(struct vproc *p);
/* perm_check: may C access a file of MODE, UID, GID for WANT (PERM_*
 * bits)? 0 or -EACCES. */
int perm_check(const struct proc_cred *c, uint32_t mode, uint32_t uid,
    uint32_t gid, int want);
/* perm_vnode: perm_check of P (its loaded credentials) on VN. */
int perm_vnode(const struct vproc *p, const struct vnode *vn, int want);
/* perm_remove: may P remove or rename the entry NAME of directory DIR?
 * Needs write and search on DIR; in a sticky directory (S_ISVTX) P must
 * also own DIR or the entry, or be root. *ENTRY (if not NULL) gets the
 * entry's node when P is not root (ino 0 when it was not looked up).
 * 0, -EACCES (no write or search on DIR), -EPERM (the sticky rule, as
 * POSIX and Linux say), or the lookup's error. */
int perm_remove(const struct vproc *p, const struct vnode *dir,
    const char *name, struct mess_fs_node *entry);
/* perm_chmod: may P set VN's permission bits to *PERM? Only the owner or
 * root (-EPERM); S_ISGID is dropped from *PERM when a non-root owner is
 * not in the file's group. */
int perm_chmod(const struct vproc *p, const struct vnode *vn,
    uint32_t *perm);
/* perm_chown: may P give VN owner UID and group GID (FS_KEEP_ID: keep)?
 * Root: anything. Others: only the owner, keeping the owner, with the
 * group kept or changed to P's egid (-EPERM). */
int perm_chown(const struct vproc *p, const struct vnode *vn, uint32_t uid,
    uint32_t gid);
/* perm_utime: may P set VN's times (NOW: to now, else to given times)?
 * Root and the owner: yes. Others: only to now, with write permission
 * (-EACCES without it); given times: -EPERM. */
int perm_utime(const struct vproc *p, const struct vnode *vn, int now);

/* ---- pipe.c ---- */
int do_pipe(message *m);
/* pipe_read, pipe_write: the call of P (already suspended or not) on the
 * pipe F; P->buf, len, done describe it. Return the reply, or SUSPENDED
 * when it must wait (the caller suspends P). */
int pipe_read(struct vproc *p, struct filp *f);
int pipe_write(struct vproc *p, struct filp *f);
/* pipe_wakeup: retry every call waiting on the pipe of VN. */
void pipe_wakeup(struct vnode *vn);

/* ---- cdev.c: character devices ---- */
/* cdev_open: open the device of F for P, to become descriptor FD:
 * returns FD (installed), an error (F is dropped), or SUSPENDED (the
 * driver answers later; the caller suspends P with F). */
int cdev_open(struct vproc *p, struct filp *f, int fd, int cloexec);
/* cdev_close: tell the driver F's device is closed (if it was opened). */
void cdev_close(struct filp *f);
/* cdev_io: read (OP CDEV_READ) or write (CDEV_WRITE) LEN bytes at P's
 * BUF on the device of F, 4096 bytes per driver request, each through a
 * magic grant on that part of P's buffer. Returns the bytes, an error, or
 * SUSPENDED. */
int cdev_io(struct vproc *p, struct filp *f, int op, vir_bytes buf,
    uint32_t len);
/* cdev_ioctl: REQUEST (abi/termios.h) with P's argument at ARG on the
 * device of F. Returns the driver's answer, -ENOTTY, -EFAULT or
 * SUSPENDED. */
int cdev_ioctl(struct vproc *p, struct filp *f, uint32_t request,
    vir_bytes arg);
/* cdev_select: CDEV_SELECT of OPS (CDEV_SEL_*, with CDEV_SEL_NOTIFY) on
 * the device of F: the ready bits, -ENOSYS (the driver does not know
 * it), -ENXIO (no driver), -EIO. */
int cdev_select(struct filp *f, uint32_t ops);
/* cdev_forget: free what P's driver call holds (its grant, its bounce
 * buffer) without telling the driver: a call a crash cut short before it
 * was suspended (check.c). The driver's answer, if one comes, names an
 * id nobody waits for and is dropped. */
void cdev_forget(struct vproc *p);
/* cdev_status: the driver SRC notified: collect its finished requests
 * and readiness reports (polls are looked at again). */
void cdev_status(endpoint_t src);
/* cdev_cancel: cancel P's driver request; returns the reply P gets
 * (-EINTR or what had completed). */
int cdev_cancel(struct vproc *p);
/* cdev_driver_gone: the driver DRV lost its state (it died, or was
 * restarted): every call waiting on it ends with -EIO (or the bytes a
 * read or write already moved). */
void cdev_driver_gone(endpoint_t drv);

/* ---- bdev.c: block devices ---- */
/* bdev_open: open the block device of F for P (BDEV_OPEN with F's access
 * mode), to become descriptor FD, and learn its size (DIOCGETP, into
 * F->dev_size). Returns FD (installed), an error (F is dropped; -ENXIO: no
 * driver for the major), or SUSPENDED: the driver is gone and the open
 * goes on when it is back (the caller suspends P with SUSP_BDEV and F). */
int bdev_open(struct vproc *p, struct filp *f, int fd, int cloexec);
/* bdev_close: tell the driver F's device is closed (if it was opened). */
void bdev_close(struct filp *f);
/* bdev_io: read (WRITE 0) or write LEN bytes at P's BUF at F's position
 * on F's block device, through sector-aligned driver requests of at most
 * 4096 bytes. Returns the bytes (0: the end of the device; a write there
 * -ENOSPC), an error, or SUSPENDED: the driver is gone and the call goes
 * on when it is back (bdev_driver_up) or fails after a while
 * (bdev_alarm); the caller suspends P with SUSP_BDEV. */
int bdev_io(struct vproc *p, struct filp *f, int write, vir_bytes buf,
    uint32_t len);
/* bdev_ioctl: REQUEST (abi/ioctl.h encoding, e.g. DIOCGETP) with P's
 * argument at ARG on F's block device. The driver's answer, -ENOTTY,
 * -EFAULT, -ENXIO, -EIO (the driver is gone). */
int bdev_ioctl(struct vproc *p, struct filp *f, uint32_t request,
    vir_bytes arg);
/* bdev_cancel: P's call that waits for its block driver ends now (a
 * signal, an exit): an open drops its open file. Returns the reply P
 * gets: -EINTR, or the bytes a read or write already moved. */
int bdev_cancel(struct vproc *p);
/* bdev_driver_up: a block driver (re)started for MAJOR: open its open
 * files again, then carry on the calls that waited for it. */
void bdev_driver_up(uint32_t major);
/* bdev_alarm: the alarm rang at NOW: calls that waited too long for
 * their block driver fail with EIO. */
void bdev_alarm(uint32_t now);

/* ---- majors.c: which driver serves which major ---- */
/* blk_label_set: the block driver LABEL (from drv.blk.LABEL) serves
 * MAJOR. */
void blk_label_set(uint32_t major, const char *label);
/* blk_label: the label of the block driver of MAJOR, or NULL (none
 * known: the boot majors have no block driver). */
const char *blk_label(uint32_t major);
/* cdev_driver: the driver endpoint of device RDEV, or NONE. */
endpoint_t cdev_driver(uint32_t rdev);
/* cdev_is_driver: whether EP serves some major. */
int cdev_is_driver(endpoint_t ep);
/* cdev_bind: MAJOR is served by EP from now on. 0, or -EINVAL (a major
 * out of range, a bad endpoint). */
int cdev_bind(uint32_t major, endpoint_t ep);

/* ---- driver_up.c: driver-up events from the data store ---- */
/* driver_up_init: subscribe to the drivers' "drv.chr.*" and "drv.blk.*"
 * entries (none when DS is not running). */
void driver_up_init(void);
/* driver_up_event: DS notified: bind the majors of the drivers that came
 * up since the last time. */
void driver_up_event(void);

/* ---- waitq.c: wait lists ---- */
/* waitq_add: put P (its call just suspended, P->susp set) on the list of
 * what it waits for: its pipe, its driver, the block-device waits, the
 * polls (a poll's entries also on their pipes' and majors' lists). */
void waitq_add(struct vproc *p);
/* waitq_del: take P off its list (P->susp still set). */
void waitq_del(struct vproc *p);
/* waitq_driver: the first process whose call waits for a driver of slot
 * ep_slot(DRV) (compare p->cdev.driver); the next is p->wnext. */
struct vproc *waitq_driver(endpoint_t drv);
/* waitq_bdev, waitq_polls: the first call waiting for a block driver, the
 * first waiting poll (p->wnext: the next). */
struct vproc *waitq_bdev(void);
struct vproc *waitq_polls(void);
/* waitq_major_polls: the first entry of a waiting poll naming a device of
 * MAJOR (l->next: the next). */
struct poll_link *waitq_major_polls(uint32_t major);
/* waitq_rebuild: make every list again from the waiting calls (a restart
 * in place: check_repair). */
void waitq_rebuild(void);

/* ---- suspend.c ---- */
/* suspend: P's current call (M) waits; filp F (may be NULL) is kept. M
 * is kept in P->req, but for SUSP_PIPE_READ and SUSP_PIPE_WRITE (P->buf,
 * .len, .done and F say all a pipe's call needs). */
void suspend(struct vproc *p, enum vsusp why, message *m, struct filp *f);
/* resume: P's waiting call is finished: reply R to it. */
void resume(struct vproc *p, int r);
/* unsuspend: forget P's waiting call without replying. */
void unsuspend(struct vproc *p);

/* ---- poll.c: poll and select ---- */
int do_poll(message *m);
/* poll_wakeup: look again at the waiting polls that name the pipe VN
 * (if not NULL) or a character device of driver DRV (if not NONE);
 * neither: every waiting poll. */
void poll_wakeup(const struct vnode *vn, endpoint_t drv);
/* poll_alarm: the alarm rang at NOW: polls past their deadline end. */
void poll_alarm(uint32_t now);
/* poll_forget: free P's poll entries (its poll is over). */
void poll_forget(struct vproc *p);

/* ---- check.c: the kept state (restart in place, keep-state update) ---- */
/* check_state: do the kept tables hold together? 0, or -EINVAL with WHY
 * (LEN bytes) saying what does not: a reference to an open file or vnode
 * from outside its table, fewer references than holders, a pipe whose
 * ring or end counts are off, a malformed waiting call or mount. More
 * references than holders (a request cut short) is accepted. */
int check_state(char *why, size_t len);
/* check_repair: give back what requests cut short left (references
 * above the holders, a driver call's grant and buffer, a poll's copy);
 * returns how many open files and vnodes were let go. Run after
 * check_state said 0. */
int check_repair(void);

/* ---- kept.c: the start of an instance in kept memory ---- */
/* kept_init: after check_state and check_repair: re-sync what lives
 * outside VFS's memory (driver-up events, driver answers, the alarm). */
void kept_init(void);

/* ---- handlers (one group per file) ---- */
/* do_open.c */
int do_open(message *m);
int do_close(message *m);
int do_mknod(message *m);
/* do_rw.c */
int do_read(message *m);
int do_write(message *m);
int do_lseek(message *m);
/* do_meta.c */
/* stat_vnode: write VN's struct stat to P's BUF (st_dev: its mount's
 * device). */
int stat_vnode(struct vproc *p, struct vnode *vn, vir_bytes buf);
int do_stat(message *m);
int do_fstat(message *m);
int do_truncate(message *m);
int do_getdents(message *m);
/* do_names.c */
int do_mkdir(message *m);
int do_rmdir(message *m);
int do_unlink(message *m);
int do_rename(message *m);
int do_link(message *m);
/* do_attr.c */
int do_chmod(message *m);
int do_chown(message *m);
int do_fchmod(message *m);
int do_fchown(message *m);
int do_utime(message *m);
int do_umask(message *m);
int do_access(message *m);
/* do_mount.c */
int do_mount(message *m);
int do_umount(message *m);
int do_sync(message *m);
int do_statfs(message *m);
int do_getmnt(message *m);
/* do_link.c: symbolic links */
int do_symlink(message *m);
int do_readlink(message *m);
int do_lstat(message *m);
/* do_cwd.c */
int do_chdir(message *m);
int do_getcwd(message *m);
/* do_fd.c */
int do_dup(message *m);
int do_fcntl(message *m);
int do_ioctl(message *m);
/* exec_read.c */
int exec_read(struct vnode *vn, endpoint_t ep, vir_bytes buf);

/* do_pm.c */
int do_pm_init(message *m);
int do_pm_fork(message *m);
int do_pm_exit(message *m);
int do_pm_exec(message *m);
int do_pm_execdone(message *m);
int do_pm_unpause(message *m);
int do_pm_reboot(message *m);

#endif
