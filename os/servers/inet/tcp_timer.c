/* Timers and the retransmission timeout: RTT samples (RFC 6298,
 * Jacobson/Karels), exponential backoff, what each timer does when it
 * expires (retransmission, persist, delayed ACK, TIME_WAIT). */
#include "tcp_internal.h"

/* tcp_timer_set: run timer T of C MS milliseconds from now. */
void tcp_timer_set(struct tcp_conn *c, struct tcp_timer *t, uint32_t ms)
{
	t->at = tcp_now(c->stack) + ms;
	t->on = 1;
}

/* tcp_rtt_sample: fold a round-trip time of RTT ms into C's SRTT and
 * RTTVAR (alpha 1/8, beta 1/4) and compute the RTO: SRTT + max(G,
 * 4 RTTVAR) within TCP_RTO_MIN..TCP_RTO_MAX. */
void tcp_rtt_sample(struct tcp_conn *c, uint32_t rtt)
{
	if (rtt == 0)
		rtt = 1;
	if (c->rtt_samples == 0) {
		c->srtt8 = rtt << 3;
		c->rttvar4 = rtt << 1;
	} else {
		int32_t d = (int32_t) rtt - (int32_t) (c->srtt8 >> 3);
		c->srtt8 = (uint32_t) ((int32_t) c->srtt8 + d);
		if (d < 0)
			d = -d;
		c->rttvar4 = (uint32_t) ((int32_t) c->rttvar4 + d -
		    (int32_t) (c->rttvar4 >> 2));
	}
	c->rtt_samples++;
	uint32_t var = c->rttvar4 > TCP_CLOCK_G ? c->rttvar4 : TCP_CLOCK_G;
	uint32_t rto = (c->srtt8 >> 3) + var;
	if (rto < TCP_RTO_MIN)
		rto = TCP_RTO_MIN;
	if (rto > TCP_RTO_MAX)
		rto = TCP_RTO_MAX;
	c->rto = rto;
}

/* tcp_rto_now: the RTO with C's backoff applied (doubled per
 * consecutive timeout), at most TCP_RTO_MAX. */
uint32_t tcp_rto_now(const struct tcp_conn *c)
{
	uint32_t rto = c->rto;
	for (uint32_t i = 0; i < c->backoff && rto < TCP_RTO_MAX; i++)
		rto *= 2;
	return rto > TCP_RTO_MAX ? TCP_RTO_MAX : rto;
}

/* tcp_rexmt_restart: after an ACK of new data: stop the retransmission
 * timer when nothing is outstanding, else restart it (RFC 6298 5.2, 5.3). */
void tcp_rexmt_restart(struct tcp_conn *c)
{
	if (c->persist)
		return;
	if (c->snd_una == c->snd_max)
		c->rexmt.on = 0;
	else
		tcp_timer_set(c, &c->rexmt, tcp_rto_now(c));
}

/* persist_expired: data waits and nothing is in flight: the peer's
 * window is shut (probe it with one byte beyond it: snd_nxt stays, and
 * snd_max covers the byte so its ACK is accepted) or too small for the
 * silly-window rule (send what it takes); then back off. */
static void persist_expired(struct tcp_conn *c)
{
	uint32_t off = c->snd_nxt - c->snd_buf_seq;
	if (c->snd.len <= off || c->snd_nxt != c->snd_una) {
		c->persist = 0;         /* nothing waits any more */
		tcp_output(c);
		return;
	}
	if (c->snd_wnd == 0) {
		tcp_send_segment(c, c->snd_nxt, 0, off, 1);
		if (SEQ_GT(c->snd_nxt + 1, c->snd_max))
			c->snd_max = c->snd_nxt + 1;
	} else {
		uint32_t len = c->snd.len - off;
		if (len > c->snd_wnd)
			len = c->snd_wnd;
		if (len > c->mss)
			len = c->mss;
		tcp_send_segment(c, c->snd_nxt, 0, off, len);
		c->snd_nxt += len;
		if (SEQ_GT(c->snd_nxt, c->snd_max))
			c->snd_max = c->snd_nxt;
		c->persist = 0;
		c->rtt_timing = 0;
		tcp_timer_set(c, &c->rexmt, tcp_rto_now(c));
		return;
	}
	if (c->backoff < 16)
		c->backoff++;
	uint32_t t = tcp_rto_now(c);
	if (t < TCP_PERSIST_MIN)
		t = TCP_PERSIST_MIN;
	tcp_timer_set(c, &c->rexmt, t > TCP_PERSIST_MAX ? TCP_PERSIST_MAX : t);
}

/* rexmt_expired: the retransmission timeout: give up after too many in
 * a row (-ETIMEDOUT), else back off, shrink the congestion window to one
 * segment (RFC 5681 3.1), forget the timed segment (Karn) and resend
 * from the first unacknowledged byte. Returns -1 when C was dropped. */
static int rexmt_expired(struct tcp_conn *c)
{
	int syn = c->state == TCP_SYN_SENT || c->state == TCP_SYN_RCVD;
	if (++c->backoff > (syn ? TCP_SYN_RETRIES : TCP_DATA_RETRIES)) {
		tcp_drop(c, c->soft_error ? c->soft_error : -ETIMEDOUT);
		return -1;
	}
	c->timeouts++;
	tcp_count(c->stack, NET_STAT_tcp_retransmit);
	if (!syn) {
		uint32_t flight = c->snd_max - c->snd_una;
		c->ssthresh = flight / 2 > 2 * c->mss ? flight / 2 : 2 * c->mss;
		c->cwnd = c->mss;
		c->in_recovery = 0;
		c->dupacks = 0;
	}
	c->rtt_timing = 0;
	c->snd_nxt = syn ? c->iss : c->snd_una;
	c->rexmt.on = 0;
	tcp_output(c);
	if (!c->rexmt.on)       /* nothing went out: keep trying */
		tcp_timer_set(c, &c->rexmt, tcp_rto_now(c));
	return 0;
}

/* linger_expired: TIME_WAIT is over (or an orphan waited too long in
 * FIN_WAIT_2): free an orphan, else the socket's block is CLOSED. */
static void linger_expired(struct tcp_conn *c)
{
	if (c->orphan || c->parent) {
		tcp_conn_free(c);
		return;
	}
	tcp_set_state(c, TCP_CLOSED);
	c->ended = 1;
	c->wake = 1;
}

/* tcp_keep_heard: the peer was heard from (or keep-alive was just
 * turned on, or the connection came up): the keep-alive timer starts
 * over, or stops when keep-alive is off. */
void tcp_keep_heard(struct tcp_conn *c)
{
	c->keep_probes = 0;
	c->keep.on = 0;
	if (c->keepalive && (c->state == TCP_ESTABLISHED ||
	    c->state == TCP_CLOSE_WAIT))
		tcp_timer_set(c, &c->keep, TCP_KEEP_IDLE);
}

/* keep_expired: the connection was idle: send a keep-alive probe (an ACK
 * at snd_una - 1, which the peer must answer) unless data is in flight
 * (retransmission watches that), or give up after TCP_KEEP_CNT unanswered
 * ones: reset and -ETIMEDOUT (C may be freed). */
static void keep_expired(struct tcp_conn *c)
{
	if (!c->keepalive || (c->state != TCP_ESTABLISHED &&
	    c->state != TCP_CLOSE_WAIT))
		return;
	if (c->snd_una != c->snd_max) {
		tcp_timer_set(c, &c->keep, TCP_KEEP_IDLE);
		return;
	}
	if (c->keep_probes >= TCP_KEEP_CNT) {
		tcp_send_segment(c, c->snd_max, TH_RST, 0, 0);
		tcp_drop(c, -ETIMEDOUT);
		return;
	}
	c->keep_probes++;
	tcp_send_segment(c, c->snd_una - 1, 0, 0, 0);
	tcp_timer_set(c, &c->keep, TCP_KEEP_INTVL);
}

/* tcp_timers_run: run C's timers that are due at NOW (C may be freed). */
void tcp_timers_run(struct tcp_conn *c, uint32_t now)
{
	if (c->linger.on && TIME_DUE(c->linger.at, now)) {
		c->linger.on = 0;
		linger_expired(c);
		return;
	}
	if (c->delack.on && TIME_DUE(c->delack.at, now)) {
		c->delack.on = 0;
		c->ack_now = 1;
		tcp_output(c);
	}
	if (c->rexmt.on && TIME_DUE(c->rexmt.at, now)) {
		c->rexmt.on = 0;
		if (c->persist)
			persist_expired(c);
		else if (rexmt_expired(c) < 0)
			return;
	}
	if (c->keep.on && TIME_DUE(c->keep.at, now)) {
		c->keep.on = 0;
		keep_expired(c);
	}
}
