/* The TCP engine of the network server: connections, the three-way
 * handshake, sliding windows, retransmission, FIN/RST and TIME_WAIT, as
 * plain C with no IPC (built for the guest inside inet and on the host by
 * os/tests/test_tcp_host.py). See tcp.md.
 *
 * What goes in: segments (tcp_input, with the IPv4 source and
 * destination), the passing of time (tcp_tick; the clock is a callback in
 * milliseconds) and the socket layer's calls (tcp_open ... tcp_close).
 * What comes out: segments for IP (ops->output) and readiness wake-ups
 * (ops->wake, and tcp_poll which the socket layer may ask at any time).
 *
 * Byte order: every address and port in this API is in network order, as
 * in struct net_sockaddr_in (abi/socket.h) and in the IPv4 header, so the
 * socket layer and IP pass them through untouched.
 *
 * Errors are negative abi/errno.h values. Counters are NET_STAT_LIST's
 * (abi/socket.h), incremented in the struct net_stats given to
 * tcp_create.
 *
 * The engine is not thread-safe and not reentrant except as said at
 * ops->wake. */
#ifndef INET_TCP_H
#define INET_TCP_H

#include <stddef.h>
#include <stdint.h>
#include <abi/socket.h>

struct tcp_stack;       /* one per inet: every connection, the timers */
struct tcp_conn;        /* one connection block (a TCP socket) */

/* Sizes. The buffers are per connection; the window advertised is the
 * free room of the receive buffer (no window scaling: at most 65535). */
#define TCP_SNDBUF      (64 * 1024)
#define TCP_RCVBUF      (64 * 1024)
#define TCP_BACKLOG_MAX 32          /* tcp_listen clamps its backlog to this */
#define TCP_MAX_CONN    256         /* connection blocks in one stack */
#define TCP_MSS_DEFAULT 536         /* a peer's MSS when its SYN has none */
#define TCP_MSS_LOCAL   1460        /* what we announce (MTU 1500 - 40) */

/* Connection states (RFC 793), as tcp_state and tcp_info report them. */
enum tcp_state {
	TCP_CLOSED, TCP_LISTEN, TCP_SYN_SENT, TCP_SYN_RCVD, TCP_ESTABLISHED,
	TCP_FIN_WAIT_1, TCP_FIN_WAIT_2, TCP_CLOSE_WAIT, TCP_CLOSING,
	TCP_LAST_ACK, TCP_TIME_WAIT
};

/* Readiness (tcp_poll, ops->wake). */
#define TCP_POLL_IN   0x1   /* recv would not wait: data, end of stream,
                               an error, or (listener) a connection to
                               accept */
#define TCP_POLL_OUT  0x2   /* send would not wait: connected with room
                               in the send buffer, or an error; also set
                               when a connect finished (either way) */
#define TCP_POLL_ERR  0x4   /* an error is pending (tcp_error) */
#define TCP_POLL_HUP  0x8   /* both directions are finished or reset */

/* What the engine needs from the rest of inet. */
struct tcp_ops {
	/* output: send SEG (LEN bytes: TCP header with options and data,
	 * checksum filled in) in an IPv4 packet from SRC to DST (network
	 * order). SEG is the engine's buffer, valid during the call only:
	 * copy it. Returns 0 or a negative error (no route, no buffer); the
	 * engine treats a failure like a loss on the wire and recovers by
	 * retransmission. May be called from any tcp_* call. */
	int (*output)(void *ctx, uint32_t src, uint32_t dst, const void *seg,
	    size_t len);
	/* now: the time in milliseconds (any origin; wraps at 2^32). */
	uint32_t (*now)(void *ctx);
	/* source: the local address to use towards DST (the interface's),
	 * or 0 when DST cannot be reached (connect fails with
	 * -ENETUNREACH). */
	uint32_t (*source)(void *ctx, uint32_t dst);
	/* wake: connection C's readiness may have changed; EVENTS is its
	 * tcp_poll value now. Called only at the end of tcp_input and
	 * tcp_tick, when the engine is consistent: the handler may call any
	 * tcp_* function, tcp_close of C included, except tcp_input,
	 * tcp_tick and tcp_destroy. Never called for a connection after
	 * tcp_close or tcp_abort. May be NULL (the socket layer polls). */
	void (*wake)(void *ctx, struct tcp_conn *c, unsigned events);
};

/* Per-connection figures (tcp_info), for tests and diagnostics. Times
 * in milliseconds. */
struct tcp_info {
	int state;                 /* enum tcp_state */
	uint32_t srtt, rttvar;     /* smoothed RTT, its variation (0: none
	                              measured yet) */
	uint32_t rto;              /* the retransmission timeout now,
	                              backoff included */
	uint32_t rtt_samples;      /* RTT measurements taken (Karn: never
	                              from a retransmitted segment) */
	uint32_t cwnd, ssthresh;   /* congestion window and threshold
	                              (bytes) */
	uint32_t snd_wnd;          /* the peer's window */
	uint32_t mss;              /* the segment size in use */
	uint32_t unacked;          /* bytes sent, not yet acknowledged */
	uint32_t queued;           /* bytes in the send buffer (unacked
	                              included) */
	uint32_t readable;         /* bytes waiting in the receive buffer */
	uint32_t timeouts;         /* retransmission timeouts */
	uint32_t fast_retransmits; /* three duplicate ACKs seen */
	uint32_t backoff;          /* consecutive timeouts (RTO doubled this
	                              many times) */
	uint32_t ooo_segments;     /* segments held out of order now */
};

/* ---- the stack ------------------------------------------------------- */

/* tcp_create: a stack with no connections. OPS (kept by pointer) and CTX
 * are passed to every callback; STATS (kept; may be NULL) gets the
 * NET_STAT_tcp_* counters; SEED makes initial sequence numbers
 * unpredictable (RFC 6528: clock + a keyed hash of the four addresses
 * and ports). Returns NULL when out of memory. */
struct tcp_stack *tcp_create(const struct tcp_ops *ops, void *ctx,
    struct net_stats *stats, uint32_t seed);

/* tcp_destroy: free STACK and every connection block, sending nothing. */
void tcp_destroy(struct tcp_stack *stack);

/* tcp_input: one segment from IP: SEG, LEN bytes (the IPv4 payload: TCP
 * header, options, data) from SRC to DST (network order; IP has checked
 * that DST is ours and unicast). The checksum, header and options are
 * checked here; a bad segment is dropped and counted (tcp_drop_hdr,
 * tcp_drop_cksum, tcp_drop_state), a segment for no connection is
 * answered with a reset (tcp_rst_tx) unless it is one. */
void tcp_input(struct tcp_stack *stack, uint32_t src, uint32_t dst,
    const void *seg, size_t len);

/* tcp_icmp_unreach: (added after the first API, additive) an ICMP
 * destination unreachable with CODE (RFC 792) came back for a segment we
 * sent from SRC to DST (network order: the addresses of the IPv4 header
 * inside the ICMP message); SEG, LEN bytes, is what it quotes of that
 * segment (at least 8: the ports and the sequence number). It counts
 * only when the sequence number is one we sent and is not yet
 * acknowledged (RFC 5927). A connect in progress fails at once
 * (-ECONNREFUSED for codes 2 and 3, protocol and port unreachable;
 * -ENETUNREACH for 0; -EHOSTUNREACH for the others); an established
 * connection only remembers it (RFC 1122 4.2.3.9: a soft error) and
 * reports it instead of -ETIMEDOUT if it times out. Code 4 (fragmentation
 * needed) is ignored. Returns 0 when it matched a connection, -ENOENT
 * when not (the caller counts it as it likes). */
int tcp_icmp_unreach(struct tcp_stack *stack, uint32_t src, uint32_t dst,
    int code, const void *seg, size_t len);

/* tcp_tick: run the timers that are due by ops->now (retransmission,
 * delayed ACK, persist, TIME_WAIT, orphan timeouts, keep-alive). Call it when
 * tcp_next_timer says, or more often. */
void tcp_tick(struct tcp_stack *stack);

/* tcp_next_timer: milliseconds from now until the earliest timer (0: one
 * is due), or -1 when none is set: when to call tcp_tick next. */
int32_t tcp_next_timer(struct tcp_stack *stack);

/* tcp_checksum: the TCP checksum of SEG (LEN bytes) with the IPv4 pseudo
 * header SRC, DST (network order), as stored in the header (0 over a
 * segment whose stored checksum is right). */
uint16_t tcp_checksum(uint32_t src, uint32_t dst, const void *seg,
    size_t len);

/* ---- the socket layer's calls ---------------------------------------- */

/* tcp_open: a new connection block in state CLOSED, unbound. Returns
 * NULL when out of blocks or memory (the caller answers -ENOBUFS). */
struct tcp_conn *tcp_open(struct tcp_stack *stack);

/* tcp_set_user, tcp_user: the socket layer's pointer kept in C (NULL at
 * tcp_open and for a connection from tcp_accept). */
void tcp_set_user(struct tcp_conn *c, void *user);
void *tcp_user(const struct tcp_conn *c);

/* tcp_setopt: option NAME (NET_SO_REUSEADDR, NET_SO_KEEPALIVE: probes
 * after 2 idle hours, NET_TCP_NODELAY: no Nagle) to VALUE (0 off, else
 * on). Returns 0, -ENOPROTOOPT
 * for another name. tcp_getopt: its value, or -ENOPROTOOPT. */
int tcp_setopt(struct tcp_conn *c, int name, int value);
int tcp_getopt(const struct tcp_conn *c, int name);

/* tcp_bind: give C local ADDR (0: any of ours) and PORT (0: a free
 * ephemeral port, 49152..65535). Returns 0; -EINVAL when C is already
 * bound; -EADDRINUSE when another block has that address and port
 * (the same address, or either is any), unless C has NET_SO_REUSEADDR
 * and that block is not listening (a connection in TIME_WAIT, or one
 * accepted from a listener closed since);
 * -EADDRINUSE for port 0 when no ephemeral port is free. Whether ADDR is
 * this host's is the caller's check. */
int tcp_bind(struct tcp_conn *c, uint32_t addr, uint16_t port);

/* tcp_listen: make C (bound, or bound here to an ephemeral port) a
 * listener with BACKLOG (clamped to 1..TCP_BACKLOG_MAX) connections
 * handshaking or waiting for tcp_accept. Returns 0 (also when already
 * listening: the backlog changes); -EINVAL when C is connected or
 * connecting. */
int tcp_listen(struct tcp_conn *c, int backlog);

/* tcp_accept: take the oldest established connection from listener L
 * into *NEWC (state ESTABLISHED or later, user pointer NULL). Returns 0;
 * -EAGAIN when none is waiting (TCP_POLL_IN on L says when one is);
 * -EINVAL when L is not listening. */
int tcp_accept(struct tcp_conn *l, struct tcp_conn **newc);

/* tcp_connect: start the handshake from C (bound here if not yet) to
 * ADDR, PORT. Returns -EINPROGRESS when the SYN went out: TCP_POLL_OUT
 * then says the connect finished, and tcp_error says how (0, or
 * -ECONNREFUSED, -ETIMEDOUT, -ENETUNREACH). Else: -EALREADY while
 * connecting, -EISCONN when connected, -EINVAL when listening or
 * closed, -ENETUNREACH (ops->source found no route), -EADDRINUSE (no
 * free port, or the four addresses and ports are taken). */
int tcp_connect(struct tcp_conn *c, uint32_t addr, uint16_t port);

/* tcp_send: queue up to LEN bytes of BUF for sending. Returns the bytes
 * taken (1..LEN, as many as the send buffer has room for); -EAGAIN when
 * there is no room or the connection is still in its handshake (wait
 * for TCP_POLL_OUT); -EPIPE after tcp_shutdown(NET_SHUT_WR) or when the
 * connection has ended; -ENOTCONN when not connected; a pending error
 * (-ECONNRESET, -ETIMEDOUT), which is then cleared. LEN 0 returns 0. */
int tcp_send(struct tcp_conn *c, const void *buf, size_t len);

/* tcp_recv: take up to LEN bytes into BUF, in order. Returns the bytes
 * taken (> 0); 0 at the end of the stream (the peer's FIN, after every
 * byte before it; or after NET_SHUT_RD); -EAGAIN when nothing has come
 * yet; -ENOTCONN when not connected; a pending error (-ECONNRESET,
 * -ETIMEDOUT, -ECONNREFUSED), cleared: later calls return 0. Taking data
 * may open the window (a window update goes out). */
int tcp_recv(struct tcp_conn *c, void *buf, size_t len);

/* tcp_shutdown: HOW = NET_SHUT_WR (a FIN after the queued data),
 * NET_SHUT_RD (received data is dropped, tcp_recv returns 0) or
 * NET_SHUT_RDWR. Returns 0; -ENOTCONN when not connected; -EINVAL for a
 * bad HOW. */
int tcp_shutdown(struct tcp_conn *c, int how);

/* tcp_close: the socket is closed: C is no longer the caller's (no more
 * wake-ups; do not use C again). A connection closes gracefully on its
 * own (FIN after the queued data, TIME_WAIT), unless data was left
 * unread, in which case it is reset (RFC 2525); a listener resets the
 * connections it had not handed out. The block is freed when done. */
void tcp_close(struct tcp_conn *c);

/* tcp_abort: like tcp_close, but reset at once (RST to the peer when
 * synchronized) and free the block. */
void tcp_abort(struct tcp_conn *c);

/* tcp_poll: C's readiness now (TCP_POLL_*). */
unsigned tcp_poll(const struct tcp_conn *c);

/* tcp_error: take C's pending error (SO_ERROR): 0 or a negative error,
 * cleared by this call. */
int tcp_error(struct tcp_conn *c);

/* tcp_state: C's state (enum tcp_state). tcp_state_name: its name
 * ("ESTABLISHED"), "?" for a bad value. */
int tcp_state(const struct tcp_conn *c);
const char *tcp_state_name(int state);

/* tcp_local, tcp_peer: C's local and remote address and port (network
 * order; NULL pointers are skipped). tcp_local gives 0s when unbound;
 * tcp_peer returns -ENOTCONN when C has no peer, else 0. */
void tcp_local(const struct tcp_conn *c, uint32_t *addr, uint16_t *port);
int tcp_peer(const struct tcp_conn *c, uint32_t *addr, uint16_t *port);

/* tcp_info: C's figures (struct tcp_info) into *INFO. */
void tcp_info(const struct tcp_conn *c, struct tcp_info *info);

#endif
