/* fic's clock: the TSC, calibrated against the clock ticks (uptime(), 100
 * per second) once at start-up, so a recovery time is measured to the
 * microsecond, not to the 10 ms tick. */
#include <unistd.h>
#include "fic.h"

#define CALIB_TICKS 10          /* 100 ms of calibration */
#define TICK_US 10000

static uint64_t tsc_per_ms = 1;   /* TSC ticks per millisecond */

/* clock_tsc: the time-stamp counter now. */
uint64_t clock_tsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi) : : "memory");
	return ((uint64_t) hi << 32) | lo;
}

/* tick_edge: wait until the tick count changes; returns the new count. */
static clock_t tick_edge(void)
{
	clock_t t = uptime();
	clock_t now;
	while ((now = uptime()) == t)
		;
	return now;
}

/* clock_calibrate: measure the TSC's rate over CALIB_TICKS clock ticks,
 * from one tick edge to another. Call once before clock_us_between. */
void clock_calibrate(void)
{
	clock_t t0 = tick_edge();
	uint64_t c0 = clock_tsc();
	clock_t t1;
	while ((t1 = uptime()) < t0 + CALIB_TICKS)
		;
	uint64_t c1 = clock_tsc();
	uint64_t ms = (uint64_t) (t1 - t0) * TICK_US / 1000;
	tsc_per_ms = (c1 - c0) / (ms ? ms : 1);
	if (tsc_per_ms == 0)
		tsc_per_ms = 1;
}

/* clock_us_between: microseconds from TSC0 to TSC1 (0 if TSC1 is not
 * later). */
int64_t clock_us_between(uint64_t tsc0, uint64_t tsc1)
{
	if (tsc1 <= tsc0)
		return 0;
	return (int64_t) ((tsc1 - tsc0) * 1000 / tsc_per_ms);
}
