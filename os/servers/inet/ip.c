/* IPv4 (RFC 791, RFC 1122): the header checks on the way in, the header
 * and the route on the way out, and the loopback queue for packets to
 * ourselves. No fragments: fragments are dropped and counted, and packets
 * go out with DF set, never bigger than the MTU. */
#include <string.h>
#include "inet.h"

#define IP_PROTO_ICMP 1
#define IP_PROTO_TCP  6
#define IP_PROTO_UDP  17
#define IP_TTL        64
#define IP_DF         0x4000
#define IP_MF         0x2000
#define IP_OFFMASK    0x1fff

static uint16_t ip_id;

static struct {
	uint16_t len;
	uint8_t data[IP_MTU];
} loopq[IP_LOOP_LEN];
static int loop_head, loop_count;

/* ip_input: see inet.h. A frame may be padded past the packet (short
 * packets in 60-byte frames): the total length decides. */
void ip_input(const uint8_t *p, size_t len, int loop)
{
	STAT_INC(ip_rx);
	if (len < IP_HDR || (p[0] >> 4) != 4) {
		STAT_INC(ip_drop_hdr);
		return;
	}
	size_t hl = (size_t) (p[0] & 0xf) * 4;
	size_t total = (size_t) (p[2] << 8 | p[3]);
	if (hl < IP_HDR || hl > len || total < hl || total > len) {
		STAT_INC(ip_drop_hdr);
		return;
	}
	if (inet_fold(inet_sum(p, hl, 0)) != 0) {
		STAT_INC(ip_drop_cksum);
		return;
	}
	uint16_t frag = (uint16_t) (p[6] << 8 | p[7]);
	if ((frag & IP_MF) || (frag & IP_OFFMASK)) {
		STAT_INC(ip_drop_frag);
		return;
	}
	uint32_t src, dst;
	memcpy(&src, p + 12, 4);
	memcpy(&dst, p + 16, 4);
	int to_us = loop ? inet_is_local(dst) :
	    ((dst == inet_if.addr && dst != 0) || inet_is_bcast(dst));
	if (!to_us || (!loop && ((inet_ntohl(src) >> 24) == 127 ||
	    inet_is_bcast(src)))) {
		STAT_INC(ip_drop_addr);
		return;
	}
	const uint8_t *pl = p + hl;
	size_t plen = total - hl;
	switch (p[9]) {
	case IP_PROTO_ICMP:
		icmp_input(src, dst, pl, plen);
		break;
	case IP_PROTO_UDP:
		udp_input(src, dst, pl, plen);
		break;
	case IP_PROTO_TCP:
		tcpg_input(src, dst, pl, plen);
		break;
	default:
		STAT_INC(ip_drop_proto);
	}
}

/* ip_src_for: see inet.h. */
uint32_t ip_src_for(uint32_t dst)
{
	if ((inet_ntohl(dst) >> 24) == 127)
		return INET_IP(127, 0, 0, 1);
	return inet_if.addr;
}

/* ip_output: see inet.h. The next hop: DST itself on our subnet (or a
 * broadcast), else the gateway. */
int ip_output(int proto, uint32_t src, uint32_t dst, const void *payload,
    size_t len)
{
	static uint8_t pkt[IP_MTU];
	if (len > IP_MTU - IP_HDR)
		return -EMSGSIZE;
	int local = inet_is_local(dst);
	if (!local && (!(inet_if.flags & NET_IF_UP) || inet_if.addr == 0))
		return -ENETUNREACH;
	if (src == 0)
		src = ip_src_for(dst);
	size_t total = IP_HDR + len;
	pkt[0] = 0x45;
	pkt[1] = 0;
	pkt[2] = (uint8_t) (total >> 8);
	pkt[3] = (uint8_t) total;
	ip_id++;
	pkt[4] = (uint8_t) (ip_id >> 8);
	pkt[5] = (uint8_t) ip_id;
	pkt[6] = IP_DF >> 8;
	pkt[7] = 0;
	pkt[8] = IP_TTL;
	pkt[9] = (uint8_t) proto;
	pkt[10] = pkt[11] = 0;
	memcpy(pkt + 12, &src, 4);
	memcpy(pkt + 16, &dst, 4);
	uint16_t ck = inet_fold(inet_sum(pkt, IP_HDR, 0));
	memcpy(pkt + 10, &ck, 2);
	memcpy(pkt + IP_HDR, payload, len);
	if (local) {
		if (loop_count == IP_LOOP_LEN)
			return -ENOBUFS;
		int t = (loop_head + loop_count) % IP_LOOP_LEN;
		loopq[t].len = (uint16_t) total;
		memcpy(loopq[t].data, pkt, total);
		loop_count++;
		return 0;
	}
	uint32_t hop = dst;
	if (!inet_is_bcast(dst) &&
	    ((dst ^ inet_if.addr) & inet_if.netmask) != 0) {
		if (inet_if.gateway == 0)
			return -ENETUNREACH;
		hop = inet_if.gateway;
	}
	arp_send_ip(hop, pkt, total);
	return 0;
}

/* ip_loop_run: see inet.h. */
int ip_loop_run(void)
{
	static uint8_t buf[IP_MTU];
	int n = 0;
	while (loop_count > 0) {
		size_t len = loopq[loop_head].len;
		memcpy(buf, loopq[loop_head].data, len);
		loop_head = (loop_head + 1) % IP_LOOP_LEN;
		loop_count--;
		ip_input(buf, len, 1);
		n++;
	}
	return n;
}
