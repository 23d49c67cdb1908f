/* Installing signal handlers: sigaction, signal (PM_SIGACTION). */
#include <signal.h>
#include <stddef.h>
#include "../internal.h"

/* struct sigaction is the kernel's struct k_sigaction, field for field,
 * so PM reads *ACT and writes *OACT itself (a bad pointer is EFAULT). */
_Static_assert(sizeof(struct sigaction) == sizeof(struct k_sigaction) &&
    offsetof(struct sigaction, sa_handler) ==
    offsetof(struct k_sigaction, handler) &&
    offsetof(struct sigaction, sa_mask) == offsetof(struct k_sigaction, mask) &&
    offsetof(struct sigaction, sa_flags) ==
    offsetof(struct k_sigaction, flags),
    "struct sigaction must match struct k_sigaction");

/* sigaction: set what signal SIG does from *ACT (if not NULL) and return
 * what it did in *OACT (if not NULL). Handlers return through
 * __sigreturn. Returns 0, or -1 with errno EINVAL (a bad signal, or
 * SIGKILL/SIGSTOP given a handler) or EFAULT (a bad ACT or OACT, read and
 * written by PM). */
int sigaction(int sig, const struct sigaction *act, struct sigaction *oact)
{
	message m = { 0 };
	m.u.pm_sigaction.sig = sig;
	m.u.pm_sigaction.trampoline = (vir_bytes) __sigreturn;
	m.u.pm_sigaction.act = (vir_bytes) act;
	m.u.pm_sigaction.oact = (vir_bytes) oact;
	return (int) __libc_ret(__libc_call(PM_EP, PM_SIGACTION, &m));
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
