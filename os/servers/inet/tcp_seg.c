/* Segments on the wire: the checksum, parsing and checking what came in,
 * building what goes out. */
#include "tcp_internal.h"

/* sum16: add the big-endian 16-bit words of P (N bytes, an odd last byte
 * padded with zero) to SUM. */
static uint32_t sum16(uint32_t sum, const uint8_t *p, size_t n)
{
	for (; n > 1; p += 2, n -= 2)
		sum += (uint32_t) p[0] << 8 | p[1];
	if (n)
		sum += (uint32_t) p[0] << 8;
	return sum;
}

/* tcp_checksum: see tcp.h. */
uint16_t tcp_checksum(uint32_t src, uint32_t dst, const void *seg,
    size_t len)
{
	uint8_t ph[12];
	memcpy(ph, &src, 4);
	memcpy(ph + 4, &dst, 4);
	ph[8] = 0;
	ph[9] = NET_IPPROTO_TCP;
	ph[10] = (uint8_t) (len >> 8);
	ph[11] = (uint8_t) len;
	uint32_t sum = sum16(sum16(0, ph, sizeof(ph)), seg, len);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t) ~sum;
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t) p[0] << 24 | (uint32_t) p[1] << 16 |
	    (uint32_t) p[2] << 8 | p[3];
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t) (v >> 24);
	p[1] = (uint8_t) (v >> 16);
	p[2] = (uint8_t) (v >> 8);
	p[3] = (uint8_t) v;
}

/* parse_options: read the options in P[20..OFF) into SEG (the MSS).
 * Returns 0, or -1 for a malformed list (a length under 2 or past the
 * header, an MSS option not 4 bytes long or of 0). */
static int parse_options(const uint8_t *p, uint32_t off, struct tcp_seg *seg)
{
	uint32_t i = TCP_HDR_MIN;
	while (i < off) {
		uint8_t kind = p[i];
		if (kind == 0)                  /* end of the list */
			break;
		if (kind == 1) {                /* no-operation */
			i++;
			continue;
		}
		if (i + 1 >= off)
			return -1;
		uint8_t olen = p[i + 1];
		if (olen < 2 || i + olen > off)
			return -1;
		if (kind == 2) {                /* maximum segment size */
			if (olen != 4)
				return -1;
			seg->mss = (uint32_t) p[i + 2] << 8 | p[i + 3];
			if (seg->mss == 0)
				return -1;
		}
		i += olen;
	}
	return 0;
}

/* tcp_parse: check the segment P (LEN bytes) from SRC to DST and fill
 * SEG. Returns 0, or -1 after counting why it is dropped: tcp_drop_hdr
 * (shorter than a header, a data offset under 5 words or past the end,
 * bad options, a port 0, SYN with FIN or RST), tcp_drop_cksum. */
int tcp_parse(struct tcp_stack *s, uint32_t src, uint32_t dst,
    const void *p, size_t len, struct tcp_seg *seg)
{
	const uint8_t *b = p;
	if (len < TCP_HDR_MIN || len > 0xffff) {
		tcp_count(s, NET_STAT_tcp_drop_hdr);
		return -1;
	}
	uint32_t off = (uint32_t) (b[12] >> 4) * 4;
	if (off < TCP_HDR_MIN || off > len) {
		tcp_count(s, NET_STAT_tcp_drop_hdr);
		return -1;
	}
	if (tcp_checksum(src, dst, p, len) != 0) {
		tcp_count(s, NET_STAT_tcp_drop_cksum);
		return -1;
	}
	memset(seg, 0, sizeof(*seg));
	seg->src = src;
	seg->dst = dst;
	memcpy(&seg->sport, b, 2);
	memcpy(&seg->dport, b + 2, 2);
	seg->seq = get32(b + 4);
	seg->ack = get32(b + 8);
	seg->flags = b[13] & 0x3f;
	seg->wnd = (uint32_t) b[14] << 8 | b[15];
	seg->data = b + off;
	seg->len = (uint32_t) len - off;
	if (seg->sport == 0 || seg->dport == 0 ||
	    ((seg->flags & TH_SYN) && (seg->flags & (TH_FIN | TH_RST))) ||
	    parse_options(b, off, seg) < 0) {
		tcp_count(s, NET_STAT_tcp_drop_hdr);
		return -1;
	}
	return 0;
}

/* emit: fill in the header of the LEN-byte segment in S->out (data and
 * options in place) and hand it to IP. */
static void emit(struct tcp_stack *s, uint32_t src, uint32_t dst,
    uint16_t sport, uint16_t dport, uint32_t seq, uint32_t ack,
    uint8_t flags, uint32_t wnd, uint32_t hlen, uint32_t len)
{
	uint8_t *h = s->out;
	memcpy(h, &sport, 2);
	memcpy(h + 2, &dport, 2);
	put32(h + 4, seq);
	put32(h + 8, ack);
	h[12] = (uint8_t) ((hlen / 4) << 4);
	h[13] = flags;
	h[14] = (uint8_t) (wnd >> 8);
	h[15] = (uint8_t) wnd;
	h[16] = h[17] = 0;
	h[18] = h[19] = 0;
	uint16_t ck = tcp_checksum(src, dst, h, len);
	h[16] = (uint8_t) (ck >> 8);
	h[17] = (uint8_t) ck;
	if (flags & TH_RST)
		tcp_count(s, NET_STAT_tcp_rst_tx);
	s->ops->output(s->ctx, src, dst, h, len);
}

/* tcp_send_segment: send one segment of C: sequence number SEQ, FLAGS
 * (ACK is added once C is past SYN_SENT), LEN bytes of the send ring
 * from offset OFF, the MSS option on a SYN, the receive window. An ACK
 * going out clears the delayed-ACK state. */
void tcp_send_segment(struct tcp_conn *c, uint32_t seq, uint8_t flags,
    uint32_t off, uint32_t len)
{
	struct tcp_stack *s = c->stack;
	uint32_t hlen = TCP_HDR_MIN;
	if (c->state != TCP_SYN_SENT && c->state != TCP_CLOSED)
		flags |= TH_ACK;
	if (flags & TH_SYN) {
		uint8_t *o = s->out + TCP_HDR_MIN;
		o[0] = 2;
		o[1] = 4;
		o[2] = (uint8_t) (TCP_MSS_LOCAL >> 8);
		o[3] = (uint8_t) TCP_MSS_LOCAL;
		hlen += 4;
	}
	if (len)
		ring_peek(&c->snd, off, s->out + hlen, len);
	uint32_t wnd = (flags & TH_RST) ? 0 : tcp_rcv_window(c);
	if (flags & TH_ACK) {
		c->ack_now = 0;
		c->unacked_segs = 0;
		c->delack.on = 0;
	}
	emit(s, c->laddr, c->raddr, c->lport, c->rport, seq,
	    (flags & TH_ACK) ? c->rcv_nxt : 0, flags, wnd, hlen, hlen + len);
}

/* tcp_send_reset: answer SEG, which belongs to no connection (and is not
 * a reset), with a reset (RFC 793 "Reset Generation"). */
void tcp_send_reset(struct tcp_stack *s, const struct tcp_seg *seg)
{
	if (seg->flags & TH_ACK) {
		emit(s, seg->dst, seg->src, seg->dport, seg->sport, seg->ack,
		    0, TH_RST, 0, TCP_HDR_MIN, TCP_HDR_MIN);
	} else {
		uint32_t ack = seg->seq + seg->len +
		    !!(seg->flags & TH_SYN) + !!(seg->flags & TH_FIN);
		emit(s, seg->dst, seg->src, seg->dport, seg->sport, 0, ack,
		    TH_RST | TH_ACK, 0, TCP_HDR_MIN, TCP_HDR_MIN);
	}
}
