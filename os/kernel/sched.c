/* Scheduling: NR_SCHED_QUEUES ready queues, served most urgent first, with
 * round-robin quanta inside a queue. The CPU halts when nothing is ready. */
#include "kernel.h"
#include "x86.h"

static struct proc *head[NR_SCHED_QUEUES];
static struct proc *tail[NR_SCHED_QUEUES];
static uint32_t nonempty;            /* bit q: queue q has a process */

_Static_assert(NR_SCHED_QUEUES <= 32, "nonempty is a 32-bit mask");

/* sched_ready: put P (runnable: no RTS flags) at the tail of its queue.
 * O(1): the queues are doubly linked. */
void sched_ready(struct proc *p)
{
	int q = p->priority;
	p->next_ready = NULL;
	p->prev_ready = tail[q];
	if (tail[q])
		tail[q]->next_ready = p;
	else
		head[q] = p;
	tail[q] = p;
	p->on_ready_queue = 1;
	nonempty |= 1u << q;
}

/* sched_unready: take P off its queue (nothing when it is on none). O(1). */
void sched_unready(struct proc *p)
{
	if (!p->on_ready_queue)
		return;
	int q = p->priority;
	if (p->prev_ready)
		p->prev_ready->next_ready = p->next_ready;
	else
		head[q] = p->next_ready;
	if (p->next_ready)
		p->next_ready->prev_ready = p->prev_ready;
	else
		tail[q] = p->prev_ready;
	if (!head[q])
		nonempty &= ~(1u << q);
	p->next_ready = p->prev_ready = NULL;
	p->on_ready_queue = 0;
}

/* sched_handoff: FROM (on its queue) stops being runnable and TO (just
 * made runnable by the same IPC, on no queue) starts: the direct switch
 * of a rendezvous. When they share a queue TO takes FROM's place in it
 * (no unready/ready walk, and TO runs next when FROM was running);
 * otherwise FROM leaves its queue and TO joins the tail of its own. */
void sched_handoff(struct proc *from, struct proc *to)
{
	if (!from->on_ready_queue || from->priority != to->priority) {
		sched_unready(from);
		sched_ready(to);
		return;
	}
	int q = from->priority;
	to->prev_ready = from->prev_ready;
	to->next_ready = from->next_ready;
	if (to->prev_ready)
		to->prev_ready->next_ready = to;
	else
		head[q] = to;
	if (to->next_ready)
		to->next_ready->prev_ready = to;
	else
		tail[q] = to;
	to->on_ready_queue = 1;
	from->next_ready = from->prev_ready = NULL;
	from->on_ready_queue = 0;
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
	if (read_cr3() != p->pgdir)
		write_cr3(p->pgdir);
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
	if (!nonempty)
		sched_run();
	struct proc *p = head[__builtin_ctz(nonempty)];
	if (p != proc_current) {
		enter(p);
	} else if (read_cr3() != p->pgdir) {
		write_cr3(p->pgdir);     /* the call gave it a new space (exec) */
	}
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
