/* UDP (RFC 768): datagrams in, checked and queued on the socket bound to
 * their port; datagrams out with the pseudo-header checksum. */
#include <string.h>
#include "inet.h"

#define IP_PROTO_UDP 17

/* udp_input: see inet.h. A zero checksum means "none" (RFC 768). The
 * socket: a connected one whose peer is the sender first, then one bound
 * to the port (any address or the destination). */
void udp_input(uint32_t src, uint32_t dst, const uint8_t *d, size_t len)
{
	STAT_INC(udp_rx);
	if (len < UDP_HDR) {
		STAT_INC(udp_drop);
		return;
	}
	size_t ulen = (size_t) (d[4] << 8 | d[5]);
	if (ulen < UDP_HDR || ulen > len) {
		STAT_INC(udp_drop);
		return;
	}
	if ((d[6] | d[7]) != 0 && inet_fold(inet_sum(d, ulen,
	    inet_pseudo(src, dst, IP_PROTO_UDP, ulen))) != 0) {
		STAT_INC(udp_drop);
		return;
	}
	uint16_t sport, dport;
	memcpy(&sport, d, 2);
	memcpy(&dport, d + 2, 2);
	int best = -1;
	for (int i = 0; i < SOCK_MAX; i++) {
		struct sock *s = &inet_socks[i];
		if (s->type != SOCK_UDP || !s->bound || s->lport != dport ||
		    (s->laddr != 0 && s->laddr != dst))
			continue;
		if (s->connected) {
			if (s->faddr == src && s->fport == sport) {
				best = i;
				break;
			}
		} else if (best < 0) {
			best = i;
		}
	}
	if (best < 0) {
		STAT_INC(udp_noport);
		return;
	}
	sock_dgram_queue(best, src, sport, d + UDP_HDR, ulen - UDP_HDR);
}

/* udp_output: see inet.h. A computed checksum of 0 goes as 0xffff. */
int udp_output(uint32_t saddr, uint16_t sport, uint32_t daddr,
    uint16_t dport, const void *data, size_t len)
{
	static uint8_t dg[UDP_HDR + UDP_MAX];
	if (len > UDP_MAX)
		return -EMSGSIZE;
	if (saddr == 0)
		saddr = ip_src_for(daddr);
	size_t ulen = UDP_HDR + len;
	memcpy(dg, &sport, 2);
	memcpy(dg + 2, &dport, 2);
	dg[4] = (uint8_t) (ulen >> 8);
	dg[5] = (uint8_t) ulen;
	dg[6] = dg[7] = 0;
	memcpy(dg + UDP_HDR, data, len);
	uint16_t ck = inet_fold(inet_sum(dg, ulen,
	    inet_pseudo(saddr, daddr, IP_PROTO_UDP, ulen)));
	if (ck == 0)
		ck = 0xffff;
	memcpy(dg + 6, &ck, 2);
	return ip_output(IP_PROTO_UDP, saddr, daddr, dg, ulen);
}
