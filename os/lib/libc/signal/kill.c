/* Sending signals: kill (PM_KILL), raise. */
#include <signal.h>
#include <unistd.h>
#include "../internal.h"

/* kill: send SIG to PID: > 0 that process, 0 the caller's group, -1 every
 * process it may signal, < -1 group -PID; SIG 0 only checks that the
 * target exists. Returns 0, or -1 with errno (ESRCH, EPERM, EINVAL). */
int kill(pid_t pid, int sig)
{
	message m = { 0 };
	m.u.pm_kill.pid = pid;
	m.u.pm_kill.sig = sig;
	return (int) __libc_ret(__libc_call(PM_EP, PM_KILL, &m));
}

/* raise: send SIG to the caller itself. Returns 0, or -1 with errno. */
int raise(int sig)
{
	pid_t self = getpid();
	if (self < 0)
		return -1;
	return kill(self, sig);
}
