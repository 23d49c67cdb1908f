/* Segments in: demultiplexing, listeners (passive open), SYN_SENT
 * (active open), and the checks every synchronized connection makes
 * before looking at the ACK and the data (RFC 793 3.9 "SEGMENT ARRIVES",
 * RFC 5961's answers to resets and SYNs in the window). */
#include "tcp_internal.h"

/* segment_mss: the segment size to use with a peer whose SYN was SEG. */
static uint32_t segment_mss(const struct tcp_seg *seg)
{
	uint32_t mss = seg->mss ? seg->mss : TCP_MSS_DEFAULT;
	if (mss > TCP_MSS_LOCAL)
		mss = TCP_MSS_LOCAL;
	if (mss < 64)
		mss = 64;
	return mss;
}

/* tcp_listen_input: SEG came to listener L: a SYN makes a connection in
 * SYN_RCVD (unless the backlog is full: dropped, the peer retries), an
 * ACK is answered with a reset, anything else is dropped. */
void tcp_listen_input(struct tcp_conn *l, struct tcp_seg *seg)
{
	struct tcp_stack *s = l->stack;
	if (seg->flags & TH_RST) {
		tcp_count(s, NET_STAT_tcp_drop_state);
		return;
	}
	if (seg->flags & TH_ACK) {
		tcp_count(s, NET_STAT_tcp_drop_state);
		tcp_send_reset(s, seg);
		return;
	}
	if (!(seg->flags & TH_SYN) || l->children >= l->backlog) {
		tcp_count(s, NET_STAT_tcp_drop_state);
		return;
	}
	struct tcp_conn *c = tcp_conn_new(s);
	if (!c) {
		tcp_count(s, NET_STAT_tcp_drop_state);
		return;
	}
	if (tcp_conn_buffers(c) < 0) {
		tcp_conn_free(c);
		tcp_count(s, NET_STAT_tcp_drop_state);
		return;
	}
	c->laddr = seg->dst;
	c->lport = l->lport;
	c->raddr = seg->src;
	c->rport = seg->sport;
	c->bound = 1;
	c->reuseaddr = l->reuseaddr;
	c->keepalive = l->keepalive;
	c->nodelay = l->nodelay;
	c->parent = l;
	l->children++;
	c->irs = seg->seq;
	c->rcv_nxt = c->rcv_adv = seg->seq + 1;
	c->mss = segment_mss(seg);
	c->snd_wnd = c->snd_wnd_max = seg->wnd;
	c->snd_wl1 = seg->seq;
	c->iss = tcp_new_iss(s, c);
	c->snd_una = c->snd_nxt = c->snd_max = c->iss;
	c->snd_buf_seq = c->iss + 1;
	c->cwnd = c->mss;
	c->state = TCP_SYN_RCVD;
	tcp_output(c);
}

/* syn_sent_input: SEG came to C in SYN_SENT (RFC 793 p. 66): a reset
 * with an acceptable ACK refuses the connection, a SYN-ACK completes it,
 * a bare SYN is a simultaneous open (SYN_RCVD). Data on a SYN is not
 * taken (the peer sends it again). */
static void syn_sent_input(struct tcp_conn *c, struct tcp_seg *seg)
{
	struct tcp_stack *s = c->stack;
	int ack_ok = (seg->flags & TH_ACK) && SEQ_GT(seg->ack, c->iss) &&
	    SEQ_LEQ(seg->ack, c->snd_max);
	if ((seg->flags & TH_ACK) && !ack_ok) {
		tcp_count(s, NET_STAT_tcp_drop_state);
		if (!(seg->flags & TH_RST))
			tcp_send_reset(s, seg);
		return;
	}
	if (seg->flags & TH_RST) {
		if (ack_ok)
			tcp_drop(c, -ECONNREFUSED);
		else
			tcp_count(s, NET_STAT_tcp_drop_state);
		return;
	}
	if (!(seg->flags & TH_SYN)) {
		tcp_count(s, NET_STAT_tcp_drop_state);
		return;
	}
	c->irs = seg->seq;
	c->rcv_nxt = c->rcv_adv = seg->seq + 1;
	c->mss = segment_mss(seg);
	c->snd_wnd = c->snd_wnd_max = seg->wnd;
	c->snd_wl1 = seg->seq;
	c->snd_wl2 = seg->ack;
	if (ack_ok) {
		c->snd_una = seg->ack;
		if (c->rtt_timing) {
			tcp_rtt_sample(c, tcp_now(s) - c->rtt_start);
			c->rtt_timing = 0;
		}
		c->rexmt.on = 0;
		tcp_established(c);
		c->ack_now = 1;
	} else {
		c->state = TCP_SYN_RCVD;
		c->snd_nxt = c->iss;
	}
	tcp_output(c);
}

/* tcp_ack_bad: owe an ACK in answer to SEG, which C could not take (out
 * of the window, acknowledging what was never sent, a reset or SYN in
 * the window). Answers to segments without data are rate-limited to one
 * per TCP_OOW_GAP (as Linux does, RFC 5961 10): two sides whose
 * sequence numbers went apart would otherwise answer each other's ACKs
 * forever. */
void tcp_ack_bad(struct tcp_conn *c, const struct tcp_seg *seg)
{
	uint32_t now = tcp_now(c->stack);
	if (seg->len == 0 && !(seg->flags & TH_FIN)) {
		if (c->oow_acked && now - c->oow_at < TCP_OOW_GAP)
			return;
		c->oow_acked = 1;
		c->oow_at = now;
	}
	c->ack_now = 1;
}

/* acceptable: RFC 793's test of SEG's sequence numbers against C's
 * receive window WND. */
static int acceptable(const struct tcp_conn *c, const struct tcp_seg *seg,
    uint32_t wnd)
{
	uint32_t seglen = seg->len + !!(seg->flags & TH_SYN) +
	    !!(seg->flags & TH_FIN);
	uint32_t nxt = c->rcv_nxt;
	if (seglen == 0 && wnd == 0)
		return seg->seq == nxt;
	if (seglen == 0)
		return SEQ_GEQ(seg->seq, nxt) && SEQ_LT(seg->seq, nxt + wnd);
	if (wnd == 0)
		return 0;
	uint32_t last = seg->seq + seglen - 1;
	return (SEQ_GEQ(seg->seq, nxt) && SEQ_LT(seg->seq, nxt + wnd)) ||
	    (SEQ_GEQ(last, nxt) && SEQ_LT(last, nxt + wnd));
}

/* trim: cut what SEG has before rcv_nxt (already received) and past the
 * window's right edge WND. */
static void trim(const struct tcp_conn *c, struct tcp_seg *seg, uint32_t wnd)
{
	if (SEQ_LT(seg->seq, c->rcv_nxt)) {
		uint32_t d = c->rcv_nxt - seg->seq;
		if (seg->flags & TH_SYN) {
			seg->flags &= (uint8_t) ~TH_SYN;
			seg->seq++;
			d--;
		}
		if (d > seg->len) {     /* a FIN received before, too */
			d = seg->len;
			seg->flags &= (uint8_t) ~TH_FIN;
		}
		seg->data += d;
		seg->len -= d;
		seg->seq += d;
	}
	uint32_t right = c->rcv_nxt + wnd;
	if (SEQ_GT(seg->seq + seg->len, right)) {
		seg->len = right - seg->seq;
		seg->flags &= (uint8_t) ~TH_FIN;
	}
}

/* old_duplicate: whether SEG (not acceptable at C) lies wholly before
 * rcv_nxt and carries an ACK worth reading (no SYN, no RST). */
static int old_duplicate(const struct tcp_conn *c, const struct tcp_seg *seg)
{
	uint32_t seglen = seg->len + !!(seg->flags & TH_FIN);
	return (seg->flags & TH_ACK) && !(seg->flags & (TH_SYN | TH_RST)) &&
	    SEQ_LEQ(seg->seq + seglen, c->rcv_nxt) &&
	    c->state != TCP_SYN_RCVD;
}

/* reset_input: an acceptable reset came to C (RFC 793 p. 70): the
 * connection is over with the error its state calls for. */
static void reset_input(struct tcp_conn *c)
{
	int err = 0;
	if (c->state == TCP_SYN_RCVD && !c->parent)
		err = -ECONNREFUSED;
	else if (c->state == TCP_ESTABLISHED || c->state == TCP_FIN_WAIT_1 ||
	    c->state == TCP_FIN_WAIT_2 || c->state == TCP_CLOSE_WAIT)
		err = -ECONNRESET;
	tcp_drop(c, err);
}

/* tcp_input_conn: SEG came to C (not a listener). */
void tcp_input_conn(struct tcp_conn *c, struct tcp_seg *seg)
{
	struct tcp_stack *s = c->stack;
	if (c->state == TCP_SYN_SENT) {
		syn_sent_input(c, seg);
		return;
	}
	uint32_t wnd = SEQ_GT(c->rcv_adv, c->rcv_nxt) ?
	    c->rcv_adv - c->rcv_nxt : 0;
	if ((seg->flags & TH_SYN) && seg->seq == c->irs &&
	    !(seg->flags & TH_RST)) {
		/* The peer's SYN again (its SYN-ACK in a simultaneous open,
		 * or sent again because our answer was lost): answer it, and
		 * go on with the rest of the segment (its ACK), as BSD's
		 * trimming does. */
		seg->flags &= (uint8_t) ~TH_SYN;
		seg->seq++;
		tcp_ack_bad(c, seg);
		if (!(seg->flags & TH_ACK)) {
			tcp_count(s, NET_STAT_tcp_drop_state);
			tcp_output(c);
			return;
		}
	}
	if (!acceptable(c, seg, wnd)) {
		tcp_count(s, NET_STAT_tcp_drop_state);
		if (seg->flags & TH_RST)
			return;
		if (c->state == TCP_TIME_WAIT && (seg->flags & TH_FIN))
			tcp_timer_set(c, &c->linger, 2 * TCP_MSL);
		tcp_ack_bad(c, seg);
		if (!old_duplicate(c, seg)) {
			tcp_output(c);
			return;
		}
		/* A duplicate: its data is dropped, its ACK still counts (as
		 * in BSD): two sides whose ACKs each fall before the other's
		 * window would otherwise never hear of each other's. */
		seg->old = 1;
		seg->len = 0;
		seg->flags &= (uint8_t) ~TH_FIN;
		goto ack;
	}
	if (seg->flags & TH_RST) {
		if (seg->seq == c->rcv_nxt) {
			reset_input(c);
		} else {                /* RFC 5961 3.2: a challenge ACK */
			tcp_count(s, NET_STAT_tcp_drop_state);
			tcp_ack_bad(c, seg);
			tcp_output(c);
		}
		return;
	}
	trim(c, seg, wnd);
	if (seg->flags & TH_SYN) {      /* RFC 5961 4.2: a challenge ACK */
		tcp_count(s, NET_STAT_tcp_drop_state);
		tcp_ack_bad(c, seg);
		tcp_output(c);
		return;
	}
	if (!(seg->flags & TH_ACK)) {
		tcp_count(s, NET_STAT_tcp_drop_state);
		return;
	}
ack:
	tcp_keep_heard(c);
	if (tcp_process_ack(c, seg) < 0)
		return;
	if (s->conns[c->slot] != c)
		return;
	tcp_process_data(c, seg);
	if (s->conns[c->slot] == c)
		tcp_output(c);
}

/* tcp_input: see tcp.h. */
void tcp_input(struct tcp_stack *s, uint32_t src, uint32_t dst,
    const void *p, size_t len)
{
	struct tcp_seg seg;
	tcp_count(s, NET_STAT_tcp_rx);
	if (tcp_parse(s, src, dst, p, len, &seg) < 0)
		return;
	struct tcp_conn *c = tcp_lookup(s, dst, seg.dport, src, seg.sport);
	/* A new SYN to a connection in TIME_WAIT past its last sequence
	 * number starts a new one (RFC 1122 4.2.2.13). */
	if (c && c->state == TCP_TIME_WAIT && (seg.flags & TH_SYN) &&
	    !(seg.flags & TH_ACK) && SEQ_GT(seg.seq, c->rcv_nxt) &&
	    (c->orphan || c->parent)) {
		tcp_conn_free(c);
		c = tcp_lookup(s, dst, seg.dport, src, seg.sport);
	}
	if (!c) {
		tcp_count(s, NET_STAT_tcp_drop_state);
		if (!(seg.flags & TH_RST))
			tcp_send_reset(s, &seg);
	} else if (c->state == TCP_LISTEN) {
		tcp_listen_input(c, &seg);
	} else {
		tcp_input_conn(c, &seg);
	}
	tcp_deliver_wakeups(s);
}
