/* Signals that do not come from a PM request: those the kernel raises
 * (CPU exceptions, SYS_EXIT, SYS_KILL) for processes PM manages, and the
 * keyboard signals of the terminal. */
#include <stdio.h>
#include <string.h>
#include "pm.h"

#define SIGBIT(sig) ((sigset_k) 1 << (sig))
#define EXCEPTION_SIGS (SIGBIT(SIGSEGV) | SIGBIT(SIGILL) | SIGBIT(SIGFPE) | \
	SIGBIT(SIGBUS) | SIGBIT(SIGTRAP))
#define KSIG_ROUNDS 256    /* bound on one notification's work */
#define TTY_ROUNDS 32

/* ksig_user: the kernel stopped user process MP with SIGS. An exception
 * signal the process catches and does not block runs its handler; any
 * other exception ends it. Other signals go through sig_raise. The process
 * resumes (SYS_ENDKSIG) once its signals are handled (sig_deliver). */
static void ksig_user(struct mproc *mp, sigset_k sigs)
{
	mp->flags |= MP_KSTOPPED;
	for (int sig = 1; sig < NSIG; sig++) {
		if (!(sigs & SIGBIT(sig)) || sig == SIGKSTOP)
			continue;
		if (SIGBIT(sig) & EXCEPTION_SIGS) {
			if (!sig_caught(mp, sig) || (mp->mask & SIGBIT(sig))) {
				pm_exit_proc(mp, W_EXITCODE(0, sig));
				return;
			}
			mp->pending |= SIGBIT(sig);
		} else {
			sig_raise(mp, sig);
		}
		if (!mproc_is_user(mp))
			return;       /* it ended */
	}
	sig_deliver(mp);
}

/* ksig_one: handle signals SIGS (exit status STATUS) of process EP. */
static void ksig_one(endpoint_t ep, sigset_k sigs, int status)
{
	struct mproc *mp = mproc_find(ep);
	if (!mp) {
		printf("pm: signals 0x%x for unknown process %d: removed\n",
		    sigs, ep);
		sys_clear(ep);
		return;
	}
	if (sigs & SIGBIT(SIGKEXIT)) {
		pm_exit_proc(mp, W_EXITCODE(status & 0xff, 0));
		return;
	}
	if (!mproc_is_user(mp)) {
		/* A system process that made PM its manager: the default. */
		int sig = __builtin_ctz(sigs);
		printf("pm: system process pid %d ended by signal %d\n",
		    mp->pid, sig);
		pm_exit_proc(mp, W_EXITCODE(0, sig));
		return;
	}
	ksig_user(mp, sigs);
}

/* ksig_notify: see pm.h. */
void ksig_notify(void)
{
	for (int i = 0; i < KSIG_ROUNDS; i++) {
		endpoint_t ep;
		sigset_k sigs;
		int status;
		if (sys_getksig(&ep, &sigs, &status) != 0 || ep == NONE)
			return;
		if (sigs)
			ksig_one(ep, sigs, status);
	}
}

/* tty_notify: see pm.h. The terminal answers TTY_PM_GETSIG with 1 and a
 * (group, signal) pair while it has some. */
void tty_notify(void)
{
	for (int i = 0; i < TTY_ROUNDS; i++) {
		message m;
		memset(&m, 0, sizeof(m));
		m.m_type = TTY_PM_GETSIG;
		if (ipc_sendrec(TTY_EP, &m) != 0 || m.m_type != 1)
			return;
		int sig = m.u.tty_sig.sig, pgid = m.u.tty_sig.pgid;
		if (pgid > 0 && sig > 0 && sig < NSIG && sig != SIGKEXIT &&
		    sig != SIGKSTOP)
			sig_kill_group(NULL, pgid, sig);
	}
}
