/* SYS_SIGSEND: make a managed process run a signal handler (for PM).
 *
 * Reads:  kc_sigsend.endpoint (a process the caller manages, not itself),
 *         .sig (1..NSIG-1), .handler, .trampoline (addresses in the
 *         target), .mask (saved in the frame for SYS_SIGRETURN)
 * Writes: nothing
 * Reply:  0, -EPERM (not managed by the caller, or the caller itself),
 *         -EINVAL (bad endpoint or signal), -EDEADSRCDST, -EBUSY (the
 *         target waits for a reply: the reply half of a sendrec),
 *         -EFAULT (its stack cannot take the frame). On error the target
 *         is untouched.
 * An IPC the target is blocked in and that has not happened yet (a send
 * whose message was not taken, or a plain receive) is cancelled and its
 * saved %eip moved back over the 2-byte `int $0x80`, so the call is made
 * again when the handler returns (%eax, %ebx, %ecx still hold its
 * arguments). Then a struct sigframe (abi/signal.h) goes below the saved
 * user %esp, placed so that &frame->sig is 16-byte aligned: retaddr =
 * trampoline, sig, ctx = &frame->sc, sc = the saved registers (after the
 * rewind), mask and SIGCONTEXT_MAGIC. The target resumes at handler with
 * %esp = frame (and the direction flag clear). Its other RTS flags are
 * kept: a SIGNALED target runs once its manager calls SYS_ENDKSIG. */
#include "kernel.h"
#include "x86.h"
#include <abi/errno.h>

#define INT_INSN_LEN 2           /* int $0x80 */

int do_sigsend(struct proc *caller, message *m)
{
	struct mess_kc_sigsend *x = &m->u.kc_sigsend;
	struct proc *p;
	int r = system_managed_other(caller, x->endpoint, &p);
	if (r != 0)
		return r;
	if (x->sig <= 0 || x->sig >= NSIG)
		return -EINVAL;

	int cancel = 0;
	if (p->rts & RTS_SENDING)
		cancel = 1;                    /* nothing happened yet */
	else if (p->rts & RTS_RECEIVING) {
		if (p->reply_pending)
			return -EBUSY;
		cancel = 1;
	}

	const struct regs *g = &p->regs;
	struct sigframe f;
	memset(&f, 0, sizeof(f));
	f.retaddr = x->trampoline;
	f.sig = x->sig;
	f.sc.gs = g->gs;
	f.sc.fs = g->fs;
	f.sc.es = g->es;
	f.sc.ds = g->ds;
	f.sc.edi = g->edi;
	f.sc.esi = g->esi;
	f.sc.ebp = g->ebp;
	f.sc.ebx = g->ebx;
	f.sc.edx = g->edx;
	f.sc.ecx = g->ecx;
	f.sc.eax = g->eax;
	f.sc.eip = g->eip - (cancel ? INT_INSN_LEN : 0);
	f.sc.cs = g->cs;
	f.sc.eflags = g->eflags;
	f.sc.esp = g->esp;
	f.sc.ss = g->ss;
	f.sc.mask = x->mask;
	f.sc.magic = SIGCONTEXT_MAGIC;

	/* &frame->sig (frame + 4) on a 16-byte boundary, all below %esp. */
	vir_bytes frame = ((g->esp - sizeof(f) + 4) & ~15u) - 4;
	f.ctx = frame + __builtin_offsetof(struct sigframe, sc);
	if (g->esp < sizeof(f) + 16 ||
	    !vm_user_ok(p->pgdir, frame, sizeof(f), 1))
		return -EFAULT;

	if (cancel)
		ipc_cancel(p);
	vm_copy_to_user(p->pgdir, frame, &f, sizeof(f));
	p->regs.eip = x->handler;
	p->regs.esp = frame;
	p->regs.eflags &= ~(uint32_t) EFLAGS_DF;
	return 0;
}
