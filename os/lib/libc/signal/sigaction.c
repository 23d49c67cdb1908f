/* Installing signal handlers: sigaction, signal (PM_SIGACTION). */
#include <signal.h>
#include "../internal.h"

/* sigaction: set what signal SIG does from *ACT (if not NULL) and return
 * what it did in *OACT (if not NULL). Handlers return through
 * __sigreturn. Returns 0, or -1 with errno EINVAL (a bad signal, or
 * SIGKILL/SIGSTOP given a handler). */
int sigaction(int sig, const struct sigaction *act, struct sigaction *oact)
{
	struct k_sigaction kact, koact;
	message m = { 0 };
	m.u.pm_sigaction.sig = sig;
	m.u.pm_sigaction.trampoline = (vir_bytes) __sigreturn;
	if (act) {
		kact.handler = (vir_bytes) act->sa_handler;
		kact.mask = act->sa_mask;
		kact.flags = act->sa_flags;
		m.u.pm_sigaction.act = (vir_bytes) &kact;
	}
	if (oact)
		m.u.pm_sigaction.oact = (vir_bytes) &koact;
	long r = __libc_call(PM_EP, PM_SIGACTION, &m);
	if (r < 0)
		return (int) __libc_ret(r);
	if (oact) {
		oact->sa_handler = (sighandler_t) koact.handler;
		oact->sa_mask = koact.mask;
		oact->sa_flags = koact.flags;
	}
	return 0;
}

/* signal: make HANDLER (a function, SIG_DFL or SIG_IGN) what SIG does; it
 * stays installed after it runs, and SIG is blocked while it runs. Returns
 * the previous handler, or SIG_ERR with errno EINVAL. */
sighandler_t signal(int sig, sighandler_t handler)
{
	struct sigaction act = { .sa_handler = handler }, old = { 0 };
	if (sigaction(sig, &act, &old) < 0)
		return SIG_ERR;
	return old.sa_handler;
}
