/* The one C entry point for every trap: exceptions, IRQs, system calls. */
#include "kernel.h"
#include "x86.h"
#include <abi/errno.h>
#include <abi/kcalls.h>

#define IRQ_BASE 32
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
	if (irq == 7 || irq == 15)
		return;
	pic_eoi(irq);
}

/* Run the kernel call whose message is at %ecx in the caller's space.
 * The reply code goes into the message's m_type and into %eax. */
static void kernel_call(struct proc *caller)
{
	message m;
	vir_bytes addr = caller->regs.ecx;

	if (vm_copy_from_user(caller->pgdir, &m, addr, sizeof(m)) != 0) {
		caller->regs.eax = (uint32_t) -EFAULT;
		return;
	}
	m.m_source = caller->endpoint;
	int r = system_call(caller, &m);
	if (r == EDONTREPLY || caller->state != PS_RUNNABLE)
		return;
	m.m_type = r;
	if (vm_copy_to_user(caller->pgdir, addr, &m, sizeof(m)) != 0)
		r = -EFAULT;
	caller->regs.eax = (uint32_t) r;
}

/* trap_dispatch: called by trap_common with the saved registers. Returns the
 * process to enter next, or NULL to resume interrupted kernel code (the
 * idle loop). A trap from ring 3 saves the registers into the current
 * process first, so handlers work on proc_current->regs. */
struct proc *trap_dispatch(struct regs *tf)
{
	int from_user = (tf->cs & 3) == 3;
	struct proc *p = proc_current;

	if (from_user)
		p->regs = *tf;

	if (tf->vector < IRQ_BASE) {
		if (!from_user)
			return exception_handle(tf);   /* panics */
		exception_handle(&p->regs);
	} else if (tf->vector < IRQ_BASE + NR_IRQS) {
		irq_handle(tf->vector - IRQ_BASE, from_user);
	} else if (tf->vector == KCALL_VECTOR && from_user) {
		kernel_call(p);
	} else if (tf->vector == IPC_VECTOR && from_user) {
		p->regs.eax = (uint32_t) -ENOSYS;
	} else {
		panic("unexpected trap %u from ring %u", tf->vector, tf->cs & 3);
	}

	if (!from_user)
		return NULL;
	return sched_next();
}
