/* ARP (RFC 826) for IPv4 over Ethernet: a cache of neighbours' MACs, and
 * IP packets waiting for an answer. A request is sent again every
 * ARP_RETRY_MS; after ARP_TRIES unanswered requests the entry and its
 * packets are dropped (TCP sends again; UDP loses them). */
#include <string.h>
#include "inet.h"

#define ARP_LEN 28
#define ARP_REQUEST 1
#define ARP_REPLY   2

enum { ARP_FREE = 0, ARP_WAIT, ARP_OK };

static struct arp_entry {
	int state;
	uint32_t addr;
	uint8_t mac[NDEV_ADDR_LEN];
	uint32_t stamp;            /* OK: learnt at; WAIT: last request at */
	int tries;
} cache[ARP_ENTRIES];

static struct {
	int used;
	uint32_t nexthop;
	uint32_t seq;              /* age: the oldest goes first */
	uint16_t len;
	uint8_t data[IP_MTU];
} pending[ARP_PENDING];
static uint32_t pending_seq;

/* find: the entry of ADDR, or NULL. */
static struct arp_entry *find(uint32_t addr)
{
	for (int i = 0; i < ARP_ENTRIES; i++)
		if (cache[i].state != ARP_FREE && cache[i].addr == addr)
			return &cache[i];
	return NULL;
}

/* slot: a free entry, else the oldest one (its waiting packets dropped). */
static struct arp_entry *slot(void)
{
	struct arp_entry *old = &cache[0];
	for (int i = 0; i < ARP_ENTRIES; i++) {
		if (cache[i].state == ARP_FREE)
			return &cache[i];
		if ((int32_t) (cache[i].stamp - old->stamp) < 0)
			old = &cache[i];
	}
	for (int i = 0; i < ARP_PENDING; i++)
		if (pending[i].used && pending[i].nexthop == old->addr)
			pending[i].used = 0;
	return old;
}

/* send_arp: an ARP packet OP to TMAC/TADDR (request: broadcast). */
static void send_arp(int op, const uint8_t *tmac, uint32_t taddr)
{
	uint8_t p[ARP_LEN];
	p[0] = 0; p[1] = 1;                    /* Ethernet */
	p[2] = 0x08; p[3] = 0x00;              /* IPv4 */
	p[4] = NDEV_ADDR_LEN; p[5] = 4;
	p[6] = 0; p[7] = (uint8_t) op;
	memcpy(p + 8, inet_drv.mac, NDEV_ADDR_LEN);
	memcpy(p + 14, &inet_if.addr, 4);
	if (op == ARP_REQUEST)
		memset(p + 18, 0, NDEV_ADDR_LEN);
	else
		memcpy(p + 18, tmac, NDEV_ADDR_LEN);
	memcpy(p + 24, &taddr, 4);
	eth_output(op == ARP_REQUEST ? eth_bcast : tmac, ETH_TYPE_ARP, p,
	    ARP_LEN);
}

/* release: send the packets waiting for E's address, oldest first. */
static void release(const struct arp_entry *e)
{
	for (;;) {
		int best = -1;
		for (int i = 0; i < ARP_PENDING; i++)
			if (pending[i].used && pending[i].nexthop == e->addr &&
			    (best < 0 || (int32_t) (pending[i].seq -
			    pending[best].seq) < 0))
				best = i;
		if (best < 0)
			return;
		pending[best].used = 0;
		eth_output(e->mac, ETH_TYPE_IP, pending[best].data,
		    pending[best].len);
	}
}

/* learn: ADDR is at MAC (CREATE: add it when it is not in the cache). */
static void learn(uint32_t addr, const uint8_t *mac, int create)
{
	struct arp_entry *e = find(addr);
	if (!e) {
		if (!create)
			return;
		e = slot();
		e->addr = addr;
	}
	memcpy(e->mac, mac, NDEV_ADDR_LEN);
	e->state = ARP_OK;
	e->stamp = inet_now;
	e->tries = 0;
	release(e);
}

/* arp_input: see inet.h. The sender is learnt when it is in the cache
 * already or the packet is for us (RFC 826's merge); a sender claiming
 * a broadcast, zero or our own address teaches nothing. */
void arp_input(const uint8_t *p, size_t len)
{
	STAT_INC(arp_rx);
	if (len < ARP_LEN || p[0] != 0 || p[1] != 1 || p[2] != 0x08 ||
	    p[3] != 0x00 || p[4] != NDEV_ADDR_LEN || p[5] != 4 || p[6] != 0 ||
	    (p[7] != ARP_REQUEST && p[7] != ARP_REPLY)) {
		STAT_INC(arp_drop);
		return;
	}
	uint32_t saddr, taddr;
	memcpy(&saddr, p + 14, 4);
	memcpy(&taddr, p + 24, 4);
	const uint8_t *smac = p + 8;
	if ((smac[0] & 1) || saddr == 0 || inet_is_bcast(saddr) ||
	    saddr == inet_if.addr) {
		STAT_INC(arp_drop);
		return;
	}
	int for_us = taddr == inet_if.addr && inet_if.addr != 0;
	learn(saddr, smac, for_us);
	if (for_us && p[7] == ARP_REQUEST)
		send_arp(ARP_REPLY, smac, saddr);
}

/* arp_send_ip: see inet.h. */
void arp_send_ip(uint32_t nexthop, const void *pkt, size_t len)
{
	if (inet_is_bcast(nexthop)) {
		eth_output(eth_bcast, ETH_TYPE_IP, pkt, len);
		return;
	}
	struct arp_entry *e = find(nexthop);
	if (e && e->state == ARP_OK) {
		eth_output(e->mac, ETH_TYPE_IP, pkt, len);
		return;
	}
	int k = -1;
	for (int i = 0; i < ARP_PENDING && k < 0; i++)
		if (!pending[i].used)
			k = i;
	if (k < 0) {                           /* full: drop the oldest */
		k = 0;
		for (int i = 1; i < ARP_PENDING; i++)
			if ((int32_t) (pending[i].seq - pending[k].seq) < 0)
				k = i;
	}
	pending[k].used = 1;
	pending[k].nexthop = nexthop;
	pending[k].seq = pending_seq++;
	pending[k].len = (uint16_t) len;
	memcpy(pending[k].data, pkt, len);
	if (!e) {
		e = slot();
		e->state = ARP_WAIT;
		e->addr = nexthop;
		e->tries = 1;
		e->stamp = inet_now;
		send_arp(ARP_REQUEST, NULL, nexthop);
	}
}

/* arp_tick: see inet.h. */
void arp_tick(void)
{
	for (int i = 0; i < ARP_ENTRIES; i++) {
		struct arp_entry *e = &cache[i];
		uint32_t age = inet_now - e->stamp;
		if (e->state == ARP_OK && age >= ARP_TTL_MS) {
			e->state = ARP_FREE;
		} else if (e->state == ARP_WAIT && age >= ARP_RETRY_MS) {
			if (e->tries >= ARP_TRIES) {
				for (int k = 0; k < ARP_PENDING; k++)
					if (pending[k].nexthop == e->addr)
						pending[k].used = 0;
				e->state = ARP_FREE;
				continue;
			}
			e->tries++;
			e->stamp = inet_now;
			send_arp(ARP_REQUEST, NULL, e->addr);
		}
	}
}

/* arp_lookup: see inet.h. */
int arp_lookup(uint32_t addr, uint8_t *mac)
{
	struct arp_entry *e = find(addr);
	if (!e || e->state != ARP_OK)
		return 0;
	memcpy(mac, e->mac, NDEV_ADDR_LEN);
	return 1;
}

/* arp_flush: see inet.h. */
void arp_flush(void)
{
	memset(cache, 0, sizeof(cache));
	memset(pending, 0, sizeof(pending));
}
