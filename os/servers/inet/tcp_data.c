/* The data and FIN of an incoming segment: in-order bytes into the
 * receive ring, out-of-order bytes stored in place past them and
 * remembered as ranges until the hole fills, delayed ACKs (every second
 * segment, else after TCP_DELACK), the peer's FIN. */
#include "tcp_internal.h"

/* ooo_add: remember that [START, END) is stored past rcv_nxt, merging
 * ranges that touch. With TCP_OOO_MAX ranges already, the highest one is
 * forgotten (its bytes come again). */
static void ooo_add(struct tcp_conn *c, uint32_t start, uint32_t end)
{
	struct tcp_range r[TCP_OOO_MAX + 1];
	int n = 0, placed = 0;
	for (int i = 0; i < c->n_ooo; i++) {
		if (!placed && SEQ_LT(start, c->ooo[i].start)) {
			r[n].start = start;
			r[n++].end = end;
			placed = 1;
		}
		r[n++] = c->ooo[i];
	}
	if (!placed) {
		r[n].start = start;
		r[n++].end = end;
	}
	int m = 0;
	for (int i = 0; i < n; i++) {
		if (m && SEQ_LEQ(r[i].start, r[m - 1].end)) {
			if (SEQ_GT(r[i].end, r[m - 1].end))
				r[m - 1].end = r[i].end;
		} else {
			r[m++] = r[i];
		}
	}
	if (m > TCP_OOO_MAX)
		m = TCP_OOO_MAX;
	memcpy(c->ooo, r, (size_t) m * sizeof(r[0]));
	c->n_ooo = m;
}

/* ooo_pull: rcv_nxt moved: take the ranges it reached into the in-order
 * data (their bytes are in the ring already). */
static void ooo_pull(struct tcp_conn *c)
{
	int i = 0;
	while (i < c->n_ooo && SEQ_LEQ(c->ooo[i].start, c->rcv_nxt)) {
		if (SEQ_GT(c->ooo[i].end, c->rcv_nxt)) {
			c->rcv.len += c->ooo[i].end - c->rcv_nxt;
			c->rcv_nxt = c->ooo[i].end;
		}
		i++;
	}
	memmove(c->ooo, c->ooo + i, (size_t) (c->n_ooo - i) * sizeof(c->ooo[0]));
	c->n_ooo -= i;
}

/* fin_input: the peer's FIN is next in sequence: count it, ACK it, and
 * move on (ESTABLISHED -> CLOSE_WAIT, FIN_WAIT_1 -> CLOSING or TIME_WAIT
 * when our FIN is acknowledged too, FIN_WAIT_2 -> TIME_WAIT). */
static void fin_input(struct tcp_conn *c)
{
	c->rcv_nxt++;
	c->fin_rcvd = 1;
	c->ooo_fin = 0;
	c->ack_now = 1;
	c->wake = 1;
	switch (c->state) {
	case TCP_ESTABLISHED:
		tcp_set_state(c, TCP_CLOSE_WAIT);
		break;
	case TCP_FIN_WAIT_1:
		if (c->fin_sent && c->snd_una == c->snd_max)
			tcp_enter_time_wait(c);
		else
			tcp_set_state(c, TCP_CLOSING);
		break;
	case TCP_FIN_WAIT_2:
		tcp_enter_time_wait(c);
		break;
	}
}

/* in_order: LEN bytes at rcv_nxt: into the ring; ACK at once when they
 * filled a hole, else every second segment or after TCP_DELACK. */
static void in_order(struct tcp_conn *c, const uint8_t *data, uint32_t len)
{
	uint32_t n = ring_write(&c->rcv, data, len);
	c->rcv_nxt += n;
	if (c->n_ooo) {
		ooo_pull(c);
		c->ack_now = 1;
	} else if (++c->unacked_segs >= 2) {
		c->ack_now = 1;
	} else if (!c->delack.on) {
		tcp_timer_set(c, &c->delack, TCP_DELACK);
	}
	c->wake = 1;
}

/* tcp_process_data: the data and FIN of SEG (trimmed to the window) at
 * C. An orphan that is sent data resets the connection (nobody will read
 * it, RFC 2525 2.17) and is freed. */
void tcp_process_data(struct tcp_conn *c, struct tcp_seg *seg)
{
	int open = c->state == TCP_ESTABLISHED ||
	    c->state == TCP_FIN_WAIT_1 || c->state == TCP_FIN_WAIT_2;
	if (!open || c->fin_rcvd)
		return;
	if (seg->len) {
		if (c->orphan) {
			tcp_send_segment(c, c->snd_nxt, TH_RST, 0, 0);
			tcp_drop(c, 0);
			return;
		}
		if (c->shut_rd) {               /* taken and thrown away */
			if (seg->seq == c->rcv_nxt)
				c->rcv_nxt += seg->len;
			c->ack_now = 1;
		} else if (seg->seq == c->rcv_nxt) {
			in_order(c, seg->data, seg->len);
		} else {
			uint32_t off = seg->seq - c->rcv_nxt + c->rcv.len;
			ring_write_at(&c->rcv, off, seg->data, seg->len);
			ooo_add(c, seg->seq, seg->seq + seg->len);
			tcp_count(c->stack, NET_STAT_tcp_out_of_order);
			c->ack_now = 1;
		}
	}
	if (seg->flags & TH_FIN) {
		uint32_t at = seg->seq + seg->len;
		if (at == c->rcv_nxt) {
			fin_input(c);
		} else if (SEQ_GT(at, c->rcv_nxt)) {
			c->ooo_fin = 1;
			c->ooo_fin_seq = at;
			c->ack_now = 1;
		}
	}
	if (c->ooo_fin && c->ooo_fin_seq == c->rcv_nxt && !c->fin_rcvd)
		fin_input(c);
}
