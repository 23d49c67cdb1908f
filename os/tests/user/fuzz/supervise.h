/* The supervisor's results (supervise.c). */
#ifndef SUPERVISE_H
#define SUPERVISE_H

#include <stdint.h>

#define RUN_DONE  0     /* the worker sent its last message */
#define RUN_EOF   1     /* it ended (died) before that */
#define RUN_STALL 2     /* no progress within the timeout */
#define RUN_GARBLED 3   /* a record that is not one: it wrote over the pipe */

struct fz_stats {
	uint32_t sent;          /* messages the workers started to send */
	uint32_t timeouts;      /* findings: a request never answered */
	uint32_t runaways;      /* workers lost in their own code */
	uint32_t deaths;        /* workers killed by their own requests */
	uint32_t accepted;      /* findings: kernel calls not refused */
	uint32_t garbled;       /* workers that wrote over their progress pipe */
	int last_signal;
};

void fz_supervise(uint32_t seed, uint32_t first, uint32_t count,
    int timeout, struct fz_stats *st);

#endif
