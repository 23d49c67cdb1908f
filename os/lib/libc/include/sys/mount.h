/* Mounting file systems (Phoenix's calls; os/lib/libc/posix/mount.c):
 * mount, umount and getmnt, with MNT_RDONLY, MNT_LABEL_MAX and struct
 * mnt_entry of abi/vfs.h. A mounted file system is served by its own file
 * server process (one ext2 server per mount), started by the caller with
 * `service up` under a label before mount() and stopped with `service
 * down` of the label umount() hands back (the mount command does both). */
#ifndef _SYS_MOUNT_H
#define _SYS_MOUNT_H

#include <sys/types.h>
#include <abi/vfs.h>

/* mount: the file server labelled LABEL mounts the block special file DEV
 * on the directory DIR; FLAGS: 0 or MNT_RDONLY. Root only. Returns 0, or
 * -1 with errno (EPERM, ENOTBLK, ENOTDIR, EBUSY, ENOENT: no such file or
 * label, ENXIO: no driver for DEV, EINVAL, EIO, or the file server's
 * error, e.g. EINVAL for a device that holds no such file system). */
int mount(const char *dev, const char *dir, const char *label, int flags);
/* umount: unmount the file system mounted on DIR (Phoenix's two-argument
 * form): LABEL (MNT_LABEL_MAX bytes, or NULL) gets its file server's
 * label. Root only. Returns 0, or -1 with errno (EPERM, EINVAL: nothing
 * is mounted there, EBUSY: a file or working directory in it is in use,
 * EIO: the server is gone, the mount is removed all the same). */
int umount(const char *dir, char *label);
/* getmnt: the INDEXth mounted file system (0: the root file system, "/"
 * on "none") into *E. Returns 0, or -1 with errno ENOENT past the last
 * one. */
int getmnt(int index, struct mnt_entry *e);

#endif
