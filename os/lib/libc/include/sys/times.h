/* Process times in clock ticks (sysconf(_SC_CLK_TCK) per second). */
#ifndef _SYS_TIMES_H
#define _SYS_TIMES_H

#include <sys/types.h>

struct tms {
	clock_t tms_utime;    /* the caller's user time */
	clock_t tms_stime;    /* its system time */
	clock_t tms_cutime;   /* children's: not tracked, always 0 */
	clock_t tms_cstime;
};

clock_t times(struct tms *t);

#endif
