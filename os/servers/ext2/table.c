/* Request number -> handler for the file-system protocol (abi/fs.h), and
 * the checks every request passes first: the asker (VFS only), the state
 * of the mount, read-only mounts. */
#include <stddef.h>
#include "syslib.h"
#include <abi/boot.h>
#include "srv.h"

/* A request's needs. */
#define NEEDS_MOUNT 0x1      /* a mounted file system */
#define CHANGES     0x2      /* changes it: -EROFS on a read-only mount */

static const struct {
	int (*fn)(message *m);
	int flags;
} handlers[] = {
	[FS_LOOKUP - FS_BASE]    = { do_lookup, NEEDS_MOUNT },
	[FS_CREATE - FS_BASE]    = { do_create, NEEDS_MOUNT | CHANGES },
	[FS_PUTNODE - FS_BASE]   = { do_putnode, NEEDS_MOUNT },
	[FS_READ - FS_BASE]      = { do_read, NEEDS_MOUNT },
	[FS_WRITE - FS_BASE]     = { do_write, NEEDS_MOUNT | CHANGES },
	[FS_TRUNCATE - FS_BASE]  = { do_truncate, NEEDS_MOUNT | CHANGES },
	[FS_STAT - FS_BASE]      = { do_stat, NEEDS_MOUNT },
	[FS_GETDENTS - FS_BASE]  = { do_getdents, NEEDS_MOUNT },
	[FS_UNLINK - FS_BASE]    = { do_unlink, NEEDS_MOUNT | CHANGES },
	[FS_RMDIR - FS_BASE]     = { do_rmdir, NEEDS_MOUNT | CHANGES },
	[FS_RENAME - FS_BASE]    = { do_rename, NEEDS_MOUNT | CHANGES },
	[FS_STATFS - FS_BASE]    = { do_statfs, NEEDS_MOUNT },
	[FS_CHMOD - FS_BASE]     = { do_chmod, NEEDS_MOUNT | CHANGES },
	[FS_CHOWN - FS_BASE]     = { do_chown, NEEDS_MOUNT | CHANGES },
	[FS_LINK - FS_BASE]      = { do_link, NEEDS_MOUNT | CHANGES },
	[FS_UTIME - FS_BASE]     = { do_utime, NEEDS_MOUNT | CHANGES },
	[FS_READSUPER - FS_BASE] = { do_readsuper, 0 },
	[FS_UNMOUNT - FS_BASE]   = { do_unmount, 0 },
	[FS_SYNC - FS_BASE]      = { do_sync, NEEDS_MOUNT },
};

int e2s_changed;

/* e2s_dispatch: see srv.h. An unknown request gets -ENOSYS. What else
 * leaves blocks to write (an access time, the last FS_PUTNODE of an
 * unlinked file) the write-back finds in the cache (e2s_after_request). */
int e2s_dispatch(message *m)
{
	if (m->m_source != VFS_EP)
		return -EPERM;
	uint32_t i = (uint32_t) (m->m_type - FS_BASE);
	if (i >= sizeof(handlers) / sizeof(handlers[0]) || !handlers[i].fn)
		return -ENOSYS;
	int flags = handlers[i].flags;
	if ((flags & NEEDS_MOUNT) && e2s_mnt.state != E2S_MOUNTED)
		return e2s_mnt.state == E2S_LOST ? -EIO : -EINVAL;
	if ((flags & CHANGES) && e2s_mnt.rdonly)
		return -EROFS;
	int r = handlers[i].fn(m);
	if (flags & CHANGES)
		e2s_changed = 1;
	return r;
}
