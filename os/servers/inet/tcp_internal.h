/* The TCP engine's insides: the connection block, the stack, sequence
 * arithmetic and the functions the tcp_*.c files share. Only tcp_*.c
 * include this; the rest of inet uses tcp.h. */
#ifndef INET_TCP_INTERNAL_H
#define INET_TCP_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <abi/errno.h>
#include "tcp.h"

/* Constants (milliseconds unless said). RFC 6298: the first RTO is 1 s,
 * bounded by TCP_RTO_MIN (Linux's 200 ms rather than the RFC's 1 s: a
 * LAN and QEMU's user network are fast) and TCP_RTO_MAX. */
#define TCP_RTO_INIT      1000
#define TCP_RTO_MIN       200
#define TCP_RTO_MAX       60000
#define TCP_CLOCK_G       10        /* the clock's granularity, G */
#define TCP_DELACK        40        /* delayed ACK (RFC 1122: < 500) */
#define TCP_MSL           2000      /* short on purpose: TIME_WAIT 4 s */
#define TCP_FIN_WAIT2_MAX 60000     /* an orphan's wait for the peer's FIN */
#define TCP_SYN_RETRIES   6         /* then the connect times out */
#define TCP_DATA_RETRIES  12        /* then the connection times out */
#define TCP_KEEP_IDLE     7200000   /* RFC 1122 4.2.3.6: 2 hours idle, */
#define TCP_KEEP_INTVL    75000     /* then a probe every 75 s, */
#define TCP_KEEP_CNT      9         /* this many unanswered: reset */
#define TCP_OOW_GAP       500       /* between ACKs to bad pure ACKs */
#define TCP_PERSIST_MIN   500
#define TCP_PERSIST_MAX   60000
#define TCP_OOO_MAX       16        /* out-of-order ranges held */
#define TCP_EPHEMERAL_LO  49152
#define TCP_EPHEMERAL_HI  65535
#define TCP_HDR_MIN       20
#define TCP_WIN_MAX       65535

/* Header flags. */
#define TH_FIN 0x01
#define TH_SYN 0x02
#define TH_RST 0x04
#define TH_PSH 0x08
#define TH_ACK 0x10
#define TH_URG 0x20

/* Sequence-number comparisons modulo 2^32 (RFC 793 3.3). */
#define SEQ_LT(a, b)  ((int32_t) ((uint32_t) (a) - (uint32_t) (b)) < 0)
#define SEQ_LEQ(a, b) ((int32_t) ((uint32_t) (a) - (uint32_t) (b)) <= 0)
#define SEQ_GT(a, b)  SEQ_LT(b, a)
#define SEQ_GEQ(a, b) SEQ_LEQ(b, a)
/* Time comparisons, the same way. */
#define TIME_DUE(deadline, now) ((int32_t) ((now) - (deadline)) >= 0)

/* net16: host-order V as a network-order port (and back: the same). */
static inline uint16_t net16(uint16_t v)
{
	uint8_t b[2] = { (uint8_t) (v >> 8), (uint8_t) v };
	uint16_t r;
	memcpy(&r, b, 2);
	return r;
}

/* A byte ring: LEN bytes from HEAD, SIZE in all. */
struct tcp_ring {
	uint8_t *buf;
	uint32_t size, head, len;
};

/* A parsed segment: the header fields in host order, its options, where
 * its data is. */
struct tcp_seg {
	uint32_t src, dst;          /* network order, from IP */
	uint16_t sport, dport;      /* network order */
	uint32_t seq, ack;
	uint8_t flags;
	uint32_t wnd;
	uint32_t mss;               /* 0: no MSS option */
	const uint8_t *data;
	uint32_t len;               /* data bytes */
	int old;                    /* wholly before rcv_nxt: only its ACK
	                               counts */
};

/* A timer: a deadline in the stack's clock, or off. */
struct tcp_timer {
	uint32_t at;
	int on;
};

struct tcp_range {
	uint32_t start, end;        /* sequence numbers [start, end) */
};

struct tcp_conn {
	struct tcp_stack *stack;
	int slot;                   /* index in stack->conns */
	int state;                  /* enum tcp_state */
	void *user;
	/* Addresses (network order). */
	uint32_t laddr, raddr;
	uint16_t lport, rport;
	int bound;
	/* Options and how the socket ended. */
	int reuseaddr, keepalive, nodelay;
	int error;                  /* pending error (negative), 0 none */
	int soft_error;             /* an ICMP error seen (tcp_icmp_unreach) */
	int orphan;                 /* tcp_close'd: freed when done */
	int connecting;             /* an active open not yet finished */
	int was_connected;          /* reached ESTABLISHED once */
	int ended;                  /* CLOSED after an open (reset, timed
	                               out, refused, closed) */
	int shut_rd, shut_wr;       /* tcp_shutdown */
	int fin_rcvd;               /* the peer's FIN is in (rcv_nxt past it) */
	int wake;                   /* readiness may have changed */
	/* Send sequence space (RFC 793 3.2). snd_buf_seq: the sequence
	 * number of the send ring's first byte. */
	uint32_t iss, snd_una, snd_nxt, snd_max, snd_wnd, snd_wl1, snd_wl2;
	uint32_t snd_buf_seq;
	uint32_t snd_wnd_max;       /* the largest window the peer offered */
	int fin_sent;               /* our FIN has a sequence number */
	uint32_t fin_seq;           /* ... this one */
	uint32_t mss;               /* what we send in a segment */
	/* Congestion control (RFC 5681, NewReno's recovery RFC 6582). */
	uint32_t cwnd, ssthresh;
	uint32_t dupacks;
	int in_recovery;
	uint32_t recover;
	/* RTT (RFC 6298): srtt8 = SRTT * 8, rttvar4 = RTTVAR * 4. */
	uint32_t srtt8, rttvar4, rto;
	int rtt_timing;
	uint32_t rtt_seq, rtt_start;
	uint32_t backoff;           /* consecutive timeouts */
	/* Receive sequence space. rcv_adv: the right edge advertised. */
	uint32_t irs, rcv_nxt, rcv_adv;
	int ooo_fin;                /* a FIN came out of order at ... */
	uint32_t ooo_fin_seq;
	struct tcp_range ooo[TCP_OOO_MAX];
	int n_ooo;
	int ack_now;                /* send an ACK at the next output */
	int oow_acked;              /* an ACK answered a bad segment at ... */
	uint32_t oow_at;
	int unacked_segs;           /* in-order segments not yet ACKed */
	/* Buffers. */
	struct tcp_ring snd, rcv;
	/* Timers. */
	struct tcp_timer rexmt;     /* retransmission, or persist */
	int persist;                /* rexmt is the persist timer */
	struct tcp_timer delack;
	struct tcp_timer linger;    /* TIME_WAIT's 2 MSL, FIN_WAIT_2's limit */
	struct tcp_timer keep;      /* keep-alive (NET_SO_KEEPALIVE) */
	uint32_t keep_probes;       /* sent since the peer was last heard */
	/* Listeners: the backlog and the queue of connections for accept;
	 * connections from a listener: their listener until accepted. */
	int backlog;
	struct tcp_conn *parent;
	struct tcp_conn *accept_next;
	struct tcp_conn *accept_head;
	int children;               /* handshaking or waiting for accept */
	/* Counters for tcp_info. */
	uint32_t rtt_samples, timeouts, fast_retransmits;
};

struct tcp_stack {
	const struct tcp_ops *ops;
	void *ctx;
	struct net_stats *stats;
	uint32_t seed;
	uint16_t next_port;         /* the next ephemeral port to try */
	uint8_t out[TCP_HDR_MIN + 4 + TCP_MSS_LOCAL];   /* a segment to send */
	struct tcp_conn *conns[TCP_MAX_CONN];
};

/* tcp_stack.c */
void tcp_count(struct tcp_stack *s, enum net_stat which);
uint32_t tcp_now(struct tcp_stack *s);
struct tcp_conn *tcp_conn_new(struct tcp_stack *s);
void tcp_conn_free(struct tcp_conn *c);
int tcp_conn_buffers(struct tcp_conn *c);
struct tcp_conn *tcp_lookup(struct tcp_stack *s, uint32_t laddr,
    uint16_t lport, uint32_t raddr, uint16_t rport);
uint32_t tcp_new_iss(struct tcp_stack *s, const struct tcp_conn *c);
int tcp_port_free(struct tcp_stack *s, const struct tcp_conn *c,
    uint32_t addr, uint16_t port);
int tcp_pick_port(struct tcp_conn *c);
void tcp_deliver_wakeups(struct tcp_stack *s);

/* tcp_ring.c */
uint32_t ring_room(const struct tcp_ring *r);
uint32_t ring_write(struct tcp_ring *r, const void *p, uint32_t n);
void ring_write_at(struct tcp_ring *r, uint32_t off, const void *p,
    uint32_t n);
uint32_t ring_read(struct tcp_ring *r, void *p, uint32_t n);
void ring_peek(const struct tcp_ring *r, uint32_t off, void *p, uint32_t n);
void ring_drop(struct tcp_ring *r, uint32_t n);

/* tcp_seg.c */
int tcp_parse(struct tcp_stack *s, uint32_t src, uint32_t dst,
    const void *p, size_t len, struct tcp_seg *seg);
void tcp_send_segment(struct tcp_conn *c, uint32_t seq, uint8_t flags,
    uint32_t off, uint32_t len);
void tcp_send_reset(struct tcp_stack *s, const struct tcp_seg *seg);

/* tcp_output.c */
void tcp_output(struct tcp_conn *c);
void tcp_retransmit_first(struct tcp_conn *c);
uint32_t tcp_rcv_window(struct tcp_conn *c);
uint32_t tcp_data_end(const struct tcp_conn *c);

/* tcp_input.c, tcp_ack.c, tcp_data.c */
void tcp_input_conn(struct tcp_conn *c, struct tcp_seg *seg);
int tcp_process_ack(struct tcp_conn *c, const struct tcp_seg *seg);
void tcp_process_data(struct tcp_conn *c, struct tcp_seg *seg);
void tcp_listen_input(struct tcp_conn *l, struct tcp_seg *seg);
void tcp_ack_bad(struct tcp_conn *c, const struct tcp_seg *seg);

/* tcp_timer.c */
void tcp_timer_set(struct tcp_conn *c, struct tcp_timer *t, uint32_t ms);
void tcp_rtt_sample(struct tcp_conn *c, uint32_t rtt);
uint32_t tcp_rto_now(const struct tcp_conn *c);
void tcp_rexmt_restart(struct tcp_conn *c);
void tcp_timers_run(struct tcp_conn *c, uint32_t now);
void tcp_keep_heard(struct tcp_conn *c);

/* tcp_state.c */
void tcp_set_state(struct tcp_conn *c, int state);
void tcp_drop(struct tcp_conn *c, int error);
void tcp_enter_time_wait(struct tcp_conn *c);
void tcp_established(struct tcp_conn *c);
int tcp_synchronized(const struct tcp_conn *c);

#endif
