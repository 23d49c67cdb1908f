/* The kernel log: the last KLOG_SIZE bytes the console printed (kernel
 * messages and what processes print with SYS_DIAGCTL), for SYS_GETINFO
 * GET_KLOG. Fed character by character by console.c. */
#include "kernel.h"

static char ring[KLOG_SIZE];
static uint32_t total;           /* bytes ever logged; wraps after 4 GiB */

_Static_assert((KLOG_SIZE & (KLOG_SIZE - 1)) == 0,
    "the log size must be a power of two");

/* klog_putc: append C to the log, dropping the oldest byte when full. */
void klog_putc(char c)
{
	ring[total % KLOG_SIZE] = c;
	total++;
}

/* klog_total: how many bytes were ever logged. Byte number N (counting
 * from 0) is still in the log when N >= klog_total() - KLOG_SIZE. */
uint32_t klog_total(void)
{
	return total;
}

/* klog_copy: copy LEN logged bytes starting at byte number FROM (all of
 * them still in the log) into DST. */
void klog_copy(uint32_t from, char *dst, size_t len)
{
	while (len > 0) {
		uint32_t at = from % KLOG_SIZE;
		size_t n = KLOG_SIZE - at;
		if (n > len)
			n = len;
		memcpy(dst, ring + at, n);
		dst += n;
		from += n;
		len -= n;
	}
}
