/* The ext2 file server's own header (the core's API is ext2.h): the one
 * mount this instance serves, the device under it (libbdev), and every
 * function of the server's files, grouped by file. One server process per
 * mounted device: VFS mounts it with FS_READSUPER and then asks it the
 * file-system protocol (abi/fs.h), inode numbers being ext2's own (the
 * root is EXT2_ROOT_INO, 2). */
#ifndef EXT2_SRV_H
#define EXT2_SRV_H

#include <abi/types.h>
#include <abi/message.h>
#include <abi/stat.h>
#include <abi/fcntl.h>
#include <abi/errno.h>
#include <abi/fs.h>
#include "ext2.h"

/* Bytes moved between the disk and a user's memory per SYS_VIRCOPY (the
 * bounce buffer, srv_util.c): a multiple of every block size. */
#define E2S_BOUNCE (32u * 1024u)
/* Dirty blocks are written back at most this long after a change (the
 * alarm, srv_dev.c): a crash of the machine loses seconds, not more. */
#define E2S_FLUSH_SECONDS 5

/* What this instance serves. */
enum e2s_state {
	E2S_IDLE,            /* nothing mounted: only FS_READSUPER */
	E2S_MOUNTED,         /* FS holds the mounted file system */
	E2S_LOST,            /* restarted after a crash: the mount the old
	                      * instance had is gone: -EIO until FS_UNMOUNT */
};

struct e2s_mount {
	enum e2s_state state;
	uint32_t dev;        /* DEV_MAKE(major, minor) of the mounted device */
	int rdonly;          /* mounted read-only (asked, or by features) */
};

extern struct e2s_mount e2s_mnt;
extern struct ext2_fs e2s_fs;       /* about 430 KiB: static */

/* ---- srv_dev.c: the device, the clock, write-back ---- */
/* e2s_dev_ops: the core's device (512-byte sectors) over libbdev for
 * e2s_mnt.dev. */
extern const struct ext2_bdev e2s_dev_ops;
/* e2s_now: the time for inode and superblock times, seconds since 1970
 * (clock_time); the one place that reads the clock. */
uint32_t e2s_now(void);
/* e2s_flush_drive: ask the driver to write its cache to the medium
 * (DIOCFLUSH); a driver without one (-ENOTTY, -EINVAL) is fine. Returns
 * 0 or the driver's error. */
int e2s_flush_drive(void);
/* e2s_after_request: after each request: arm the write-back alarm when
 * the mount has unwritten changes, and set it again if a device call
 * (libbdev, which uses the alarm while it waits for a driver) may have
 * taken it. */
void e2s_after_request(void);
/* e2s_alarm: the alarm rang: write every change back (ext2_sync and a
 * drive flush). */
void e2s_alarm(void);
/* e2s_flush_cancel: forget the write-back alarm (unmount). */
void e2s_flush_cancel(void);
/* e2s_flush_rearm: this instance runs in the memory of the previous one
 * (srv_kept.c), whose alarm the kernel may not have kept: arm the write-back
 * alarm anew when the cache holds changes. */
void e2s_flush_rearm(void);

/* ---- srv_kept.c: the state kept across a restart in place or an update ---- */
/* e2s_state_check: SEF's kept-state check: the mount's state, and for a
 * mount its superblock figures, the cache (buffers at their slots, none
 * pinned, no block twice or past the end) and the referenced inodes.
 * Returns 0, or -EINVAL with WHY (LEN bytes) saying what is wrong. */
int e2s_state_check(char *why, size_t len);
/* e2s_kept: the kept state checked, serve on with it: re-arm the
 * write-back alarm and say so on the console ("ext2: LABEL HOW: mount
 * kept ..."). */
void e2s_kept(const char *label, const char *how);

/* ---- srv_util.c: nodes, names and copies ---- */
/* e2s_node: the node of inode INO, which VFS holds a reference to:
 * -EINVAL when it holds none (no such inode, or not from LOOKUP/CREATE). */
int e2s_node(uint32_t ino, struct ext2_node **out);
/* e2s_dir: as e2s_node, and a directory (-ENOTDIR). */
int e2s_dir(uint32_t ino, struct ext2_node **out);
/* e2s_get_name: copy the name (ADDR, LEN) of FROM's memory into BUF
 * (NAME_MAX + 1 bytes, NUL-terminated). -ENAMETOOLONG, -EINVAL (empty,
 * or holds '/' or NUL), -EFAULT. */
int e2s_get_name(endpoint_t from, vir_bytes addr, uint32_t len, char *buf);
/* e2s_node_reply: write N into M's reply payload (mess_fs_node). */
void e2s_node_reply(message *m, const struct ext2_node *n);
/* e2s_copy_out, e2s_copy_in: LEN bytes between BUF here and EP's ADDR,
 * page by page when the whole range faults. Return the bytes copied
 * before the first page that could not be (LEN when all), or -EFAULT
 * when not one byte could be. */
int e2s_copy_out(const void *buf, endpoint_t ep, vir_bytes addr,
    uint32_t len);
int e2s_copy_in(endpoint_t ep, vir_bytes addr, void *buf, uint32_t len);
/* e2s_bounce: the bounce buffer (E2S_BOUNCE bytes) of READ and WRITE. */
extern uint8_t e2s_bounce[E2S_BOUNCE];
/* e2s_size32: a size as the protocol's int32_t (larger: INT32_MAX). */
int32_t e2s_size32(uint64_t size);

/* ---- table.c: request dispatch ---- */
/* e2s_dispatch: run the handler of M's request; returns the reply code
 * (the handler has written the reply payload into M). Only VFS may ask
 * (-EPERM); without a mount only FS_READSUPER and FS_UNMOUNT work
 * (-EINVAL; -EIO after a restart lost the mount); a change on a
 * read-only mount is -EROFS. */
int e2s_dispatch(message *m);
/* e2s_changed: the last request dispatched was a change (create, write,
 * ...: the write-back alarm is armed after it). */
extern int e2s_changed;

/* ---- do_mount.c ---- */
int do_readsuper(message *m);
int do_unmount(message *m);
int do_sync(message *m);
int do_statfs(message *m);
/* ---- do_node.c ---- */
int do_lookup(message *m);
int do_create(message *m);
int do_putnode(message *m);
/* ---- do_io.c ---- */
int do_read(message *m);
int do_write(message *m);
int do_truncate(message *m);
/* ---- do_dir.c ---- */
int do_getdents(message *m);
int do_unlink(message *m);
int do_rmdir(message *m);
int do_rename(message *m);
int do_link(message *m);
/* ---- do_attr.c ---- */
int do_stat(message *m);
int do_chmod(message *m);
int do_chown(message *m);
int do_utime(message *m);

#endif
