/* struct timeval (select's timeout, SO_RCVTIMEO) and gettimeofday. */
#ifndef _SYS_TIME_H
#define _SYS_TIME_H

#include <sys/types.h>

struct timeval {
	time_t tv_sec;
	suseconds_t tv_usec;
};

/* gettimeofday: the wall clock (as time(), with microseconds); TZ must be
 * NULL. 0, or -1 with errno. */
int gettimeofday(struct timeval *tv, void *tz);

#endif
