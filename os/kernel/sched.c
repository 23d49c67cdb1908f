/* Scheduling: NR_SCHED_QUEUES ready queues, served most urgent first, with
 * round-robin quanta inside a queue. The CPU halts when nothing is ready. */
#include "kernel.h"
#include "x86.h"

static struct proc *head[NR_SCHED_QUEUES];
static struct proc *tail[NR_SCHED_QUEUES];
static uint32_t nonempty;            /* bit q: queue q has a process */

_Static_assert(NR_SCHED_QUEUES <= 32, "nonempty is a 32-bit mask");

/* sched_ready: put P (runnable: no RTS flags) at the tail of its queue. */
void sched_ready(struct proc *p)
{
	int q = p->priority;
	p->next_ready = NULL;
	if (tail[q])
		tail[q]->next_ready = p;
	else
		head[q] = p;
	tail[q] = p;
	nonempty |= 1u << q;
}

/* sched_unready: take P off its queue. */
void sched_unready(struct proc *p)
{
	int q = p->priority;
	struct proc **link = &head[q];
	struct proc *prev = NULL;
	while (*link && *link != p) {
		prev = *link;
		link = &(*link)->next_ready;
	}
	if (!*link)
		return;
	*link = p->next_ready;
	if (tail[q] == p)
		tail[q] = prev;
	if (!head[q])
		nonempty &= ~(1u << q);
	p->next_ready = NULL;
}

/* sched_pick: the process that should run now, or NULL. */
struct proc *sched_pick(void)
{
	return nonempty ? head[__builtin_ctz(nonempty)] : NULL;
}

/* Make P the running process: its address space, and its struct regs as
 * the place the next trap from ring 3 saves registers to. */
static void enter(struct proc *p)
{
	proc_current = p;
	vm_switch(p->pgdir);
	tss_set_kernel_stack((uint32_t) (&p->regs + 1));
}

/* sched_clock_tick: account one tick to P (NULL: the idle loop) as user or
 * system time, and move P to the tail of its queue when its quantum ends. */
void sched_clock_tick(struct proc *p, int from_user)
{
	if (!p)
		return;
	if (from_user)
		p->user_ticks++;
	else
		p->sys_ticks++;
	if (--p->ticks_left > 0 || p->rts != 0)
		return;
	p->ticks_left = QUANTUM_TICKS;
	sched_unready(p);
	sched_ready(p);
}

/* sched_next: make the most urgent ready process current (switching address
 * space) and return it; with nothing ready, idle instead (no return). */
struct proc *sched_next(void)
{
	struct proc *p = sched_pick();
	if (!p)
		sched_run();
	enter(p);
	return p;
}

/* sched_run: run processes from now on; idles with the CPU halted while
 * nothing is ready. Interrupts that arrive while idle return here. */
void sched_run(void)
{
	for (;;) {
		struct proc *p = sched_pick();
		if (p) {
			enter(p);
			restart_proc(p);
		}
		proc_current = NULL;
		__asm__ volatile("sti; hlt; cli" ::: "memory");
	}
}

/* sched_set_queue: move P to ready queue Q (0 most urgent), at the tail of
 * it when P is runnable now. */
void sched_set_queue(struct proc *p, int q)
{
	if (p->priority == q)
		return;
	if (p->rts == 0) {
		sched_unready(p);
		p->priority = q;
		sched_ready(p);
	} else {
		p->priority = q;
	}
}
