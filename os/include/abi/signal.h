/* Signal numbers. Signals of system processes go to their signal manager
 * (abi/priv.h), which fetches them with SYS_GETKSIG. */
#ifndef ABI_SIGNAL_H
#define ABI_SIGNAL_H

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

#endif
