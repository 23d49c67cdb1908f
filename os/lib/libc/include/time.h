/* Time: there is no real-time clock, so every time counts from boot. */
#ifndef _TIME_H
#define _TIME_H

#include <sys/types.h>

#define CLOCKS_PER_SEC 100L   /* clock() units, whatever the kernel's HZ */

#define CLOCK_REALTIME  0     /* both count from boot */
#define CLOCK_MONOTONIC 1
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
