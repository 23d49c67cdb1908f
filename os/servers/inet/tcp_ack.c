/* The ACK of an incoming segment: the end of a passive open, the send
 * buffer freed, RTT samples, congestion control (slow start, congestion
 * avoidance, fast retransmit and NewReno recovery: RFC 5681, 6582), the
 * peer's window, our FIN acknowledged. */
#include "tcp_internal.h"

#define CWND_MAX (1u << 20)

/* dup_ack: SEG repeats the ACK of snd_una (RFC 5681 2: no data, no
 * SYN/FIN, the same non-zero window, data outstanding): the third starts
 * a fast retransmit, each one after inflates the window in recovery. */
static void dup_ack(struct tcp_conn *c)
{
	c->dupacks++;
	if (c->dupacks == 3 && !c->in_recovery) {
		uint32_t flight = c->snd_max - c->snd_una;
		c->ssthresh = flight / 2 > 2 * c->mss ? flight / 2 : 2 * c->mss;
		c->recover = c->snd_max;
		c->in_recovery = 1;
		c->fast_retransmits++;
		tcp_count(c->stack, NET_STAT_tcp_fast_retransmit);
		tcp_retransmit_first(c);
		c->cwnd = c->ssthresh + 3 * c->mss;
	} else if (c->in_recovery) {
		c->cwnd += c->mss;
	}
}

/* new_ack: SEG acknowledges ACKED new bytes (snd_una is still the old
 * value): RTT sample, window growth or the end of recovery. */
static void new_ack_congestion(struct tcp_conn *c, uint32_t ack,
    uint32_t acked)
{
	if (c->in_recovery) {
		if (SEQ_GEQ(ack, c->recover)) {         /* full ACK */
			c->in_recovery = 0;
			c->cwnd = c->ssthresh;
		} else {                                /* partial ACK */
			c->cwnd = c->cwnd > acked ? c->cwnd - acked : 0;
			c->cwnd += c->mss;
		}
	} else if (c->cwnd < c->ssthresh) {             /* slow start */
		c->cwnd += acked < c->mss ? acked : c->mss;
	} else {                                        /* avoidance */
		uint32_t inc = c->mss * c->mss / c->cwnd;
		c->cwnd += inc ? inc : 1;
	}
	if (c->cwnd > CWND_MAX)
		c->cwnd = CWND_MAX;
	if (!c->in_recovery)
		c->dupacks = 0;
}

/* our_fin_acked: the peer has our FIN: FIN_WAIT_1 -> FIN_WAIT_2 (an
 * orphan waits at most TCP_FIN_WAIT2_MAX), CLOSING -> TIME_WAIT,
 * LAST_ACK -> CLOSED. Returns -1 when C is over. */
static int our_fin_acked(struct tcp_conn *c)
{
	switch (c->state) {
	case TCP_FIN_WAIT_1:
		tcp_set_state(c, TCP_FIN_WAIT_2);
		if (c->orphan)
			tcp_timer_set(c, &c->linger, TCP_FIN_WAIT2_MAX);
		break;
	case TCP_CLOSING:
		tcp_enter_time_wait(c);
		break;
	case TCP_LAST_ACK:
		tcp_drop(c, 0);
		return -1;
	}
	return 0;
}

/* tcp_process_ack: the ACK of SEG (acceptable, ACK set) at C. Returns 0
 * to go on with the data, -1 when the segment is done with (dropped, or
 * C is over). */
int tcp_process_ack(struct tcp_conn *c, const struct tcp_seg *seg)
{
	struct tcp_stack *s = c->stack;
	uint32_t ack = seg->ack;
	if (c->state == TCP_SYN_RCVD) {
		if (!SEQ_GT(ack, c->snd_una) || SEQ_GT(ack, c->snd_max)) {
			tcp_count(s, NET_STAT_tcp_drop_state);
			tcp_send_reset(s, seg);
			return -1;
		}
		c->snd_wnd = c->snd_wnd_max = seg->wnd;
		c->snd_wl1 = seg->seq;
		c->snd_wl2 = ack;
		tcp_established(c);
	}
	if (SEQ_GT(ack, c->snd_max)) {          /* acks what we never sent */
		tcp_count(s, NET_STAT_tcp_drop_state);
		tcp_ack_bad(c, seg);
		tcp_output(c);
		return -1;
	}
	if (ack == c->snd_una) {
		if (seg->len == 0 && !seg->old &&
		    !(seg->flags & (TH_SYN | TH_FIN)) &&
		    seg->wnd == c->snd_wnd && seg->wnd != 0 &&
		    c->snd_una != c->snd_max)
			dup_ack(c);
	} else if (SEQ_GT(ack, c->snd_una)) {
		uint32_t acked = ack - c->snd_una;
		if (c->rtt_timing && SEQ_GT(ack, c->rtt_seq)) {
			tcp_rtt_sample(c, tcp_now(s) - c->rtt_start);
			c->rtt_timing = 0;
		}
		c->backoff = 0;
		new_ack_congestion(c, ack, acked);
		uint32_t end = tcp_data_end(c);
		uint32_t upto = SEQ_LT(ack, end) ? ack : end;
		if (SEQ_GT(upto, c->snd_buf_seq)) {
			ring_drop(&c->snd, upto - c->snd_buf_seq);
			c->snd_buf_seq = upto;
		}
		c->snd_una = ack;
		if (SEQ_LT(c->snd_nxt, c->snd_una))
			c->snd_nxt = c->snd_una;
		if (c->in_recovery)             /* NewReno: the next hole */
			tcp_retransmit_first(c);
		else
			tcp_rexmt_restart(c);
		c->wake = 1;
		if (c->fin_sent && SEQ_GT(ack, c->fin_seq) &&
		    our_fin_acked(c) < 0)
			return -1;
	}
	if (SEQ_LT(c->snd_wl1, seg->seq) ||
	    (c->snd_wl1 == seg->seq && SEQ_LEQ(c->snd_wl2, ack))) {
		c->snd_wnd = seg->wnd;
		c->snd_wl1 = seg->seq;
		c->snd_wl2 = ack;
		if (seg->wnd > c->snd_wnd_max)
			c->snd_wnd_max = seg->wnd;
		if (c->persist && seg->wnd > 0) {
			c->persist = 0;
			c->rexmt.on = 0;
			c->backoff = 0;
		}
	}
	return 0;
}
