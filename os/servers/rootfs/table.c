/* Request number -> handler for the file-system protocol (abi/fs.h). */
#include <stddef.h>
#include "syslib.h"
#include "rootfs.h"

static int (*const handlers[])(message *m) = {
	[FS_LOOKUP - FS_BASE]   = do_lookup,
	[FS_CREATE - FS_BASE]   = do_create,
	[FS_PUTNODE - FS_BASE]  = do_putnode,
	[FS_READ - FS_BASE]     = do_read,
	[FS_WRITE - FS_BASE]    = do_write,
	[FS_TRUNCATE - FS_BASE] = do_truncate,
	[FS_STAT - FS_BASE]     = do_stat,
	[FS_GETDENTS - FS_BASE] = do_getdents,
	[FS_UNLINK - FS_BASE]   = do_unlink,
	[FS_RMDIR - FS_BASE]    = do_rmdir,
	[FS_RENAME - FS_BASE]   = do_rename,
	[FS_STATFS - FS_BASE]   = do_statfs,
	[FS_CHMOD - FS_BASE]    = do_chmod,
	[FS_CHOWN - FS_BASE]    = do_chown,
	[FS_LINK - FS_BASE]     = do_link,
	[FS_UTIME - FS_BASE]    = do_utime,
	[FS_SYNC - FS_BASE]     = do_sync,
};

/* rfs_dispatch: see rootfs.h. Only VFS may ask (-EPERM for anyone else);
 * an unknown request gets -ENOSYS. */
int rfs_dispatch(message *m)
{
	if (m->m_source != VFS_EP)
		return -EPERM;
	uint32_t i = (uint32_t) (m->m_type - FS_BASE);
	if (i >= sizeof(handlers) / sizeof(handlers[0]) || !handlers[i])
		return -ENOSYS;
	return handlers[i](m);
}
