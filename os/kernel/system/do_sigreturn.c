/* SYS_SIGRETURN: resume a managed process in the context a signal handler
 * frame saved (for PM, when the process's trampoline asks it to).
 *
 * Reads:  kc_sigreturn.endpoint (a process the caller manages, waiting for
 *         the caller's reply), .ctx (the address of its struct sigcontext)
 * Writes: kc_sigreturn.mask: the mask saved in the context
 * Reply:  0, -EPERM (not managed by the caller, or the caller itself),
 *         -EINVAL (bad endpoint; the target does not wait for the caller's
 *         reply; the context lacks SIGCONTEXT_MAGIC), -EDEADSRCDST,
 *         -EFAULT (ctx is not readable memory of the target). On error the
 *         target is untouched.
 * The general registers, %eip and %esp come from the context; the segment
 * registers are forced to the user selectors and eflags to (saved & CF PF
 * AF ZF SF TF DF OF) | IF | bit 1, so nothing can raise the process's
 * privilege. The target stops waiting for the caller's reply (it gets none)
 * and resumes in the restored context. */
#include "kernel.h"
#include "x86.h"
#include <abi/errno.h>

int do_sigreturn(struct proc *caller, message *m)
{
	struct mess_kc_sigreturn *x = &m->u.kc_sigreturn;
	struct proc *p;
	int r = system_managed_other(caller, x->endpoint, &p);
	if (r != 0)
		return r;
	if ((p->rts & (RTS_RECEIVING | RTS_SENDING)) != RTS_RECEIVING ||
	    !p->reply_pending || p->getfrom != caller->endpoint)
		return -EINVAL;
	struct sigcontext sc;
	if (vm_copy_from_user(p->pgdir, &sc, x->ctx, sizeof(sc)) != 0)
		return -EFAULT;
	if (sc.magic != SIGCONTEXT_MAGIC)
		return -EINVAL;

	struct regs *g = &p->regs;
	g->edi = sc.edi;
	g->esi = sc.esi;
	g->ebp = sc.ebp;
	g->ebx = sc.ebx;
	g->edx = sc.edx;
	g->ecx = sc.ecx;
	g->eax = sc.eax;
	g->eip = sc.eip;
	g->esp = sc.esp;
	g->cs = SEL_UCODE;
	g->ds = g->es = g->fs = g->gs = g->ss = SEL_UDATA;
	g->eflags = (sc.eflags & EFLAGS_USER) | EFLAGS_IF | EFLAGS_RSVD;
	ipc_cancel(p);
	x->mask = sc.mask;
	return 0;
}
