/* The signal mask and waiting for signals: sigprocmask, sigsuspend,
 * sigpending, pause (PM_SIGPROCMASK, PM_SIGSUSPEND, PM_SIGPENDING). */
#include <signal.h>
#include <unistd.h>
#include "../internal.h"

/* sigprocmask: change the blocked signals: HOW SIG_BLOCK adds *SET,
 * SIG_UNBLOCK removes it, SIG_SETMASK replaces the mask with it; SET NULL
 * changes nothing. *OSET (if not NULL) gets the mask before. SIGKILL and
 * SIGSTOP cannot be blocked. Returns 0, or -1 with errno EINVAL. */
int sigprocmask(int how, const sigset_t *set, sigset_t *oset)
{
	message m = { 0 };
	m.u.pm_sigmask.how = set ? how : SIG_BLOCK;
	m.u.pm_sigmask.set = set ? *set : 0;
	long r = __libc_call(PM_EP, PM_SIGPROCMASK, &m);
	if (r < 0)
		return (int) __libc_ret(r);
	if (oset)
		*oset = m.u.pm_sigmask.old;
	return 0;
}

/* sigsuspend: wait for a caught signal with *MASK as the mask meanwhile;
 * the mask is restored when the handler has run. Always returns -1 with
 * errno EINTR. */
int sigsuspend(const sigset_t *mask)
{
	message m = { 0 };
	m.u.pm_sigmask.set = *mask;
	long r = __libc_call(PM_EP, PM_SIGSUSPEND, &m);
	return (int) __libc_ret(r < 0 ? r : -EINTR);
}

/* sigpending: the blocked signals waiting for delivery into *SET. Returns
 * 0, or -1 with errno. */
int sigpending(sigset_t *set)
{
	message m = { 0 };
	long r = __libc_call(PM_EP, PM_SIGPENDING, &m);
	if (r < 0)
		return (int) __libc_ret(r);
	*set = m.u.pm_sigmask.old;
	return 0;
}

/* pause: wait for a caught signal (sigsuspend with the current mask).
 * Always returns -1 with errno EINTR. */
int pause(void)
{
	sigset_t now = 0;
	if (sigprocmask(SIG_BLOCK, NULL, &now) < 0)
		return -1;
	return sigsuspend(&now);
}
