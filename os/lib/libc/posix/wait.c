/* Waiting for children: wait, waitpid (PM_WAITPID). */
#include <sys/wait.h>
#include "../internal.h"

/* waitpid: wait for a child to end: PID > 0 that child, -1 any, 0 one in
 * the caller's group, < -1 one in group -PID. OPTIONS WNOHANG: do not
 * wait (returns 0 when none has ended). *STATUS (if not NULL) gets the
 * wait status (WIFEXITED, WEXITSTATUS, WIFSIGNALED, WTERMSIG), written by
 * PM itself. Returns the child's pid, or -1 with errno (ECHILD, EINTR,
 * EFAULT: a bad STATUS, the child stays to be waited for). */
pid_t waitpid(pid_t pid, int *status, int options)
{
	message m = { 0 };
	m.u.pm_waitpid.pid = pid;
	m.u.pm_waitpid.options = options;
	m.u.pm_waitpid.status_addr = (vir_bytes) status;
	return (pid_t) __libc_ret(__libc_call(PM_EP, PM_WAITPID, &m));
}

/* wait: waitpid(-1, STATUS, 0). */
pid_t wait(int *status)
{
	return waitpid(-1, status, 0);
}
