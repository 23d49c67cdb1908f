/* The clock: PIT channel 0 ticking HZ times a second; per-process alarms
 * delivered as notifications from CLOCK. */
#include "kernel.h"
#include "x86.h"

#define PIT_CH0   0x40
#define PIT_CMD   0x43
#define PIT_FREQ  1193182

static volatile uint32_t ticks;
static uint32_t next_alarm;           /* earliest pending alarm, 0 = none */

/* clock_init: program the PIT for HZ interrupts a second and enable IRQ 0. */
void clock_init(void)
{
	uint32_t divisor = PIT_FREQ / HZ;
	outb(PIT_CMD, 0x34);                 /* channel 0, lo/hi, rate gen */
	outb(PIT_CH0, divisor & 0xff);
	outb(PIT_CH0, divisor >> 8);
	pic_unmask(0);
}

static void recompute_next_alarm(void)
{
	next_alarm = 0;
	for (int i = 0; i < NR_PROCS; i++) {
		struct proc *p = &proc_table[i];
		if (p->in_use && p->alarm_at &&
		    (!next_alarm || p->alarm_at < next_alarm))
			next_alarm = p->alarm_at;
	}
}

static void fire_alarms(void)
{
	for (int i = 0; i < NR_PROCS; i++) {
		struct proc *p = &proc_table[i];
		if (p->in_use && p->alarm_at && p->alarm_at <= ticks) {
			p->alarm_at = 0;
			if (!(p->rts & RTS_EXITED))
				notify_deliver(p, CLOCK);
		}
	}
	recompute_next_alarm();
}

/* clock_set_alarm: P gets a CLOCK notification at tick AT (0 cancels; a
 * time already past fires on the next tick). Returns the ticks the
 * previous alarm had left (0 if none). */
uint32_t clock_set_alarm(struct proc *p, uint32_t at)
{
	uint32_t left = p->alarm_at > ticks ? p->alarm_at - ticks : 0;
	if (at && at <= ticks)
		at = ticks + 1;
	p->alarm_at = at;
	recompute_next_alarm();
	return left;
}

/* clock_tick: called from the IRQ 0 handler with interrupts off; FROM_USER
 * tells whether the tick interrupted ring 3. Charges the tick, fires due
 * alarms, runs RS's watchdog (rsrecover.c), and lets the scheduler end the
 * current quantum. */
void clock_tick(int from_user)
{
	ticks++;
	hangdump_poll();
	rs_watchdog_tick();
	if (next_alarm && ticks >= next_alarm)
		fire_alarms();
	sched_clock_tick(proc_current, from_user);
}

/* clock_ticks: ticks since clock_init. */
uint32_t clock_ticks(void)
{
	return ticks;
}
