/* A simulated link between two TCP engines (os/servers/inet/tcp*.c) on
 * the host: a virtual millisecond clock, segments delayed, lost,
 * duplicated and reordered by a seeded generator, and transfers driven
 * over it. Used by tcp_host.c's cases. */
#ifndef TCP_SIM_H
#define TCP_SIM_H

#include <stddef.h>
#include <stdint.h>
#include "tcp.h"

/* One host: its stack, address (network order), counters. */
struct node {
	const char *name;
	uint32_t addr;
	struct tcp_stack *s;
	struct net_stats st;
	unsigned sent;                  /* segments it handed to "IP" */
	unsigned wakes;                 /* ops->wake calls */
};
extern struct node A, B;               /* 10.0.0.1 and 10.0.0.2 */

/* The link, both directions. Rates are per mille. */
struct link_cfg {
	unsigned loss, dup, reorder;
	uint32_t delay;                 /* one way, ms */
	uint32_t jitter;                /* extra delay of a reordered copy */
	int cut;                        /* everything is lost */
};
extern struct link_cfg link_cfg;
extern uint32_t sim_now;               /* the clock (ms) */

/* TCP_TRACE=1 in the environment prints every segment on stderr.
 *
 * sim_filter: when set, sees every segment FROM sends (before the link)
 * and drops it by returning 1. */
extern int (*sim_filter)(struct node *from, const uint8_t *seg, size_t len);

/* sim_init: fresh stacks on A and B, an empty link with CFG's settings
 * cleared, the generator seeded with SEED, no filter. sim_fini: free
 * them and what is in flight. */
void sim_init(uint32_t seed);
void sim_fini(void);

/* sim_run: deliver segments and run timers in time order, calling
 * STEP(ARG) between events (the applications: >0 it did something, 0
 * nothing, <0 finished), until STEP finishes (returns 1) or MAX_MS of
 * virtual time pass or nothing at all is left to happen (returns 0). */
int sim_run(int (*step)(void *arg), void *arg, uint32_t max_ms);

/* sim_wait: let MS milliseconds pass (segments, timers). */
void sim_wait(uint32_t ms);

/* sim_inject: hand SEG (LEN bytes) to TO's tcp_input now, as if from
 * the other node. */
void sim_inject(struct node *to, const void *seg, size_t len);

uint32_t ip4(int a, int b, int c, int d);
uint16_t nport(uint16_t host_order);

/* Segment fields, for filters. */
uint32_t seg_seq(const uint8_t *seg);
uint32_t seg_ack(const uint8_t *seg);
unsigned seg_flags(const uint8_t *seg);
uint32_t seg_datalen(const uint8_t *seg, size_t len);

/* sim_connect: a connection from A to a listener on B's PORT: *CLI on A,
 * *SRV on B (accepted; the listener is closed). Fails the case when it
 * does not come up within 60 s. */
void sim_connect(struct tcp_conn **cli, struct tcp_conn **srv, uint16_t port);

/* A one-way transfer of TOTAL pattern bytes from TX to RX, TX shut for
 * writing at the end; RX reads to the end of the stream and compares
 * every byte. */
struct xfer {
	struct tcp_conn *tx, *rx;
	uint32_t total, sent, rcvd, seed;
	int shut, eof;
	uint32_t bad;                   /* bytes that differed */
	int err;                        /* an error from a call */
	int noread;                     /* RX does not read (window tests) */
};
void xfer_start(struct xfer *x, struct tcp_conn *tx, struct tcp_conn *rx,
    uint32_t total, uint32_t seed);
/* xfer_step: move what can move. Returns -1 when done (EOF seen), else
 * the bytes moved. */
int xfer_step(void *x);
/* xfer2_step: two transfers (ARG: struct xfer[2]) at once. */
int xfer2_step(void *arg);

#endif
