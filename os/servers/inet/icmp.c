/* ICMP (RFC 792): echo requests answered, echo replies handed to the ping
 * socket (/dev/icmp) whose identifier they carry, as Linux's ping sockets:
 * the socket's identifier is its "port". */
#include <string.h>
#include "inet.h"

#define ICMP_ECHO_REPLY 0
#define ICMP_ECHO       8
#define IP_PROTO_ICMP   1

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
