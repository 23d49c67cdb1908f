/* nettest: the network-driver protocol (abi/net.h) spoken to the e1000
 * driver directly, before there is a network server, for
 * os/tests/test_e1000.py. Started in inet's place, under its label (the
 * driver may notify inet, its manifest says) with its own manifest
 * (nettest.conf: it may ask e1000):
 *   service up /usr/tests/nettest -label inet -config /etc/system.conf.d/nettest
 * it plays inet's part: it
 * subscribes to driver up ("drv.net.*", existing keys too), and on every
 * event (the first start, a restart after `service fi e1000`, a live
 * update) sends NDEV_INIT to the driver's current endpoint, then an ARP
 * request for 10.0.2.2 (QEMU's user network: the host), again every
 * second until QEMU's slirp answers; each answer prints
 *   nettest: round N: 10.0.2.2 is at MAC (tx T rx R irq I)
 * with the driver's counters (NDEV_STATS). Frames are drained with
 * NDEV_RECV on every notification from the driver, until it answers 0;
 * an ARP request for 10.0.2.15 is answered, and a TCP SYN to us printed
 * (`nettest: tcp syn from 10.0.2.2 to port 80`: the harness's forwarded
 * host port reaches the guest). With -args N, round 1 is followed by a
 * burst of N ARP requests sent as fast as the driver takes them:
 *   nettest: burst: N frames sent (ring full F times)
 *   nettest: burst: A answers (driver: tx .. rx .. irq ..)
 * After 10 unanswered requests: `nettest: round N: FAILED (...)`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <abi/errno.h>
#include <abi/endpoint.h>
#include <abi/boot.h>
#include <abi/grant.h>
#include <abi/net.h>
#include "sef.h"
#include "ds.h"
#include "kcall.h"
#include "syslib.h"

#define DRIVER_KEY "drv.net.e1000"
#define TRIES 10
#define RETRY_TICKS 100                   /* 1 s at 100 Hz */

static const uint8_t my_ip[4] = { 10, 0, 2, 15 };
static const uint8_t host_ip[4] = { 10, 0, 2, 2 };

static endpoint_t driver = NONE;
static uint8_t my_mac[NDEV_ADDR_LEN];
static int round_no, waiting, tries;
/* -args BURST: after round 1, BURST ARP requests sent as fast as the
 * driver takes them (after -EAGAIN: again on its next notification),
 * the answers counted. */
static int burst_left, burst_sent, burst_full, burst_replies, bursting;

static void pump(void);
static uint32_t next_id = 1;

/* request: send TYPE to the driver with a grant of LEN bytes at BUF
 * (ACCESS: GRANT_READ for a frame, GRANT_WRITE for a buffer; no grant
 * when BUF is NULL); the reply into *REP. Returns the reply's status, or
 * the IPC error (the driver died: the next driver up starts again). */
static int request(int type, void *buf, size_t len, int access,
    struct mess_ndev_reply *rep)
{
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = type;
	uint32_t g = GRANT_INVALID;
	if (buf) {
		g = cpf_grant_direct(driver, (vir_bytes) buf, len, access);
		if (g == GRANT_INVALID)
			return -ENOMEM;
	}
	m.u.ndev_req.grant = g;
	m.u.ndev_req.size = (uint32_t) len;
	m.u.ndev_req.id = next_id++;
	int r = ipc_sendrec(driver, &m);
	if (g != GRANT_INVALID)
		cpf_revoke(g);
	if (r != 0)
		return r;
	if (m.m_type != NDEV_REPLY || m.u.ndev_reply.id != next_id - 1)
		return -EIO;
	*rep = m.u.ndev_reply;
	return rep->status;
}

/* arp_frame: "who has 10.0.2.2, tell 10.0.2.15", broadcast, into F (42
 * bytes: the driver pads it). */
static void arp_frame(uint8_t *f)
{
	memset(f, 0xFF, 6);
	memcpy(f + 6, my_mac, 6);
	f[12] = 0x08; f[13] = 0x06;                     /* ARP */
	f[14] = 0; f[15] = 1;                           /* Ethernet */
	f[16] = 0x08; f[17] = 0x00;                     /* IPv4 */
	f[18] = 6; f[19] = 4;
	f[20] = 0; f[21] = 1;                           /* request */
	memcpy(f + 22, my_mac, 6);
	memcpy(f + 28, my_ip, 4);
	memset(f + 32, 0, 6);
	memcpy(f + 38, host_ip, 4);
}

/* send_arp: the round's ARP request, and the alarm to ask again. */
static void send_arp(void)
{
	static uint8_t f[42];
	arp_frame(f);
	struct mess_ndev_reply rep;
	int r = request(NDEV_SEND, f, sizeof(f), GRANT_READ, &rep);
	if (r != (int) sizeof(f))
		printf("nettest: send: %d\n", r);
	tries++;
	sys_setalarm(RETRY_TICKS, 0, NULL);
}

/* answered: the ARP reply of 10.0.2.2 in frame F (LEN bytes) is here:
 * print the round's line with the driver's counters. */
static void answered(const uint8_t *f)
{
	struct ndev_stats st;
	struct mess_ndev_reply rep;
	memset(&st, 0, sizeof(st));
	int r = request(NDEV_STATS, &st, sizeof(st), GRANT_WRITE, &rep);
	const uint8_t *mac = f + 22;
	printf("nettest: round %d: 10.0.2.2 is at "
	    "%02x:%02x:%02x:%02x:%02x:%02x (tx %u rx %u irq %u, stats %d)\n",
	    round_no, mac[0], mac[1], mac[2], mac[3], mac[4], mac[5],
	    st.tx_frames, st.rx_frames, st.interrupts, r);
	waiting = 0;
	sys_setalarm(0, 0, NULL);
	if (round_no == 1 && burst_left > 0 && !bursting) {
		bursting = 1;
		pump();
	}
}

/* is_reply: whether F (LEN bytes) is 10.0.2.2's ARP reply to us. */
static int is_reply(const uint8_t *f, int len)
{
	return len >= 42 && f[12] == 0x08 && f[13] == 0x06 && f[20] == 0 &&
	    f[21] == 2 && memcmp(f + 28, host_ip, 4) == 0 &&
	    memcmp(f + 38, my_ip, 4) == 0;
}

static void drain(void);

/* pump: send the burst's next requests until it is done or the ring is
 * full (the driver notifies when there is room again), taking the
 * answers after every 8 (as inet would: the receive ring holds 32);
 * once all are sent, print the count and start a 2 s wait for the
 * answers. */
static void pump(void)
{
	static uint8_t f[42];
	struct mess_ndev_reply rep;
	arp_frame(f);
	while (burst_left > 0) {
		int r = request(NDEV_SEND, f, sizeof(f), GRANT_READ, &rep);
		if (r == -EAGAIN) {
			burst_full++;
			return;
		}
		if (r != (int) sizeof(f)) {
			printf("nettest: burst: send: %d\n", r);
			burst_left = 0;
			break;
		}
		burst_sent++;
		burst_left--;
		if (burst_sent % 8 == 0)
			drain();
	}
	printf("nettest: burst: %d frames sent (ring full %d times)\n",
	    burst_sent, burst_full);
	sys_setalarm(2 * RETRY_TICKS, 0, NULL);
}

/* answer_arp: F (LEN bytes) asks who has 10.0.2.15: answer it (slirp
 * asks before it forwards a host connection to us). */
static void answer_arp(const uint8_t *f, int len)
{
	if (len < 42 || f[12] != 0x08 || f[13] != 0x06 || f[21] != 1 ||
	    memcmp(f + 38, my_ip, 4) != 0)
		return;
	static uint8_t r[42];
	memcpy(r, f + 6, 6);
	memcpy(r + 6, my_mac, 6);
	memcpy(r + 12, f + 12, 8);
	r[21] = 2;                                      /* reply */
	memcpy(r + 22, my_mac, 6);
	memcpy(r + 28, my_ip, 4);
	memcpy(r + 32, f + 22, 10);                     /* the asker */
	struct mess_ndev_reply rep;
	(void) request(NDEV_SEND, r, sizeof(r), GRANT_READ, &rep);
}

/* report_syn: F (LEN bytes) is a TCP SYN to us: say so (a connection to
 * the host port the harness forwards arrives here). */
static void report_syn(const uint8_t *f, int len)
{
	if (len < 54 || f[12] != 0x08 || f[13] != 0x00 || f[23] != 6 ||
	    memcmp(f + 30, my_ip, 4) != 0)
		return;
	const uint8_t *tcp = f + 14 + 4 * (f[14] & 0x0F);
	if (tcp + 14 > f + len || (tcp[13] & 0x12) != 0x02)
		return;
	printf("nettest: tcp syn from %u.%u.%u.%u to port %u\n", f[26],
	    f[27], f[28], f[29], (unsigned) (tcp[2] << 8 | tcp[3]));
}

/* drain: NDEV_RECV until the driver has no frame left. */
static void drain(void)
{
	static uint8_t f[NDEV_FRAME_MAX];
	struct mess_ndev_reply rep;
	for (int n = 0; n < 4096; n++) {
		int len = request(NDEV_RECV, f, sizeof(f), GRANT_WRITE, &rep);
		if (len <= 0) {
			if (len < 0)
				printf("nettest: recv: %d\n", len);
			return;
		}
		if (waiting && is_reply(f, len))
			answered(f);
		else if (bursting && is_reply(f, len))
			burst_replies++;
		answer_arp(f, len);
		report_syn(f, len);
	}
}

/* driver_up: the driver announced itself (endpoint OWNER): NDEV_INIT,
 * then the round's ARP request. */
static void driver_up(endpoint_t owner)
{
	driver = owner;
	struct mess_ndev_reply rep;
	int r = request(NDEV_INIT, NULL, 0, 0, &rep);
	if (r != 0) {
		printf("nettest: init: %d\n", r);
		return;
	}
	memcpy(my_mac, rep.addr, NDEV_ADDR_LEN);
	round_no++;
	printf("nettest: round %d: driver %.16s at endpoint %d, link %s, "
	    "mtu %u\n", round_no, rep.name, owner,
	    rep.link == NDEV_LINK_UP ? "up" : "down", rep.mtu);
	waiting = 1;
	tries = 0;
	drain();
	send_arp();
}

/* ds_event: the data store says keys changed: a driver up of e1000. */
static void ds_event(void)
{
	char key[DS_KEY_MAX];
	int type;
	endpoint_t owner;
	while (ds_check(key, &type, &owner) == 0)
		if (type == DS_TYPE_U32 && owner != NONE &&
		    strcmp(key, DRIVER_KEY) == 0)
			driver_up(owner);
}

/* timeout: the alarm: the end of a burst's wait, or ask again, or give
 * the round up. */
static void timeout(void)
{
	if (bursting && burst_left == 0) {
		bursting = 0;
		struct ndev_stats st;
		struct mess_ndev_reply rep;
		memset(&st, 0, sizeof(st));
		(void) request(NDEV_STATS, &st, sizeof(st), GRANT_WRITE, &rep);
		printf("nettest: burst: %d answers (driver: tx %u rx %u "
		    "rx_errors %u rx_dropped %u irq %u)\n", burst_replies,
		    st.tx_frames, st.rx_frames, st.rx_errors, st.rx_dropped,
		    st.interrupts);
		return;
	}
	if (!waiting)
		return;
	if (tries >= TRIES) {
		struct ndev_stats st;
		struct mess_ndev_reply rep;
		memset(&st, 0, sizeof(st));
		(void) request(NDEV_STATS, &st, sizeof(st), GRANT_WRITE, &rep);
		printf("nettest: round %d: FAILED (no ARP reply after %d "
		    "requests; tx %u rx %u rx_errors %u irq %u)\n", round_no,
		    tries, st.tx_frames, st.rx_frames, st.rx_errors,
		    st.interrupts);
		waiting = 0;
		return;
	}
	send_arp();
}

static int nettest_init(const struct sef_init_info *info)
{
	(void) info;
	int r = ds_subscribe("drv.net.*", DSF_INITIAL);
	if (r != 0)
		printf("nettest: cannot subscribe (%d)\n", r);
	return r;
}

int main(int argc, char **argv)
{
	if (argc > 1)
		burst_left = atoi(argv[1]);
	sef_setcb_init_fresh(nettest_init);
	sef_startup();
	for (;;) {
		message m;
		if (sef_receive(ANY, &m) != 0 || m.m_type != NOTIFY_MESSAGE)
			continue;
		if (m.m_source == DS_EP)
			ds_event();
		else if (m.m_source == CLOCK)
			timeout();
		else if (m.m_source == driver) {
			drain();
			if (bursting && burst_left > 0)
				pump();
		}
	}
}
