/* The one C entry point for every trap: exceptions, IRQs, IPC and kernel
 * calls. */
#include "kernel.h"
#include "x86.h"
#include <abi/errno.h>
#include <abi/kcalls.h>

#define IRQ_BASE 32
#define NMI_VECTOR 2
#define NR_IRQS  16

/* trap_dump: print the registers of a trap frame. */
void trap_dump(const struct regs *tf)
{
	int user = (tf->cs & 3) == 3;
	kprintf("  eax=%08x ebx=%08x ecx=%08x edx=%08x\n",
	    tf->eax, tf->ebx, tf->ecx, tf->edx);
	kprintf("  esi=%08x edi=%08x ebp=%08x esp=%08x\n",
	    tf->esi, tf->edi, tf->ebp,
	    user ? tf->esp : (uint32_t) &tf->esp);
	kprintf("  cs=%04x ds=%04x ss=%04x eflags=%08x\n",
	    tf->cs, tf->ds, user ? tf->ss : SEL_KDATA, tf->eflags);
}

/* Handle IRQ line IRQ. Spurious IRQs 7 and 15 are not acknowledged. */
static void irq_handle(int irq, int from_user)
{
	if (irq == 0) {
		pic_eoi(irq);
		clock_tick(from_user);
		return;
	}
	if ((irq == 7 || irq == 15) && !pic_in_service(irq))
		return;
	irq_dispatch(irq);
}

/* kernel_call: run the kernel call whose message is at ADDR in CALLER's
 * space. The reply code goes into the message's m_type (copied back) and
 * is returned for %eax; IPC_BLOCKED when there is no reply to give (the
 * caller exited or now runs a new program). */
int kernel_call(struct proc *caller, vir_bytes addr)
{
	message m;
	if (vm_msg_in(caller->pgdir, addr, &m, sizeof(m)) != 0)
		return -EFAULT;
	m.m_source = caller->endpoint;
	int call = m.m_type;
	int r = system_call(caller, &m);
	if (r == EDONTREPLY)
		return IPC_BLOCKED;
	m.m_type = r;
	if (vm_msg_out(caller->pgdir, addr, &m, system_reply_len(call)) != 0)
		return -EFAULT;
	return r;
}

/* trap_dispatch: called by trap_common with the saved registers. Returns the
 * process to enter next, or NULL to resume interrupted kernel code (the
 * idle loop). A trap from ring 3 has already saved the registers in the
 * current process (TF is &proc_current->regs). */
struct proc *trap_dispatch(struct regs *tf)
{
	int from_user = (tf->cs & 3) == 3;
	struct proc *p = proc_current;
	int r = IPC_BLOCKED;

	if (tf->vector == NMI_VECTOR) {
		hangdump_nmi(from_user ? &p->regs : tf);   /* and go on */
		if (!from_user)
			return NULL;
	} else if (tf->vector < IRQ_BASE) {
		if (!from_user)
			return exception_handle(tf);   /* panics */
		exception_handle(&p->regs);
	} else if (tf->vector < IRQ_BASE + NR_IRQS) {
		irq_handle(tf->vector - IRQ_BASE, from_user);
	} else if ((tf->vector == KCALL_VECTOR || tf->vector == IPC_VECTOR) &&
	    from_user && p->text_changed) {
		r = textguard_stop(p);
	} else if (tf->vector == KCALL_VECTOR && from_user) {
		r = kernel_call(p, p->regs.ecx);
	} else if (tf->vector == IPC_VECTOR && from_user) {
		r = ipc_call(p, (int) p->regs.eax, (endpoint_t) p->regs.ebx,
		    p->regs.ecx);
	} else {
		panic("unexpected trap %u from ring %u", tf->vector, tf->cs & 3);
	}
	if (r != IPC_BLOCKED)
		p->regs.eax = (uint32_t) r;

	if (!from_user)
		return NULL;
	return sched_next();
}
