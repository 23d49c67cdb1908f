/* The clock as ring-3 code sees it: the rate of the kernel's tick
 * (kernel/kernel.h HZ must equal CLOCK_HZ; it is checked there). */
#ifndef ABI_CLOCK_H
#define ABI_CLOCK_H

#define CLOCK_HZ 100    /* clock ticks per second */

#endif
