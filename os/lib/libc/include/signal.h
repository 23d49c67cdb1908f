/* Signals: numbers and flags from abi/signal.h; handlers run on the
 * process's stack and return through libc's trampoline (__sigreturn).
 * PM delivers them (abi/pm.h). */
#ifndef _SIGNAL_H
#define _SIGNAL_H

#include <sys/types.h>
#include <abi/signal.h>

typedef void (*sighandler_t)(int);
typedef sigset_k sigset_t;
typedef volatile int sig_atomic_t;

/* abi/signal.h gives SIG_DFL and SIG_IGN as addresses (vir_bytes), which is
 * what travels in a message; here they are handlers, with the same values. */
#undef SIG_DFL
#undef SIG_IGN
#define SIG_DFL ((sighandler_t) 0)
#define SIG_IGN ((sighandler_t) 1)
#define SIG_ERR ((sighandler_t) -1)

/* What sigaction sets: sa_flags is unsigned (SA_RESETHAND is bit 31). */
struct sigaction {
	sighandler_t sa_handler;     /* SIG_DFL, SIG_IGN or a function */
	sigset_t sa_mask;            /* also blocked while it runs */
	uint32_t sa_flags;           /* SA_RESETHAND, SA_NODEFER, SA_RESTART */
};

sighandler_t signal(int sig, sighandler_t handler);
int sigaction(int sig, const struct sigaction *act, struct sigaction *oact);
int sigprocmask(int how, const sigset_t *set, sigset_t *oset);
int sigsuspend(const sigset_t *mask);
int sigpending(sigset_t *set);
int sigemptyset(sigset_t *set);
int sigfillset(sigset_t *set);
int sigaddset(sigset_t *set, int sig);
int sigdelset(sigset_t *set, int sig);
int sigismember(const sigset_t *set, int sig);
int kill(pid_t pid, int sig);
int raise(int sig);

/* __sigreturn: the trampoline every handler returns to (assembly, in
 * signal/sigreturn.c); not to be called. */
void __sigreturn(void);

#endif
