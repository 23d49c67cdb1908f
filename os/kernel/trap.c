/* The C entry points of the traps: trap_dispatch for exceptions and IRQs,
 * trap_ipc and trap_kcall for the two system-call vectors (their short
 * path in vectors.S). */
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

/* trap_dispatch: called by trap_common with the saved registers of an
 * exception, an NMI or an IRQ. Returns the
 * process to enter next, or NULL to resume interrupted kernel code (the
 * idle loop). A trap from ring 3 has already saved the registers in the
 * current process (TF is &proc_current->regs). */
struct proc *trap_dispatch(struct regs *tf)
{
	int from_user = (tf->cs & 3) == 3;
	struct proc *p = proc_current;

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
	} else {
		panic("unexpected trap %u from ring %u", tf->vector, tf->cs & 3);
	}
	if (!from_user)
		return NULL;
	return sched_next();
}
