/* gettimeofday: the wall clock with microseconds (clock_gettime). */
#include <sys/time.h>
#include <time.h>
#include "../internal.h"

/* gettimeofday: see <sys/time.h>. */
int gettimeofday(struct timeval *tv, void *tz)
{
	struct timespec ts;
	if (tz) {
		errno = EINVAL;
		return -1;
	}
	if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
		return -1;
	if (tv) {
		tv->tv_sec = ts.tv_sec;
		tv->tv_usec = (suseconds_t) (ts.tv_nsec / 1000);
	}
	return 0;
}
