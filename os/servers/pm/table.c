/* The process manager's request table: request number -> handler. */
#include "pm.h"

static int (*const calls[])(message *m) = {
	[PM_FORK - PM_BASE] = do_fork,
	[PM_EXEC - PM_BASE] = do_exec,
	[PM_EXIT - PM_BASE] = do_exit,
	[PM_WAITPID - PM_BASE] = do_waitpid,
	[PM_GETPID - PM_BASE] = do_getpid,
	[PM_KILL - PM_BASE] = do_kill,
	[PM_SIGACTION - PM_BASE] = do_sigaction,
	[PM_SIGPROCMASK - PM_BASE] = do_sigprocmask,
	[PM_SIGSUSPEND - PM_BASE] = do_sigsuspend,
	[PM_SIGPENDING - PM_BASE] = do_sigpending,
	[PM_SIGRETURN - PM_BASE] = do_sigreturn,
	[PM_ALARM - PM_BASE] = do_alarm,
	[PM_SLEEP - PM_BASE] = do_sleep,
	[PM_SETPGID - PM_BASE] = do_setpgid,
	[PM_SETSID - PM_BASE] = do_setsid,
	[PM_REBOOT - PM_BASE] = do_reboot,
	[PM_GETSYSINFO - PM_BASE] = do_getsysinfo,
	[PM_GETUID - PM_BASE] = do_getuid,
	[PM_SETUID - PM_BASE] = do_setuid,
	[PM_SETGID - PM_BASE] = do_setgid,
};

/* pm_dispatch: see pm.h. A request from a process that is not alive any
 * more (it died while its message waited) gets nothing. */
int pm_dispatch(message *m)
{
	uint32_t i = (uint32_t) (m->m_type - PM_BASE);
	if (i >= sizeof(calls) / sizeof(calls[0]) || !calls[i])
		return -ENOSYS;
	if (!mproc_find(m->m_source) && !mproc_of(m->m_source))
		return NO_REPLY;
	return calls[i](m);
}
