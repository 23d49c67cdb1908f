/* Request number -> handler for the VFS protocol (abi/vfs.h), and the
 * rule that only PM sends the VFS_PM_* requests. */
#include "vfs_server.h"

static int (*const handlers[])(message *m) = {
	[VFS_OPEN - VFS_BASE]       = do_open,
	[VFS_CLOSE - VFS_BASE]      = do_close,
	[VFS_READ - VFS_BASE]       = do_read,
	[VFS_WRITE - VFS_BASE]      = do_write,
	[VFS_LSEEK - VFS_BASE]      = do_lseek,
	[VFS_STAT - VFS_BASE]       = do_stat,
	[VFS_FSTAT - VFS_BASE]      = do_fstat,
	[VFS_MKDIR - VFS_BASE]      = do_mkdir,
	[VFS_RMDIR - VFS_BASE]      = do_rmdir,
	[VFS_UNLINK - VFS_BASE]     = do_unlink,
	[VFS_RENAME - VFS_BASE]     = do_rename,
	[VFS_GETDENTS - VFS_BASE]   = do_getdents,
	[VFS_DUP - VFS_BASE]        = do_dup,
	[VFS_PIPE - VFS_BASE]       = do_pipe,
	[VFS_CHDIR - VFS_BASE]      = do_chdir,
	[VFS_GETCWD - VFS_BASE]     = do_getcwd,
	[VFS_IOCTL - VFS_BASE]      = do_ioctl,
	[VFS_FCNTL - VFS_BASE]      = do_fcntl,
	[VFS_MKNOD - VFS_BASE]      = do_mknod,
	[VFS_TRUNCATE - VFS_BASE]   = do_truncate,
	[VFS_CHMOD - VFS_BASE]      = do_chmod,
	[VFS_CHOWN - VFS_BASE]      = do_chown,
	[VFS_FCHMOD - VFS_BASE]     = do_fchmod,
	[VFS_FCHOWN - VFS_BASE]     = do_fchown,
	[VFS_UMASK - VFS_BASE]      = do_umask,
	[VFS_ACCESS - VFS_BASE]     = do_access,
	[VFS_LINK - VFS_BASE]       = do_link,
	[VFS_UTIME - VFS_BASE]      = do_utime,
	[VFS_MOUNT - VFS_BASE]      = do_mount,
	[VFS_UMOUNT - VFS_BASE]     = do_umount,
	[VFS_SYNC - VFS_BASE]       = do_sync,
	[VFS_STATFS - VFS_BASE]     = do_statfs,
	[VFS_SYMLINK - VFS_BASE]    = do_symlink,
	[VFS_READLINK - VFS_BASE]   = do_readlink,
	[VFS_LSTAT - VFS_BASE]      = do_lstat,
	[VFS_GETMNT - VFS_BASE]     = do_getmnt,
	[VFS_POLL - VFS_BASE]       = do_poll,
	[VFS_PM_FORK - VFS_BASE]    = do_pm_fork,
	[VFS_PM_EXIT - VFS_BASE]    = do_pm_exit,
	[VFS_PM_EXEC - VFS_BASE]    = do_pm_exec,
	[VFS_PM_EXECDONE - VFS_BASE] = do_pm_execdone,
	[VFS_PM_UNPAUSE - VFS_BASE] = do_pm_unpause,
	[VFS_PM_INIT - VFS_BASE]    = do_pm_init,
	[VFS_PM_REBOOT - VFS_BASE]  = do_pm_reboot,
};

/* vfs_dispatch: see vfs_server.h. -ENOSYS for an unknown request, -EPERM
 * for a VFS_PM_* request from anyone but PM. */
int vfs_dispatch(message *m)
{
	uint32_t i = (uint32_t) (m->m_type - VFS_BASE);
	if (i >= sizeof(handlers) / sizeof(handlers[0]) || !handlers[i])
		return -ENOSYS;
	if (m->m_type >= VFS_PM_FORK && m->m_source != PM_EP)
		return -EPERM;
	return handlers[i](m);
}
