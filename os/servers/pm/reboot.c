/* PM_REBOOT: power off or restart the machine. */
#include <stdio.h>
#include "pm.h"

/* do_reboot: PM_REBOOT from any process (a teaching system: anybody may).
 * Reads:  pm_reboot.how (SHUTDOWN_POWEROFF, SHUTDOWN_REBOOT)
 * Writes: nothing
 * Reply:  none when it works; -EINVAL for another how, or the kernel's
 *         error. VFS flushes what it has first. */
int do_reboot(message *m)
{
	int how = m->u.pm_reboot.how;
	if (how != SHUTDOWN_POWEROFF && how != SHUTDOWN_REBOOT)
		return -EINVAL;
	struct mproc *mp = mproc_find(m->m_source);
	printf("pm: %s requested by pid %d\n",
	    how == SHUTDOWN_POWEROFF ? "power-off" : "reboot", mp->pid);
	pm_vfs(VFS_PM_REBOOT, NONE, NONE, 0);
	return sys_shutdown(how);
}
