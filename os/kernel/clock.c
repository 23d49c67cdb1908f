/* The clock: PIT channel 0 ticking HZ times a second. */
#include "kernel.h"
#include "x86.h"

#define PIT_CH0   0x40
#define PIT_CMD   0x43
#define PIT_FREQ  1193182

static volatile uint32_t ticks;

/* clock_init: program the PIT for HZ interrupts a second and enable IRQ 0. */
void clock_init(void)
{
	uint32_t divisor = PIT_FREQ / HZ;
	outb(PIT_CMD, 0x34);                 /* channel 0, lo/hi, rate gen */
	outb(PIT_CH0, divisor & 0xff);
	outb(PIT_CH0, divisor >> 8);
	pic_unmask(0);
}

/* clock_tick: called from the IRQ 0 handler with interrupts off; FROM_USER
 * tells whether the tick interrupted ring 3. Charges the
 * tick to the current process and lets the scheduler end its quantum. */
void clock_tick(int from_user)
{
	ticks++;
	sched_clock_tick(proc_current, from_user);
}

/* clock_ticks: ticks since clock_init. */
uint32_t clock_ticks(void)
{
	return ticks;
}
