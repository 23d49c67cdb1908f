/* The process table: slots and endpoints, blocking flags, and the end of a
 * process (exit, clear). */
#include "kernel.h"
#include "x86.h"
#include <abi/boot.h>
#include <abi/errno.h>

struct proc proc_table[NR_PROCS];
struct proc *proc_current;         /* NULL while the CPU idles */
static int nr_live;

/* proc_init: mark every slot free. */
void proc_init(void)
{
	for (int i = 0; i < NR_PROCS; i++) {
		proc_table[i].in_use = 0;
		proc_table[i].slot = i;
		proc_table[i].gen = 0;
	}
}

/* Make free slot P a new process named NAME (see proc_alloc). */
static struct proc *take_slot(struct proc *p, const char *name)
{
	int gen = (p->gen % EP_GEN_MAX) + 1;
	int slot = p->slot;
	memset(p, 0, sizeof(*p));
	p->in_use = 1;
	p->rts = RTS_STOPPED;
	p->slot = slot;
	p->gen = gen;
	p->endpoint = ep_make(slot, gen);
	p->priv.sig_mgr = NONE;
	p->sendto = p->getfrom = NONE;
	strlcpy(p->name, name, sizeof(p->name));
	p->priority = USER_Q;
	p->ticks_left = QUANTUM_TICKS;
	p->regs.cs = SEL_UCODE;
	p->regs.ds = p->regs.es = p->regs.fs = p->regs.gs = SEL_UDATA;
	p->regs.ss = SEL_UDATA;
	p->regs.eflags = EFLAGS_IF | EFLAGS_RSVD;
	p->regs.esp = USER_STACK_TOP;
	nr_live++;
	return p;
}

/* proc_new_as_id: a number for a new address space (a fork's copy, an
 * exec's fresh one), never handed out before: proc_info.as_id, by which
 * MM tells a program that moved to another slot (SYS_UPDATE) from the
 * one that was there. 2^32 forks and execs before it wraps. */
uint32_t proc_new_as_id(void)
{
	static uint32_t last;
	return ++last;
}

/* proc_alloc: a new process named NAME in the first free slot from
 * BOOT_FIRST_FREE_SLOT on (the slots below are the boot services'), with
 * no address space yet (the caller gives it one: elf_start,
 * vm_copy_space). Its registers are set for ring 3, it has no privileges,
 * no signal manager, and is stopped (RTS_STOPPED) until its creator clears
 * that. The slot's generation goes up, so the endpoint differs from every
 * earlier occupant's. Returns NULL when no slot is free. */
struct proc *proc_alloc(const char *name)
{
	for (int i = BOOT_FIRST_FREE_SLOT; i < NR_PROCS; i++)
		if (!proc_table[i].in_use)
			return take_slot(&proc_table[i], name);
	return NULL;
}

/* proc_alloc_slot: as proc_alloc, in slot SLOT exactly (a boot service:
 * the first process of a slot has generation 1, so its endpoint is
 * BOOT_EP(SLOT)). NULL when the slot is taken or out of range. */
struct proc *proc_alloc_slot(int slot, const char *name)
{
	if (slot < 0 || slot >= NR_PROCS || proc_table[slot].in_use)
		return NULL;
	return take_slot(&proc_table[slot], name);
}

/* proc_discard: give back the slot of P, fresh from proc_alloc and never
 * run (its program could not be loaded). Unlike proc_free this never
 * panics when P was the only process. */
void proc_discard(struct proc *p)
{
	if (p->pgdir)
		vm_free_space(p->pgdir);
	p->pgdir = 0;
	p->in_use = 0;
	nr_live--;
}

/* proc_lookup: the process named by endpoint EP (SELF means CALLER). Sets
 * *OUT and returns 0; -EINVAL for something that is not a process endpoint
 * (a pseudo-process, ANY, a slot out of range); -EDEADSRCDST when the slot
 * is free, holds another generation, or its process has exited. */
int proc_lookup(struct proc *caller, endpoint_t ep, struct proc **out)
{
	if (ep == SELF && caller)
		ep = caller->endpoint;
	if (ep < 0 || ep == ANY || ep == NONE || ep == SELF ||
	    ep_slot(ep) >= NR_PROCS || ep_gen(ep) == 0)
		return -EINVAL;
	struct proc *p = &proc_table[ep_slot(ep)];
	if (!p->in_use || p->endpoint != ep || (p->rts & RTS_EXITED))
		return -EDEADSRCDST;
	*out = p;
	return 0;
}

/* proc_from_endpoint: as proc_lookup, NULL on any error. */
struct proc *proc_from_endpoint(endpoint_t ep)
{
	struct proc *p;
	return proc_lookup(NULL, ep, &p) == 0 ? p : NULL;
}

/* proc_block: set the RTS flags FLAGS on P; it leaves the ready queues when
 * it was runnable. */
void proc_block(struct proc *p, uint32_t flags)
{
	if (p->rts == 0)
		sched_unready(p);
	p->rts |= flags;
}

/* proc_unblock: clear the RTS flags FLAGS on P; it joins its ready queue
 * when nothing else holds it. A process blocked receiving that was stopped
 * or signalled gets what was queued for it meanwhile. */
void proc_unblock(struct proc *p, uint32_t flags)
{
	if (p->rts == 0)
		return;
	uint32_t was = p->rts;
	p->rts &= ~flags;
	if (p->rts == 0) {
		sched_ready(p);
		return;
	}
	if ((was & ~p->rts & (RTS_STOPPED | RTS_SIGNALED)) &&
	    (p->rts & RTS_RECEIVING))
		ipc_retry_receive(p);
}

/* Give up P's address space (switching away first when it is in use). */
static void release_memory(struct proc *p)
{
	if (!p->pgdir)
		return;
	if (proc_current == p) {
		proc_current = NULL;
		vm_switch(vm_kernel_space());
	} else if (read_cr3() == p->pgdir) {
		vm_switch(vm_kernel_space());
	}
	vm_free_space(p->pgdir);
	p->pgdir = 0;
}

/* proc_exit: P ends with STATUS. Its IPC partners are released, its memory
 * and IRQ lines freed. With a live signal manager the slot stays (EXITED)
 * until the manager fetches SIGKEXIT and clears it; otherwise the slot is
 * freed now. A process with PRIV_KEEP_STATE and a manager (a service that
 * restarts in place) is only stopped, as by an exception: SIGKEXIT for
 * the manager, everything else kept (memory, IRQ lines, alarm, processes
 * queued to send to it or waiting for its answer) until the manager
 * starts it again in its memory (SYS_EXEC EXEC_KEEP_STATE) or clears the
 * slot (proc_free then releases everything). */
void proc_exit(struct proc *p, int status)
{
	struct proc *mgr = signal_manager(p);
	if (mgr && (p->priv.flags & PRIV_KEEP_STATE)) {
		p->exit_status = status;
		signal_raise(p, SIGKEXIT);      /* RTS_SIGNALED */
		return;
	}
	proc_block(p, RTS_EXITED);
	p->exit_status = status;
	ipc_cleanup(p);
	irq_release(p);
	p->alarm_at = 0;
	release_memory(p);
	if (mgr)
		signal_raise(p, SIGKEXIT);
	else
		proc_free(p);
}

/* proc_free: free P's slot for good (its endpoint dies with it). When the
 * last process is gone the system has nothing left to run: panic. */
void proc_free(struct proc *p)
{
	if (!(p->rts & RTS_EXITED)) {
		proc_block(p, RTS_EXITED);
		ipc_cleanup(p);
		irq_release(p);
	}
	release_memory(p);
	for (int i = 0; i < NR_PROCS; i++)     /* its notifications die too */
		proc_table[i].notify_pending[p->slot / 32] &= ~(1u << (p->slot % 32));
	p->in_use = 0;
	if (--nr_live == 0)
		panic("the last process (%s) ended with status %d", p->name,
		    p->exit_status);
}
