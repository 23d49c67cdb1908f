/* ICMP (RFC 792): echo requests answered, echo replies handed to the ping
 * socket (/dev/icmp) whose identifier they carry, as Linux's ping sockets:
 * the socket's identifier is its "port"; destination unreachable for a
 * TCP segment of ours told to the TCP engine. */
#include <string.h>
#include "inet.h"

#define ICMP_ECHO_REPLY 0
#define ICMP_UNREACH    3
#define ICMP_ECHO       8
#define IP_PROTO_ICMP   1
#define IP_PROTO_TCP    6

/* unreach: a destination unreachable (CODE) quoting the IPv4 header and
 * the first bytes Q (LEN) of a packet we sent: a TCP segment's goes to
 * the engine (a connect fails at once, RFC 1122 4.2.3.9); anything
 * malformed or not ours is ignored. */
static void unreach(int code, const uint8_t *q, size_t len)
{
	if (len < IP_HDR || (q[0] >> 4) != 4)
		return;
	size_t hl = (size_t) (q[0] & 0xf) * 4;
	if (hl < IP_HDR || len < hl + 8 || q[9] != IP_PROTO_TCP)
		return;
	uint32_t src, dst;
	memcpy(&src, q + 12, 4);
	memcpy(&dst, q + 16, 4);
	if (!inet_is_local(src))
		return;
	tcpg_unreach(src, dst, code, q + hl, len - hl);
}

/* icmp_input: see inet.h. A request to a broadcast address is not
 * answered (RFC 1122 allows silence: no storms). */
void icmp_input(uint32_t src, uint32_t dst, const uint8_t *m, size_t len)
{
	static uint8_t reply[ICMP_MAX];
	STAT_INC(icmp_rx);
	if (len < ICMP_HDR || len > ICMP_MAX ||
	    inet_fold(inet_sum(m, len, 0)) != 0) {
		STAT_INC(icmp_drop);
		return;
	}
	if (m[0] == ICMP_ECHO && m[1] == 0) {
		if (inet_is_bcast(dst))
			return;
		memcpy(reply, m, len);
		reply[0] = ICMP_ECHO_REPLY;
		reply[2] = reply[3] = 0;
		uint16_t ck = inet_fold(inet_sum(reply, len, 0));
		memcpy(reply + 2, &ck, 2);
		ip_output(IP_PROTO_ICMP, dst, src, reply, len);
		return;
	}
	if (m[0] == ICMP_UNREACH) {
		unreach(m[1], m + ICMP_HDR, len - ICMP_HDR);
		return;
	}
	if (m[0] != ICMP_ECHO_REPLY)
		return;
	uint16_t ident;
	memcpy(&ident, m + 4, 2);
	for (int i = 0; i < SOCK_MAX; i++) {
		struct sock *s = &inet_socks[i];
		if (s->type == SOCK_ICMP && s->bound && s->lport == ident &&
		    (!s->connected || s->faddr == src)) {
			sock_dgram_queue(i, src, 0, m, len);
			return;
		}
	}
}
