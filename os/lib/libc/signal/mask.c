/* The signal mask and waiting for signals: sigprocmask, sigsuspend,
 * sigpending, pause (PM_SIGPROCMASK, PM_SIGSUSPEND, PM_SIGPENDING). */
#include <signal.h>
#include <unistd.h>
#include "../internal.h"

/* sigprocmask: change the blocked signals: HOW SIG_BLOCK adds *SET,
 * SIG_UNBLOCK removes it, SIG_SETMASK replaces the mask with it; SET NULL
 * changes nothing. *OSET (if not NULL) gets the mask before. SIGKILL and
 * SIGSTOP cannot be blocked. PM reads SET and writes OSET itself, so a
 * bad pointer is EFAULT (nothing changes). Returns 0, or -1 with errno
 * EINVAL, EFAULT. */
int sigprocmask(int how, const sigset_t *set, sigset_t *oset)
{
	message m = { 0 };
	m.u.pm_sigmask.how = set ? how : SIG_BLOCK;
	m.u.pm_sigmask.set_addr = (vir_bytes) set;
	m.u.pm_sigmask.old_addr = (vir_bytes) oset;
	return (int) __libc_ret(__libc_call(PM_EP, PM_SIGPROCMASK, &m));
}

/* sigsuspend: wait for a caught signal with *MASK as the mask meanwhile;
 * the mask is restored when the handler has run. Always returns -1 with
 * errno EINTR (EFAULT for a bad MASK, read by PM: no wait). */
int sigsuspend(const sigset_t *mask)
{
	message m = { 0 };
	if (!mask)
		return (int) __libc_ret(-EFAULT);
	m.u.pm_sigmask.set_addr = (vir_bytes) mask;
	long r = __libc_call(PM_EP, PM_SIGSUSPEND, &m);
	return (int) __libc_ret(r < 0 ? r : -EINTR);
}

/* sigpending: the blocked signals waiting for delivery into *SET (written
 * by PM: a bad pointer is EFAULT). Returns 0, or -1 with errno. */
int sigpending(sigset_t *set)
{
	message m = { 0 };
	if (!set)
		return (int) __libc_ret(-EFAULT);
	m.u.pm_sigmask.old_addr = (vir_bytes) set;
	return (int) __libc_ret(__libc_call(PM_EP, PM_SIGPENDING, &m));
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
