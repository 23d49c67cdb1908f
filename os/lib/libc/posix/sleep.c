/* Timers: alarm, sleep, usleep, nanosleep (PM_ALARM, PM_SLEEP, in clock
 * ticks). */
#include <time.h>
#include <unistd.h>
#include "../internal.h"

/* ticks_to_seconds: TICKS in whole seconds, rounded up. */
static unsigned ticks_to_seconds(uint32_t ticks)
{
	unsigned hz = __libc_hz();
	return (unsigned) ((ticks + hz - 1) / hz);
}

/* pm_sleep: PM_SLEEP for TICKS. Returns 0, or the negative error; *LEFT
 * gets the ticks left when a signal cut it short (-EINTR). */
static long pm_sleep(uint32_t ticks, uint32_t *left)
{
	message m = { 0 };
	m.u.pm_timer.ticks = ticks;
	long r = __libc_call(PM_EP, PM_SLEEP, &m);
	*left = r == -EINTR ? m.u.pm_timer.left : 0;
	return r;
}

/* alarm: have SIGALRM sent to the caller after SECONDS (0 cancels the
 * alarm). Returns the seconds the previous alarm had left (0: none). */
unsigned alarm(unsigned seconds)
{
	message m = { 0 };
	m.u.pm_timer.ticks = __libc_ticks(seconds, 0);
	long r = __libc_call(PM_EP, PM_ALARM, &m);
	return r > 0 ? ticks_to_seconds((uint32_t) r) : 0;
}

/* sleep: wait SECONDS. Returns 0, or the seconds left (rounded up) when a
 * caught signal ended the wait. */
unsigned sleep(unsigned seconds)
{
	uint32_t left;
	if (pm_sleep(__libc_ticks(seconds, 0), &left) == -EINTR)
		return ticks_to_seconds(left);
	return 0;
}

/* usleep: wait USEC microseconds (rounded up to clock ticks). Returns 0,
 * or -1 with errno (EINTR). */
int usleep(useconds_t usec)
{
	uint32_t left;
	long r = pm_sleep(__libc_ticks(usec / 1000000, usec % 1000000 * 1000),
	    &left);
	return (int) __libc_ret(r < 0 ? r : 0);
}

/* nanosleep: wait *REQ (rounded up to clock ticks). Returns 0, or -1 with
 * errno: EINVAL for a bad *REQ, EINTR when a caught signal ended it (then
 * *REM, if not NULL, gets the time left). */
int nanosleep(const struct timespec *req, struct timespec *rem)
{
	if (!req || req->tv_sec < 0 || req->tv_nsec < 0 ||
	    req->tv_nsec >= 1000000000L)
		return (int) __libc_ret(-EINVAL);
	uint32_t left;
	long r = pm_sleep(__libc_ticks((uint32_t) req->tv_sec,
	    (uint32_t) req->tv_nsec), &left);
	if (r == -EINTR && rem) {
		unsigned hz = __libc_hz();
		rem->tv_sec = (time_t) (left / hz);
		rem->tv_nsec = (long) ((uint64_t) (left % hz) * 1000000000u / hz);
	}
	return (int) __libc_ret(r < 0 ? r : 0);
}
