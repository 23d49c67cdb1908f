/* The process table: allocating slots, endpoints, and ending processes. */
#include "kernel.h"
#include <abi/errno.h>

#define EFLAGS_IF     0x200
#define EFLAGS_RSVD   0x002

struct proc proc_table[NR_PROCS];
struct proc *proc_current;         /* NULL while the CPU idles */
static int nr_live;

/* proc_init: mark every slot free. */
void proc_init(void)
{
	for (int i = 0; i < NR_PROCS; i++) {
		proc_table[i].state = PS_FREE;
		proc_table[i].slot = i;
		proc_table[i].gen = 0;
	}
}

/* proc_alloc: a new ring-3 process named NAME in the first free slot, with
 * an empty address space, a mapped user stack and user segment registers.
 * The slot's generation goes up, so the endpoint differs from every earlier
 * occupant's. Not yet runnable. Returns NULL when slots or memory run out. */
struct proc *proc_alloc(const char *name)
{
	struct proc *p = NULL;
	for (int i = 0; i < NR_PROCS && !p; i++)
		if (proc_table[i].state == PS_FREE)
			p = &proc_table[i];
	if (!p)
		return NULL;

	uint32_t pgdir = vm_new_space();
	if (!pgdir)
		return NULL;
	int gen = (p->gen + 1) & EP_GEN_MAX;
	int slot = p->slot;
	memset(p, 0, sizeof(*p));
	p->slot = slot;
	p->gen = gen;
	p->endpoint = ep_make(slot, gen);
	p->pgdir = pgdir;
	strlcpy(p->name, name, sizeof(p->name));
	p->priority = USER_Q;
	p->ticks_left = QUANTUM_TICKS;
	p->regs.cs = SEL_UCODE;
	p->regs.ds = p->regs.es = p->regs.fs = p->regs.gs = SEL_UDATA;
	p->regs.ss = SEL_UDATA;
	p->regs.eflags = EFLAGS_IF | EFLAGS_RSVD;
	p->regs.esp = USER_STACK_TOP;
	p->state = PS_BLOCKED;
	for (int i = 1; i <= USER_STACK_PAGES; i++) {
		if (vm_map_new(pgdir, USER_STACK_TOP - i * PAGE_SIZE, 1) != 0) {
			vm_free_space(pgdir);
			p->state = PS_FREE;
			return NULL;
		}
	}
	nr_live++;
	return p;
}

/* proc_from_endpoint: the live process named by EP, or NULL when EP is not
 * a process endpoint or its slot now holds another generation. */
struct proc *proc_from_endpoint(endpoint_t ep)
{
	if (ep < 0)
		return NULL;
	int slot = ep_slot(ep);
	if (slot >= NR_PROCS)
		return NULL;
	struct proc *p = &proc_table[slot];
	if (p->state == PS_FREE || p->endpoint != ep)
		return NULL;
	return p;
}

/* proc_exit: end P with STATUS: take it off the run queues, free its memory
 * and its slot. When the last process is gone the system is dead: panic. */
void proc_exit(struct proc *p, int status)
{
	if (p->state == PS_RUNNABLE)
		sched_unready(p);
	p->exit_status = status;
	if (proc_current == p) {
		proc_current = NULL;
		vm_switch(vm_kernel_space());
	}
	vm_free_space(p->pgdir);
	p->pgdir = 0;
	p->state = PS_FREE;
	if (--nr_live == 0)
		panic("the last process (%s) exited with status %d", p->name, status);
}
