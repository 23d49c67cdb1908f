/* ICMP errors about our segments (RFC 1122 4.2.3.9, RFC 5927's check of
 * the quoted sequence number): a connect fails at once, an established
 * connection keeps the error as the reason should it time out. */
#include "tcp_internal.h"

/* tcp_icmp_unreach: see tcp.h. */
int tcp_icmp_unreach(struct tcp_stack *s, uint32_t src, uint32_t dst,
    int code, const void *seg, size_t len)
{
	const uint8_t *b = seg;
	if (len < 8)
		return -ENOENT;
	uint16_t sport, dport;
	memcpy(&sport, b, 2);
	memcpy(&dport, b + 2, 2);
	uint32_t seq = (uint32_t) b[4] << 24 | (uint32_t) b[5] << 16 |
	    (uint32_t) b[6] << 8 | b[7];
	struct tcp_conn *c = tcp_lookup(s, src, sport, dst, dport);
	if (!c || c->state == TCP_LISTEN || c->rport != dport ||
	    c->raddr != dst || SEQ_LT(seq, c->snd_una) ||
	    !SEQ_LT(seq, c->snd_max))
		return -ENOENT;
	if (code == 4)
		return 0;
	int err = code == 2 || code == 3 ? -ECONNREFUSED :
	    code == 0 ? -ENETUNREACH : -EHOSTUNREACH;
	if (c->state == TCP_SYN_SENT) {
		tcp_drop(c, err);
		tcp_deliver_wakeups(s);
	} else {
		c->soft_error = err;
	}
	return 0;
}
