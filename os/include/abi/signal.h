/* Signal numbers. Signals of system processes go to their signal manager
 * (abi/priv.h), which fetches them with SYS_GETKSIG. */
#ifndef ABI_SIGNAL_H
#define ABI_SIGNAL_H

#include <abi/types.h>

#define SIGHUP    1
#define SIGINT    2
#define SIGQUIT   3
#define SIGILL    4     /* invalid opcode */
#define SIGTRAP   5     /* breakpoint, debug */
#define SIGABRT   6     /* panic() in a process */
#define SIGBUS    7     /* stack-segment or alignment fault */
#define SIGFPE    8     /* divide error */
#define SIGKILL   9
#define SIGUSR1  10
#define SIGSEGV  11     /* page fault, general protection */
#define SIGUSR2  12
#define SIGPIPE  13
#define SIGALRM  14
#define SIGTERM  15
#define SIGCHLD  17
#define SIGCONT  18
#define SIGSTOP  19
#define SIGKEXIT 30     /* kernel: the process called exit (status kept) */
#define SIGKSTOP 31     /* kernel: stop the process (for its manager) */
#define NSIG     32

typedef uint32_t sigset_k;    /* bit N set: signal N pending */

/* ---- user processes: POSIX signals, managed by PM ---- */
#define SIGTSTP  20
#define SIGWINCH 28

#define SIG_DFL ((vir_bytes) 0)   /* sigaction handler: the default action */
#define SIG_IGN ((vir_bytes) 1)   /* sigaction handler: ignore */

#define SA_RESTART   0x10000000   /* accepted; calls are not restarted */
#define SA_RESETHAND 0x80000000   /* back to SIG_DFL once caught */
#define SA_NODEFER   0x40000000   /* do not block the signal in its handler */

#define SIG_BLOCK   0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

/* What PM_SIGACTION reads and writes in the caller's memory. */
struct k_sigaction {
	vir_bytes handler;           /* SIG_DFL, SIG_IGN or a function */
	sigset_k mask;               /* blocked while the handler runs */
	uint32_t flags;              /* SA_* */
};

/* The saved state a caught signal pushes on the user stack (SYS_SIGSEND)
 * and SYS_SIGRETURN restores. The kernel checks every restored field that
 * could raise privilege (segments, eflags). */
struct sigcontext {
	uint32_t gs, fs, es, ds;
	uint32_t edi, esi, ebp, ebx, edx, ecx, eax;
	uint32_t eip, cs, eflags, esp, ss;
	sigset_k mask;               /* the signal mask to restore */
	uint32_t magic;              /* SIGCONTEXT_MAGIC */
};
#define SIGCONTEXT_MAGIC 0x5349474eu

/* The frame a handler starts with, at its %esp: it returns to the
 * trampoline (libc's __sigreturn) with sig and ctx as arguments. */
struct sigframe {
	vir_bytes retaddr;           /* the trampoline */
	int32_t sig;
	vir_bytes ctx;               /* address of .sc below */
	struct sigcontext sc;
};

#endif
