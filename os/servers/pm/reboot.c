/* PM_REBOOT: power off or restart the machine. */
#include <stdio.h>
#include "pm.h"

/* do_reboot: PM_REBOOT from a process running as root (effective uid 0:
 * every system process, and user processes of root).
 * Reads:  pm_reboot.how (SHUTDOWN_POWEROFF, SHUTDOWN_REBOOT)
 * Writes: nothing
 * Reply:  none when it works; -EPERM for a caller that is not root,
 *         -EINVAL for another how, or the kernel's error. VFS flushes what it has first. */
int do_reboot(message *m)
{
	int how = m->u.pm_reboot.how;
	struct mproc *mp = mproc_find(m->m_source);
	if (!cred_is_root(mp))
		return -EPERM;    /* quietly: a fuzzer asks a million times */
	if (how != SHUTDOWN_POWEROFF && how != SHUTDOWN_REBOOT)
		return -EINVAL;
	printf("pm: %s requested by pid %d\n",
	    how == SHUTDOWN_POWEROFF ? "power-off" : "reboot", mp->pid);
	pm_vfs(VFS_PM_REBOOT, NONE, NONE, 0);
	return sys_shutdown(how);
}
