/* What goes out: data within the peer's and the congestion window, our
 * SYN and FIN, ACKs; Nagle's rule and silly-window avoidance (RFC 1122
 * 4.2.3.4, 4.2.3.3). */
#include "tcp_internal.h"

/* tcp_data_end: the sequence number after the last byte queued. */
uint32_t tcp_data_end(const struct tcp_conn *c)
{
	return c->snd_buf_seq + c->snd.len;
}

/* tcp_rcv_window: the window to advertise now, and note its right edge
 * (rcv_adv). The right edge never moves left; it moves right only by at
 * least min(buffer/2, MSS) (receiver silly-window avoidance). */
uint32_t tcp_rcv_window(struct tcp_conn *c)
{
	uint32_t room = c->rcv.buf ? ring_room(&c->rcv) : 0;
	uint32_t cur = SEQ_GT(c->rcv_adv, c->rcv_nxt) ?
	    c->rcv_adv - c->rcv_nxt : 0;
	uint32_t step = c->rcv.size / 2 < c->mss ? c->rcv.size / 2 : c->mss;
	if (room > TCP_WIN_MAX)
		room = TCP_WIN_MAX;
	uint32_t wnd = room;
	if (room > cur && room - cur < step)
		wnd = cur;
	if (wnd < cur)          /* cannot happen: do not shrink anyway */
		wnd = cur;
	c->rcv_adv = c->rcv_nxt + wnd;
	return wnd;
}

/* fin_wanted: whether C is to send a FIN once its data is out. */
static int fin_wanted(const struct tcp_conn *c)
{
	if (!c->shut_wr)
		return 0;
	switch (c->state) {
	case TCP_ESTABLISHED: case TCP_CLOSE_WAIT: case TCP_FIN_WAIT_1:
	case TCP_CLOSING: case TCP_LAST_ACK:
		return 1;
	}
	return 0;
}

/* start_timers: after sending a segment that takes sequence space at
 * SEQ: time it if it is new (Karn: never a retransmission) and none is
 * timed, and run the retransmission timer. */
static void start_timers(struct tcp_conn *c, uint32_t seq)
{
	if (!c->rtt_timing && SEQ_GEQ(seq, c->snd_max)) {
		c->rtt_timing = 1;
		c->rtt_seq = seq;
		c->rtt_start = tcp_now(c->stack);
	}
	if (!c->rexmt.on || c->persist) {
		c->persist = 0;
		tcp_timer_set(c, &c->rexmt, tcp_rto_now(c));
	}
}

/* send_syn: (re)send our SYN (SYN_SENT) or SYN-ACK (SYN_RCVD). */
static void send_syn(struct tcp_conn *c)
{
	tcp_send_segment(c, c->iss, TH_SYN, 0, 0);
	start_timers(c, c->iss);
	c->snd_nxt = c->iss + 1;
	if (SEQ_GT(c->snd_nxt, c->snd_max))
		c->snd_max = c->snd_nxt;
}

/* send_one: decide the next segment of data and/or FIN at snd_nxt and
 * send it. Returns 1 when one went out, 0 when nothing is to go now. */
static int send_one(struct tcp_conn *c)
{
	uint32_t off = c->snd_nxt - c->snd_buf_seq;
	uint32_t avail = c->snd.len > off ? c->snd.len - off : 0;
	uint32_t cwnd = c->cwnd;
	if (!c->in_recovery && c->dupacks && c->dupacks < 3)
		cwnd += c->dupacks * c->mss;    /* limited transmit, RFC 3042 */
	uint32_t win = c->snd_wnd < cwnd ? c->snd_wnd : cwnd;
	uint32_t flight = c->snd_nxt - c->snd_una;
	uint32_t usable = win > flight ? win - flight : 0;
	uint32_t len = avail;
	if (len > usable)
		len = usable;
	if (len > c->mss)
		len = c->mss;
	/* The FIN rides on the segment that ends the data (sent again with
	 * it after a timeout). */
	int fin = fin_wanted(c) && c->snd_nxt + len == tcp_data_end(c);
	int go = 0;
	if (len == c->mss || (len > 0 && fin))
		go = 1;
	else if (len > 0 && len == avail &&
	    (c->nodelay || c->snd_nxt == c->snd_una))
		go = 1;           /* Nagle: nothing small in flight */
	else if (len > 0 && c->snd_wnd_max && len >= c->snd_wnd_max / 2)
		go = 1;           /* sender silly-window avoidance */
	else if (len == 0 && fin && avail == 0)
		go = 1;
	if (!go)
		return 0;
	if (!fin && len == 0)
		return 0;
	uint8_t flags = (uint8_t) ((fin ? TH_FIN : 0) |
	    (len && len == avail ? TH_PSH : 0));
	uint32_t seq = c->snd_nxt;
	tcp_send_segment(c, seq, flags, off, len);
	start_timers(c, seq);
	c->snd_nxt += len + (uint32_t) fin;
	if (fin && !c->fin_sent) {
		c->fin_sent = 1;
		c->fin_seq = seq + len;
		if (c->state == TCP_ESTABLISHED)
			tcp_set_state(c, TCP_FIN_WAIT_1);
		else if (c->state == TCP_CLOSE_WAIT)
			tcp_set_state(c, TCP_LAST_ACK);
	}
	if (SEQ_GT(c->snd_nxt, c->snd_max))
		c->snd_max = c->snd_nxt;
	return 1;
}

/* tcp_output: send what C may send now (SYN, data, FIN), an ACK if one
 * is owed and nothing else carried it, and start the persist timer when
 * data waits with nothing in flight (the peer's window is shut, or too
 * small for the sender's silly-window rule: RFC 1122 4.2.3.4's override
 * timer). */
void tcp_output(struct tcp_conn *c)
{
	if (c->state == TCP_CLOSED || c->state == TCP_LISTEN)
		return;
	if (c->state == TCP_SYN_SENT || c->state == TCP_SYN_RCVD) {
		if (c->snd_nxt == c->iss)
			send_syn(c);
		else if (c->ack_now && c->state == TCP_SYN_RCVD)
			tcp_send_segment(c, c->iss, TH_SYN, 0, 0);
		c->ack_now = 0;
		return;
	}
	if (c->state != TCP_TIME_WAIT)
		while (send_one(c))
			;
	if (c->ack_now)                 /* BSD's choice: at snd_max */
		tcp_send_segment(c, c->snd_max, 0, 0, 0);
	uint32_t off = c->snd_nxt - c->snd_buf_seq;
	if (c->snd.len > off && c->snd_nxt == c->snd_una && !c->rexmt.on) {
		c->persist = 1;
		tcp_timer_set(c, &c->rexmt, tcp_rto_now(c));
	}
}

/* tcp_retransmit_first: resend the first unacknowledged segment (fast
 * retransmit, NewReno's partial ACK) without moving snd_nxt, and restart
 * the retransmission timer. */
void tcp_retransmit_first(struct tcp_conn *c)
{
	uint32_t off = c->snd_una - c->snd_buf_seq;
	uint32_t len = c->snd.len > off ? c->snd.len - off : 0;
	if (len > c->mss)
		len = c->mss;
	int fin = c->fin_sent && c->snd_una + len == c->fin_seq;
	if (len == 0 && !fin)
		return;
	tcp_send_segment(c, c->snd_una, (uint8_t) (fin ? TH_FIN : 0), off,
	    len);
	c->rtt_timing = 0;
	c->persist = 0;
	tcp_timer_set(c, &c->rexmt, tcp_rto_now(c));
}
