/* Signals: how the kernel tells a process's signal manager that something
 * happened to it (an exception, an exit, a kill). Without a manager the
 * kernel applies the default action itself. */
#include "kernel.h"
#include <abi/errno.h>
#include <abi/rs.h>

/* signal_manager: P's signal manager if it names a live process other than
 * P, else NULL. */
struct proc *signal_manager(const struct proc *p)
{
	struct proc *m = proc_from_endpoint(p->priv.sig_mgr);
	return m == p ? NULL : m;
}

/* signal_raise: signal SIG happened to P. With a live manager: P is
 * stopped (RTS_SIGNALED) with SIG pending and the manager gets a
 * notification from SYSTEM; it collects SIG with SYS_GETKSIG. Without
 * one: SIGCHLD and SIGCONT are ignored, RS itself is restarted in place
 * (rsrecover.c), anything else ends any other process. */
void signal_raise(struct proc *p, int sig)
{
	struct proc *mgr = signal_manager(p);
	if (mgr) {
		p->sig_pending |= 1u << sig;
		if (!(p->rts & RTS_EXITED))
			proc_block(p, RTS_SIGNALED);
		notify_deliver(mgr, SYSTEM);
		return;
	}
	if (sig == SIGCHLD || sig == SIGCONT)
		return;
	if (sig != SIGKEXIT && rs_recover(p, RS_WHY_CRASH) == 0)
		return;                   /* RS itself: restarted in place */
	if (sig == SIGKEXIT) {
		proc_free(p);
		return;
	}
	kprintf("kernel: %s (endpoint %d) ended by signal %d\n", p->name,
	    p->endpoint, sig);
	proc_exit(p, 128 + sig);
}

/* signal_of_exception: the signal a CPU exception VECTOR raises. */
int signal_of_exception(uint32_t vector)
{
	switch (vector) {
	case 0: case 16: case 19: return SIGFPE;     /* divide, x87, SIMD */
	case 1: case 3: return SIGTRAP;
	case 6: case 7: return SIGILL;               /* invalid opcode, no FPU */
	case 12: case 17: return SIGBUS;             /* stack segment, alignment */
	default: return SIGSEGV;                     /* #PF, #GP, #TS, ... */
	}
}
