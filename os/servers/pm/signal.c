/* The signal requests: PM_KILL, PM_SIGACTION, PM_SIGPROCMASK,
 * PM_SIGSUSPEND, PM_SIGPENDING, PM_SIGRETURN. Signals of user processes
 * only: PM is not the signal manager of system processes. */
#include <stdint.h>
#include "pm.h"

#define SIGBIT(sig) ((sigset_k) 1 << (sig))

/* valid_signal: whether SIG may be named by a user (0 only for kill). */
static int valid_signal(int sig)
{
	return sig > 0 && sig < NSIG && sig != SIGKEXIT && sig != SIGKSTOP;
}

/* kill_one: send SIG (0: only check) to T on behalf of SENDER (NULL: PM
 * itself). System processes cannot be signalled through PM, init only
 * with signals it catches, and a process of another user only by root
 * (cred_may_signal). Returns 0 or -EPERM. */
static int kill_one(const struct mproc *sender, struct mproc *t, int sig)
{
	if (!mproc_is_user(t) || !cred_may_signal(sender, t))
		return -EPERM;
	if (t->pid == INIT_PID && sig != 0 && !sig_caught(t, sig))
		return -EPERM;
	if (sig != 0)
		sig_raise(t, sig);
	return 0;
}

/* sig_kill_group: see pm.h. */
int sig_kill_group(struct mproc *sender, int pgid, int sig)
{
	int found = 0, sent = 0;
	for (int i = 0; i < PM_NR_PROCS; i++) {
		if (!mproc[i].flags || mproc[i].pgid != pgid)
			continue;
		found++;
		sent += kill_one(sender, &mproc[i], sig) == 0;
	}
	return !found ? -ESRCH : sent ? 0 : -EPERM;
}

/* do_kill: PM_KILL from any process.
 * Reads:  pm_kill.pid (> 0 a process, 0 the caller's group, -1 every user
 *         process but init and the caller, < -1 group -pid), .sig (0 checks)
 * Writes: nothing
 * Reply:  0; -EINVAL for a bad signal; -ESRCH when nothing matches; -EPERM
 *         when only processes the caller may not signal match: system
 *         processes, init (for a signal it does not catch), and for a
 *         caller that is not root, processes whose real and saved uid are
 *         neither its real nor its effective uid (POSIX). A zombie can be
 *         "signalled" (nothing happens). Group and -1 kills signal the
 *         processes allowed and skip the others. */
int do_kill(message *m)
{
	struct mproc *mp = mproc_find(m->m_source);
	int pid = m->u.pm_kill.pid, sig = m->u.pm_kill.sig;
	if (sig != 0 && !valid_signal(sig))
		return -EINVAL;
	if (pid > 0) {
		struct mproc *t = mproc_by_pid(pid);
		if (t)
			return kill_one(mp, t, sig);
		for (int i = 0; i < PM_NR_ZOMBIES; i++)
			if (zombies[i].pid == pid)
				return 0;
		return -ESRCH;
	}
	if (pid == -1) {
		int found = 0, sent = 0;
		for (int i = 0; i < PM_NR_PROCS; i++) {
			struct mproc *t = &mproc[i];
			if (!mproc_is_user(t) || t->pid == INIT_PID || t == mp)
				continue;
			found++;
			sent += kill_one(mp, t, sig) == 0;
		}
		return !found ? -ESRCH : sent ? 0 : -EPERM;
	}
	if (pid == INT32_MIN)
		return -ESRCH;
	return sig_kill_group(mp, pid == 0 ? mp->pgid : -pid, sig);
}

/* do_sigaction: PM_SIGACTION from a user process.
 * Reads:  pm_sigaction.sig, .act (a struct k_sigaction in the caller, or
 *         0), .oact (where the old action goes, or 0), .trampoline
 * Writes: the old action at .oact
 * Reply:  0; -EINVAL for a bad signal or an action for SIGKILL/SIGSTOP;
 *         -EFAULT; -EPERM for a system process. Setting SIG_IGN (or SIG_DFL
 *         where the default is to ignore) discards the pending signal. */
int do_sigaction(message *m)
{
	struct mess_pm_sigaction *x = &m->u.pm_sigaction;
	struct mproc *mp = mproc_find(m->m_source);
	if (!mproc_is_user(mp))
		return -EPERM;
	int sig = x->sig;
	if (!valid_signal(sig))
		return -EINVAL;
	struct k_sigaction act;
	if (x->act) {
		if (sys_vircopy(mp->ep, x->act, SELF, (vir_bytes) &act,
		    sizeof(act)) != 0)
			return -EFAULT;
		if (sig == SIGKILL || sig == SIGSTOP)
			return -EINVAL;
	}
	if (x->oact && sys_vircopy(SELF, (vir_bytes) &mp->act[sig], mp->ep,
	    x->oact, sizeof(act)) != 0)
		return -EFAULT;
	if (!x->act)
		return 0;
	act.mask = sig_valid_mask(act.mask);
	mp->act[sig] = act;
	if (sig_caught(mp, sig) && x->trampoline)
		mp->trampoline = x->trampoline;
	if (act.handler == SIG_IGN ||
	    (act.handler == SIG_DFL && sig_default_ignored(sig)))
		mp->pending &= ~SIGBIT(sig);
	return 0;
}

/* get_set: the set X names: .set, or the caller's sigset at .set_addr
 * (read with a checked copy) into *SET. 0 or -EFAULT. */
static int get_set(const struct mproc *mp, const struct mess_pm_sigmask *x,
    sigset_k *set)
{
	*set = x->set;
	if (!x->set_addr)
		return 0;
	return sys_vircopy(mp->ep, x->set_addr, SELF, (vir_bytes) set,
	    sizeof(*set)) != 0 ? -EFAULT : 0;
}

/* put_old: OLD into X's .old and, when .old_addr is set, into the
 * caller's sigset there. 0 or -EFAULT. */
static int put_old(const struct mproc *mp, struct mess_pm_sigmask *x,
    sigset_k old)
{
	x->old = old;
	if (!x->old_addr)
		return 0;
	return sys_vircopy(SELF, (vir_bytes) &old, mp->ep, x->old_addr,
	    sizeof(old)) != 0 ? -EFAULT : 0;
}

/* do_sigprocmask: PM_SIGPROCMASK from a user process.
 * Reads:  pm_sigmask.how (SIG_BLOCK, SIG_UNBLOCK, SIG_SETMASK), .set (or
 *         the caller's set at .set_addr)
 * Writes: pm_sigmask.old (the mask before; also to the caller's
 *         .old_addr when not 0)
 * Reply:  0; -EINVAL for a bad how; -EFAULT (a bad .set_addr or
 *         .old_addr: the mask is unchanged); -EPERM for a system process.
 *         SIGKILL and SIGSTOP are never blocked. Signals it unblocks that
 *         are pending are delivered right after the reply. */
int do_sigprocmask(message *m)
{
	struct mess_pm_sigmask *x = &m->u.pm_sigmask;
	struct mproc *mp = mproc_find(m->m_source);
	if (!mproc_is_user(mp))
		return -EPERM;
	sigset_k set;
	if (get_set(mp, x, &set) != 0)
		return -EFAULT;
	sigset_k mask = mp->mask;
	switch (x->how) {
	case SIG_BLOCK: mask |= set; break;
	case SIG_UNBLOCK: mask &= ~set; break;
	case SIG_SETMASK: mask = set; break;
	default: return -EINVAL;
	}
	if (put_old(mp, x, mp->mask) != 0)
		return -EFAULT;
	mp->mask = sig_valid_mask(mask);
	return 0;
}

/* do_sigsuspend: PM_SIGSUSPEND from a user process.
 * Reads:  pm_sigmask.set (the mask while waiting; or the caller's set at
 *         .set_addr)
 * Writes: nothing
 * Reply:  -EINTR once a caught signal has been delivered (its handler
 *         runs first and returns to the old mask); -EFAULT (a bad
 *         .set_addr: no wait); -EPERM for a system process. Until then no
 *         reply. */
int do_sigsuspend(message *m)
{
	struct mproc *mp = mproc_find(m->m_source);
	if (!mproc_is_user(mp))
		return -EPERM;
	sigset_k set;
	if (get_set(mp, &m->u.pm_sigmask, &set) != 0)
		return -EFAULT;
	mp->suspend_mask = mp->mask;
	mp->mask = sig_valid_mask(set);
	mp->flags |= MP_SIGSUSPEND;
	return NO_REPLY;
}

/* do_sigpending: PM_SIGPENDING from a user process.
 * Reads:  pm_sigmask.old_addr (0, or the caller's set to fill)
 * Writes: pm_sigmask.old (the blocked signals that are pending)
 * Reply:  0, -EFAULT (a bad .old_addr), or -EPERM for a system process. */
int do_sigpending(message *m)
{
	struct mproc *mp = mproc_find(m->m_source);
	if (!mproc_is_user(mp))
		return -EPERM;
	return put_old(mp, &m->u.pm_sigmask, mp->pending & mp->mask);
}

/* do_sigreturn: PM_SIGRETURN from a user process (its trampoline, when a
 * handler returns).
 * Reads:  pm_sigreturn.ctx (the struct sigcontext of the frame)
 * Writes: nothing
 * Reply:  none on success (the process resumes where the signal found it,
 *         with the mask saved in the frame); -EFAULT or -EINVAL for a bad
 *         context; -EPERM for a system process. Pending signals the
 *         restored mask unblocks are delivered next. */
int do_sigreturn(message *m)
{
	struct mproc *mp = mproc_find(m->m_source);
	if (!mproc_is_user(mp))
		return -EPERM;
	sigset_k mask;
	int r = sys_sigreturn(mp->ep, m->u.pm_sigreturn.ctx, &mask);
	if (r != 0)
		return r;
	mp->mask = sig_valid_mask(mask);
	return NO_REPLY;
}
