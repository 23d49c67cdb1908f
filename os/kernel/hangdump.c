/* The hang dump: an NMI (which the harness injects from outside, e.g. with
 * QEMU's monitor command `nmi`, without the guest's cooperation), or the
 * flag hangdump_request set from outside (Bochs' debugger writes it; the
 * next clock tick looks), prints the process table on the console and the
 * kernel log, then the interrupted code goes on. Format, one line per
 * slot in use, between two markers:
 *
 *   kernel: process table (NMI|request) tick=T current=NAME
 *   proc slot=S ep=E name=N rts=0xF prio=P user=U sys=Y eip=0xI
 *        [sendto=E] [getfrom=E|any]
 *   kernel: end of process table
 */
#include "kernel.h"
#include "proc.h"
#include <abi/console.h>

extern struct proc proc_table[NR_PROCS];

static void dump_proc(const struct proc *p)
{
	kprintf("proc slot=%d ep=%d name=%s rts=0x%x prio=%d user=%u sys=%u "
	    "eip=0x%08x", p->slot, p->endpoint, p->name, p->rts, p->priority,
	    p->user_ticks, p->sys_ticks, p->regs.eip);
	if (p->rts & RTS_SENDING)
		kprintf(" sendto=%d", p->sendto);
	if (p->rts & RTS_RECEIVING) {
		if (p->getfrom == ANY)
			kprintf(" getfrom=any");
		else
			kprintf(" getfrom=%d", p->getfrom);
	}
	kprintf("\n");
}

/* The table, with the header naming what asked for it. */
static void dump_table(const char *why, uint32_t eip, unsigned ring)
{
	kprintf(PROCTABLE_HEAD_FMT, why, clock_ticks(),
	    proc_current ? proc_current->name : "idle", eip, ring);
	for (int i = 0; i < NR_PROCS; i++)
		if (proc_table[i].in_use)
			dump_proc(&proc_table[i]);
	kprintf(PROCTABLE_END);
}

/* hangdump_nmi: the NMI handler. TF is the interrupted context (kernel or
 * process); it is only reported, never changed. */
void hangdump_nmi(const struct regs *tf)
{
	dump_table("NMI", tf->eip, tf->cs & 3);
}

/* Set to non-zero from outside the guest (an emulator's debugger writing
 * guest memory: Bochs, which cannot inject an NMI) to ask for the table at
 * the next clock tick. */
volatile uint32_t hangdump_request;

/* hangdump_poll: from the clock tick: print the table once if asked. */
void hangdump_poll(void)
{
	if (hangdump_request) {
		hangdump_request = 0;
		dump_table("request", 0, 0);
	}
}
