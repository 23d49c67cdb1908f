/* The clocks: time and clock_gettime(CLOCK_REALTIME) (the wall clock: the
 * kernel's boot time, read from the CMOS clock, plus the time since boot),
 * clock_gettime(CLOCK_MONOTONIC), uptime, times, clock, and the
 * clock-tick helpers of internal.h (PM_GETSYSINFO SI_KINFO, SI_PROCTAB). */
#include <phoenix.h>
#include <stdlib.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>
#include "../internal.h"

#define DEFAULT_HZ 100
#define PROCTAB_FIRST 64        /* records asked for first; doubled on E2BIG */
#define PROCTAB_LIMIT 4096

/* kinfo: the kernel's info (SI_KINFO) into *K. Returns 0, or the negative
 * error. */
static int kinfo(struct kinfo *k)
{
	int r = getsysinfo(SI_KINFO, k, sizeof(*k));
	if (r < 0)
		return -errno;
	return r < (int) sizeof(*k) ? -EIO : 0;
}

/* __libc_hz: see internal.h. */
unsigned __libc_hz(void)
{
	static unsigned hz;
	if (!hz) {
		struct kinfo k;
		int saved = errno;
		hz = kinfo(&k) == 0 && k.hz ? k.hz : DEFAULT_HZ;
		errno = saved;
	}
	return hz;
}

/* __libc_ticks: see internal.h. */
uint32_t __libc_ticks(uint32_t seconds, uint32_t nanoseconds)
{
	uint64_t hz = __libc_hz();
	uint64_t t = (uint64_t) seconds * hz +
	    ((uint64_t) nanoseconds * hz + 999999999u) / 1000000000u;
	return t > UINT32_MAX ? UINT32_MAX : (uint32_t) t;
}

/* uptime: see phoenix.h. */
clock_t uptime(void)
{
	struct kinfo k;
	int r = kinfo(&k);
	if (r < 0)
		return (clock_t) __libc_ret(r);
	return (clock_t) k.uptime;
}

/* time: the wall clock, seconds since 1970-01-01 00:00 UTC (the kernel's
 * boot time plus the seconds since boot; only the seconds since boot
 * when the kernel could not read the CMOS clock), also into *T when T is
 * not NULL; -1 with errno when PM cannot say. */
time_t time(time_t *t)
{
	struct kinfo k;
	int r = kinfo(&k);
	if (r < 0)
		return (time_t) __libc_ret(r);
	unsigned hz = k.hz ? k.hz : DEFAULT_HZ;
	time_t s = (time_t) (k.boottime + k.uptime / hz);
	if (t)
		*t = s;
	return s;
}

/* clock_gettime: into *TS, to a clock tick, the wall clock
 * (CLOCK_REALTIME: as time()) or the time since boot (CLOCK_MONOTONIC).
 * Returns 0, or -1 with errno (EINVAL for another clock). */
int clock_gettime(clockid_t id, struct timespec *ts)
{
	if (id != CLOCK_REALTIME && id != CLOCK_MONOTONIC)
		return (int) __libc_ret(-EINVAL);
	struct kinfo k;
	int r = kinfo(&k);
	if (r < 0)
		return (int) __libc_ret(r);
	clock_t ticks = (clock_t) k.uptime;
	unsigned hz = k.hz ? k.hz : DEFAULT_HZ;
	ts->tv_sec = (time_t) ((unsigned long) ticks / hz) +
	    (id == CLOCK_REALTIME ? (time_t) k.boottime : 0);
	ts->tv_nsec = (long) ((uint64_t) ((unsigned long) ticks % hz) *
	    1000000000u / hz);
	return 0;
}

/* times: the caller's user and system time (from PM's process table) into
 * *T; children's times are not tracked (0). Returns the clock ticks since
 * boot, or -1 with errno. */
clock_t times(struct tms *t)
{
	pid_t self = getpid();
	if (self < 0)
		return -1;
	struct pm_proc_info *tab = NULL;
	int n = -1;
	for (size_t cap = PROCTAB_FIRST; n < 0; cap *= 2) {
		free(tab);
		tab = malloc(cap * sizeof(*tab));
		if (!tab)
			return -1;
		n = getsysinfo(SI_PROCTAB, tab, cap * sizeof(*tab));
		if (n < 0 && (errno != E2BIG || cap >= PROCTAB_LIMIT)) {
			free(tab);
			return -1;
		}
	}
	*t = (struct tms) { 0 };
	for (size_t i = 0; i < (size_t) n / sizeof(tab[0]); i++) {
		if (tab[i].pid == self) {
			t->tms_utime = (clock_t) tab[i].user_ticks;
			t->tms_stime = (clock_t) tab[i].sys_ticks;
		}
	}
	free(tab);
	return uptime();
}

/* clock: the processor time the caller used, in CLOCKS_PER_SEC units, or
 * -1 when it is unknown. */
clock_t clock(void)
{
	struct tms t;
	if (times(&t) < 0)
		return -1;
	uint64_t ticks = (uint64_t) (t.tms_utime + t.tms_stime);
	return (clock_t) (ticks * CLOCKS_PER_SEC / __libc_hz());
}
