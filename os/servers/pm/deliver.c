/* Signal delivery to user processes: the action decides (ignore, end the
 * process, or run its handler), blocked signals wait, and a handler is run
 * by having the kernel build a signal frame on the process's stack. */
#include <string.h>
#include "pm.h"

#define SIGBIT(sig) ((sigset_k) 1 << (sig))

/* sig_default_ignored: see pm.h. SIGSTOP and SIGTSTP stop nothing yet:
 * they are ignored. */
int sig_default_ignored(int sig)
{
	return sig == SIGCHLD || sig == SIGCONT || sig == SIGWINCH ||
	    sig == SIGSTOP || sig == SIGTSTP;
}

/* sig_caught: see pm.h. */
int sig_caught(const struct mproc *mp, int sig)
{
	vir_bytes h = mp->act[sig].handler;
	return h != SIG_DFL && h != SIG_IGN;
}

/* sig_valid_mask: see pm.h. */
sigset_k sig_valid_mask(sigset_k set)
{
	return set & ~(SIGBIT(0) | SIGBIT(SIGKILL) | SIGBIT(SIGSTOP) |
	    SIGBIT(SIGKEXIT) | SIGBIT(SIGKSTOP));
}

/* ignored: whether SIG is discarded for MP (explicitly or by default). */
static int ignored(const struct mproc *mp, int sig)
{
	vir_bytes h = mp->act[sig].handler;
	return h == SIG_IGN || (h == SIG_DFL && sig_default_ignored(sig));
}

/* sig_raise: see pm.h. */
void sig_raise(struct mproc *mp, int sig)
{
	if (!mproc_is_user(mp))
		return;
	if (sig == SIGKILL) {
		pm_exit_proc(mp, W_EXITCODE(0, SIGKILL));
		return;
	}
	if (ignored(mp, sig))
		return;
	mp->pending |= SIGBIT(sig);
	sig_deliver(mp);
}

/* interrupt_wait: MP waits in PM (waitpid, sleep, sigsuspend): that call
 * fails with -EINTR now (sleep: with the ticks left). Returns the mask the
 * handler's return is to restore: for sigsuspend the one from before it. */
static sigset_k interrupt_wait(struct mproc *mp)
{
	message reply;
	memset(&reply, 0, sizeof(reply));
	sigset_k restore = mp->mask;
	if (mp->flags & MP_SLEEPING) {
		int32_t left = (int32_t) (mp->sleep_at - timers_now());
		reply.u.pm_timer.left = left > 0 ? (uint32_t) left : 0;
	}
	if (mp->flags & MP_SIGSUSPEND)
		restore = mp->suspend_mask;
	mp->flags &= ~MP_PARKED;
	pm_reply(mp->ep, -EINTR, &reply);
	return restore;
}

/* run_handler: make MP run its handler for SIG: interrupt what MP waits for
 * (in PM, or a call VFS has suspended), then have the kernel push the
 * signal frame. Returns 0, or the kernel's error (-EBUSY: MP waits for a
 * server's reply; try again later). */
static int run_handler(struct mproc *mp, int sig)
{
	struct k_sigaction *act = &mp->act[sig];
	sigset_k restore = mp->mask;
	int parked = (mp->flags & MP_PARKED) != 0;
	if (parked)
		restore = interrupt_wait(mp);
	else
		pm_vfs(VFS_PM_UNPAUSE, mp->ep, NONE, mp->pid);

	int r = sys_sigsend(mp->ep, sig, act->handler, mp->trampoline, restore);
	if (r != 0) {
		mp->mask = restore;   /* out of sigsuspend in any case */
		return r;
	}
	mp->pending &= ~SIGBIT(sig);
	sigset_k mask = mp->mask | act->mask;
	if (!(act->flags & SA_NODEFER))
		mask |= SIGBIT(sig);
	mp->mask = sig_valid_mask(mask);
	if (act->flags & SA_RESETHAND) {
		act->handler = SIG_DFL;
		act->flags &= ~SA_RESETHAND;
	}
	return 0;
}

/* lowest: the lowest-numbered signal in SET (not empty). */
static int lowest(sigset_k set)
{
	return __builtin_ctz(set);
}

/* sig_deliver: see pm.h. Nothing happens for the process whose request PM
 * is handling (it waits for PM's reply: main.c delivers after replying),
 * nor for one whose delivery waits for the next tick. */
void sig_deliver(struct mproc *mp)
{
	if (!mproc_is_user(mp) || mp->ep == pm_current)
		return;
	while (!(mp->flags & MP_SIGRETRY)) {
		sigset_k ready = mp->pending & ~mp->mask;
		if (!ready)
			break;
		int sig = lowest(ready);
		if (ignored(mp, sig)) {
			mp->pending &= ~SIGBIT(sig);
			continue;
		}
		if (!sig_caught(mp, sig)) {
			pm_exit_proc(mp, W_EXITCODE(0, sig));
			return;
		}
		int r = run_handler(mp, sig);
		if (r == -EBUSY) {
			mp->flags |= MP_SIGRETRY;
			timers_update();
		} else if (r != 0) {
			/* No room for the frame on its stack (or no kernel
			 * support): the process cannot go on. */
			pm_exit_proc(mp, W_EXITCODE(0, r == -EFAULT ? SIGSEGV : sig));
			return;
		}
	}
	if ((mp->flags & MP_KSTOPPED) && !(mp->flags & MP_SIGRETRY)) {
		mp->flags &= ~MP_KSTOPPED;
		sys_endksig(mp->ep);
	}
}
