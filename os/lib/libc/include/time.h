/* Time: the wall clock (time, CLOCK_REALTIME) counts seconds since
 * 1970-01-01 00:00 UTC from the CMOS clock the kernel reads at boot
 * (struct kinfo's boottime) plus the time since boot; CLOCK_MONOTONIC
 * counts from boot. A 32-bit time_t: good until 2038. */
#ifndef _TIME_H
#define _TIME_H

#include <sys/types.h>

#define CLOCKS_PER_SEC 100L   /* clock() units, whatever the kernel's HZ */

#define CLOCK_REALTIME  0     /* the wall clock, as time() */
#define CLOCK_MONOTONIC 1     /* since boot */
typedef int clockid_t;

struct timespec {
	time_t tv_sec;
	long tv_nsec;
};

time_t time(time_t *t);
clock_t clock(void);
int nanosleep(const struct timespec *req, struct timespec *rem);
int clock_gettime(clockid_t id, struct timespec *ts);

#endif
