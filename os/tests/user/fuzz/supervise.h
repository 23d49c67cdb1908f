/* The supervisor's results (supervise.c). */
#ifndef SUPERVISE_H
#define SUPERVISE_H

#include <stdint.h>
#include "fuzz.h"

#define RUN_DONE  0     /* the worker sent its last message */
#define RUN_EOF   1     /* it ended (died) before that */
#define RUN_STALL 2     /* no progress within the timeout */
#define RUN_GARBLED 3   /* a record that is not one: it wrote over the pipe */
#define RUN_CREDFAIL 4  /* it could not become the student */

/* The replies to one counted request type (requests.c). Sent is counted
 * by main from the regenerated messages. */
#define FZ_CODES 128    /* error codes counted one by one: -1 .. -127 */
struct fz_req_count {
	uint32_t withheld;      /* not sent: a root worker (-R) */
	uint32_t ok;            /* reply >= 0 */
	uint32_t refused;       /* -EPERM */
	uint32_t errors;        /* another negative reply */
	uint32_t findings;      /* a privileged request succeeded */
	uint32_t code[FZ_CODES + 1];   /* errors by -reply; [0]: beyond */
};

struct fz_stats {
	uint32_t sent;          /* messages the workers started to send */
	uint32_t timeouts;      /* findings: a request never answered */
	uint32_t runaways;      /* workers lost in their own code */
	uint32_t deaths;        /* workers killed by their own requests */
	uint32_t exits;         /* workers ended by a counted request (exit,
	                         * an identity change, an exec) */
	uint32_t accepted;      /* findings: kernel calls not refused */
	uint32_t privileged;    /* findings: privileged requests granted */
	uint32_t replaced;      /* findings: a worker exec'd another program */
	uint32_t garbled;       /* workers that wrote over their progress pipe */
	int last_signal;
	int have_cred;          /* uid, gid: what the first worker reported */
	int32_t uid, gid;
	int cred_failed;        /* a worker could not become the student: */
	int cred_step;          /* FZ_CRED_*, and PM's reply */
	int32_t cred_reply;
	struct fz_req_count req[FZ_NR_REQUESTS];
};

void fz_supervise(uint32_t seed, uint32_t first, uint32_t count,
    int timeout, const struct fz_cred *as, const struct fz_cred *student,
    struct fz_stats *st);

#endif
