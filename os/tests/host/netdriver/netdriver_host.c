/* Host test of the network-driver library (os/lib/netdriver): its request
 * checks, handlers, replies, copies, counters and notifications, built
 * with the host gcc (-m32) against fake safe copies and IPC kept here and
 * a fake card (a ring of 4 received frames, a transmit ring of 2 that the
 * test empties), run by os/tests/test_netdriver_host.py. Requests go
 * through netdriver_serve, as the task loop sends them. Its cases run on
 * the test kit (os/tests/kit) in process, in source order, each on the
 * state the one before left. */
#include "../kit_errno.h"
#include <stdio.h>
#include <string.h>
#include <abi/errno.h>
#include <abi/ipc.h>
#include <abi/grant.h>
#include "netdriver.h"
#include "../../../lib/netdriver/netdriver_priv.h"

#define INET   ep_make(30, 1)      /* the client */
#define OTHER  ep_make(31, 1)      /* a third process */

/* ---- fake grants, safe copies, IPC ------------------------------------ */

#define NR_GRANTS 8
static struct { int valid; endpoint_t owner; void *addr; size_t size; }
    grants[NR_GRANTS];

/* grant: OWNER lets the driver at ADDR, SIZE bytes; the grant's id. */
static uint32_t grant(endpoint_t owner, void *addr, size_t size)
{
	for (uint32_t i = 0; i < NR_GRANTS; i++)
		if (!grants[i].valid) {
			grants[i].valid = 1;
			grants[i].owner = owner;
			grants[i].addr = addr;
			grants[i].size = size;
			return 700 + i;
		}
	return GRANT_INVALID;
}

/* granted: the memory of GRANTER's grant G for OFFSET + BYTES, or NULL
 * (the kernel's -EPERM). */
static char *granted(endpoint_t granter, uint32_t g, uint32_t offset,
    size_t bytes)
{
	uint32_t i = g - 700;
	if (i >= NR_GRANTS || !grants[i].valid || grants[i].owner != granter ||
	    offset > grants[i].size || bytes > grants[i].size - offset)
		return NULL;
	return (char *) grants[i].addr + offset;
}

int sys_safecopyfrom(endpoint_t granter, uint32_t g, uint32_t offset,
    void *addr, size_t bytes)
{
	char *p = granted(granter, g, offset, bytes);
	if (!p)
		return -EPERM;
	memcpy(addr, p, bytes);
	return 0;
}

int sys_safecopyto(endpoint_t granter, uint32_t g, uint32_t offset,
    const void *addr, size_t bytes)
{
	char *p = granted(granter, g, offset, bytes);
	if (!p)
		return -EPERM;
	memcpy(p, addr, bytes);
	return 0;
}

static message sent;                  /* the last reply (ipc_sendnb) */
static endpoint_t sent_to;
static int nsent, notified;
static endpoint_t notified_to;

int ipc_sendnb(endpoint_t dst, message *m)
{
	sent = *m;
	sent_to = dst;
	nsent++;
	return 0;
}

/* The driver's deferred answer: recorded at once, as ipc_sendnb (in the
 * guest it leaves with the next receive, before any other IPC). */
void ipc_reply_later(endpoint_t dst, const message *m, const char *who)
{
	(void) who;
	message copy = *m;
	ipc_sendnb(dst, &copy);
}

int ipc_notify(endpoint_t dst)
{
	notified++;
	notified_to = dst;
	return 0;
}

const char *sef_label(void)
{
	return "fake";
}

/* ---- the fake card ---------------------------------------------------- */

#define RX_SLOTS 4
static uint8_t rx_frames[RX_SLOTS][NDEV_FRAME_MAX];
static size_t rx_len[RX_SLOTS];
static unsigned rx_head, rx_count;
static uint8_t tx_last[NDEV_FRAME_MAX];
static size_t tx_last_len;
static unsigned tx_used;              /* of 2 slots */
static int link_state = NDEV_LINK_UP;

/* arrive: a frame of LEN bytes, each byte SEED + i, lands in the ring. */
static void arrive(size_t len, uint8_t seed)
{
	unsigned slot = (rx_head + rx_count) % RX_SLOTS;
	for (size_t i = 0; i < len; i++)
		rx_frames[slot][i] = (uint8_t) (seed + i);
	rx_len[slot] = len;
	rx_count++;
}

static int fake_init(const struct sef_init_info *info)
{
	(void) info;
	return 0;
}

static int fake_send(const struct netdriver_data *d, size_t len)
{
	if (tx_used == 2)
		return -EAGAIN;
	int r = netdriver_copyin(d, 0, tx_last, len);
	if (r != 0)
		return r;
	tx_last_len = len;
	tx_used++;
	return 0;
}

static int fake_recv(const struct netdriver_data *d, size_t max)
{
	if (rx_count == 0)
		return 0;
	unsigned slot = rx_head;
	size_t len = rx_len[slot];
	rx_head = (rx_head + 1) % RX_SLOTS;
	rx_count--;
	if (len > max)
		return -EIO;
	int r = netdriver_copyout(d, 0, rx_frames[slot], len);
	return r != 0 ? r : (int) len;
}

static int fake_link(void)
{
	return link_state;
}

static unsigned fake_pending(void)
{
	return rx_count;
}

static int interrupts_seen;

static void fake_interrupt(uint32_t irqs)
{
	(void) irqs;
	interrupts_seen++;
}

static const struct netdriver ops = {
	.name = "fakecard", .init = fake_init, .send = fake_send,
	.recv = fake_recv, .link = fake_link, .pending = fake_pending,
	.interrupt = fake_interrupt,
};

static const uint8_t mac[NDEV_ADDR_LEN] = { 0x52, 0x54, 0, 0x12, 0x34, 0x56 };

/* request: serve request TYPE from SRC (grant G, SIZE, id ID); the reply's
 * status (the reply must have come, to SRC, with the id and the fixed
 * parts). */
static int request(endpoint_t src, int type, uint32_t g, uint32_t size,
    uint32_t id)
{
	message m;
	memset(&m, 0, sizeof(m));
	m.m_source = src;
	m.m_type = type;
	m.u.ndev_req.grant = g;
	m.u.ndev_req.size = size;
	m.u.ndev_req.id = id;
	int before = nsent;
	netdriver_serve(&ops, &m);
	CHECK_EQ(nsent, before + 1);
	CHECK_EQ(sent_to, src);
	CHECK_EQ(sent.m_type, NDEV_REPLY);
	CHECK_EQ(sent.u.ndev_reply.id, id);
	CHECK_EQ(sent.u.ndev_reply.mtu, 1500);
	CHECK(memcmp(sent.u.ndev_reply.addr, mac, NDEV_ADDR_LEN) == 0);
	CHECK_EQ(sent.u.ndev_reply.link, link_state);
	return sent.u.ndev_reply.status;
}

/* notification: serve a notification from SRC. */
static void notification(endpoint_t src)
{
	message m;
	memset(&m, 0, sizeof(m));
	m.m_source = src;
	m.m_type = NOTIFY_MESSAGE;
	m.u.notify.irqs = 1u << 11;
	netdriver_serve(&ops, &m);
}

/* ---- cases ------------------------------------------------------------ */

TEST(size_checks)
{
	CHECK_EQ(netdriver_check(NDEV_SEND, 13), -EINVAL);
	CHECK_EQ(netdriver_check(NDEV_SEND, 14), 0);
	CHECK_EQ(netdriver_check(NDEV_SEND, 1514), 0);
	CHECK_EQ(netdriver_check(NDEV_SEND, 1515), -EINVAL);
	CHECK_EQ(netdriver_check(NDEV_SEND, 0xFFFFFFFFu), -EINVAL);
	CHECK_EQ(netdriver_check(NDEV_RECV, 1513), -EINVAL);
	CHECK_EQ(netdriver_check(NDEV_RECV, 1514), 0);
	CHECK_EQ(netdriver_check(NDEV_RECV, 65536), 0);
	CHECK_EQ(netdriver_check(NDEV_STATS, sizeof(struct ndev_stats) - 1),
	    -EINVAL);
	CHECK_EQ(netdriver_check(NDEV_STATS, sizeof(struct ndev_stats)), 0);
	CHECK_EQ(netdriver_check(NDEV_INIT, 0), 0);
}

TEST(notify_needs_a_client)
{
	netdriver_set_addr(mac);
	CHECK_EQ(netdriver_client(), NONE);
	netdriver_notify();
	CHECK_EQ(notified, 0);
}

TEST(init_names_the_client)
{
	CHECK_EQ(request(INET, NDEV_INIT, 0, 0, 1), 0);
	CHECK_STR(sent.u.ndev_reply.name, "fakecard");
	CHECK_EQ(netdriver_client(), INET);
	netdriver_notify();
	CHECK_EQ(notified, 1);
	CHECK_EQ(notified_to, INET);
}

TEST(send_frames)
{
	uint8_t frame[60];
	for (unsigned i = 0; i < sizeof(frame); i++)
		frame[i] = (uint8_t) (3 * i);
	uint32_t g = grant(INET, frame, sizeof(frame));
	CHECK_EQ(request(INET, NDEV_SEND, g, 60, 2), 60);
	CHECK_EQ(tx_last_len, 60);
	CHECK(memcmp(tx_last, frame, 60) == 0);
	/* Bad sizes never reach the driver. */
	CHECK_EQ(request(INET, NDEV_SEND, g, 13, 3), -EINVAL);
	CHECK_EQ(request(INET, NDEV_SEND, g, 1515, 4), -EINVAL);
	CHECK_EQ(tx_used, 1);
	/* A grant smaller than the size claimed: the kernel refuses. */
	CHECK_EQ(request(INET, NDEV_SEND, g, 100, 5), -EPERM);
	/* Someone else's grant: refused (the owner is always the sender). */
	CHECK_EQ(request(OTHER, NDEV_SEND, g, 60, 6), -EPERM);
	CHECK_EQ(request(INET, NDEV_SEND, g, 60, 7), 60);
	/* The ring is full: -EAGAIN, nothing counted. */
	CHECK_EQ(request(INET, NDEV_SEND, g, 60, 8), -EAGAIN);
	struct ndev_stats *s = netdriver_stats();
	CHECK_EQ(s->tx_frames, 2);
	CHECK_EQ(s->tx_bytes, 120);
	tx_used = 0;
}

TEST(receive_frames)
{
	static uint8_t buf[NDEV_FRAME_MAX];
	uint32_t g = grant(INET, buf, sizeof(buf));
	CHECK_EQ(request(INET, NDEV_RECV, g, sizeof(buf), 10), 0);
	CHECK_EQ(sent.u.ndev_reply.pending, 0);
	arrive(64, 1);
	arrive(1514, 7);
	CHECK_EQ(request(INET, NDEV_RECV, g, sizeof(buf), 11), 64);
	CHECK_EQ(sent.u.ndev_reply.pending, 1);
	CHECK_EQ(buf[0], 1);
	CHECK_EQ(buf[63], 64);
	/* A buffer below a whole frame: refused, the frame stays. */
	CHECK_EQ(request(INET, NDEV_RECV, g, 1000, 12), -EINVAL);
	CHECK_EQ(rx_count, 1);
	CHECK_EQ(request(INET, NDEV_RECV, g, sizeof(buf), 13), 1514);
	CHECK_EQ(buf[1513], (uint8_t) (7 + 1513));
	CHECK_EQ(sent.u.ndev_reply.pending, 0);
	struct ndev_stats *s = netdriver_stats();
	CHECK_EQ(s->rx_frames, 2);
	CHECK_EQ(s->rx_bytes, 64 + 1514);
}

TEST(stats)
{
	struct ndev_stats out;
	memset(&out, 0xAA, sizeof(out));
	uint32_t g = grant(INET, &out, sizeof(out));
	netdriver_stats()->rx_errors = 3;
	CHECK_EQ(request(INET, NDEV_STATS, g, sizeof(out), 20), 0);
	CHECK_EQ(out.tx_frames, 2);
	CHECK_EQ(out.rx_frames, 2);
	CHECK_EQ(out.rx_errors, 3);
	CHECK_EQ(request(INET, NDEV_STATS, g, sizeof(out) - 4, 21), -EINVAL);
}

TEST(unknown_requests)
{
	CHECK_EQ(request(INET, NDEV_BASE + 7, 0, 0, 30), -ENOSYS);
	CHECK_EQ(request(INET, NDEV_REPLY, 0, 0, 31), -ENOSYS);
	CHECK_EQ(request(INET, 0x1234, 0, 0, 32), -ENOSYS);
}

TEST(interrupts_and_link_changes)
{
	int before = notified;
	netdriver_link_check(link_state);     /* what the loop starts with */
	notification(HARDWARE);
	CHECK_EQ(interrupts_seen, 1);
	CHECK_EQ(netdriver_stats()->interrupts, 1);
	CHECK_EQ(netdriver_stats()->link_changes, 0);
	CHECK_EQ(notified, before);
	link_state = NDEV_LINK_DOWN;
	notification(HARDWARE);
	CHECK_EQ(netdriver_stats()->link_changes, 1);
	CHECK_EQ(notified, before + 1);
	CHECK_EQ(request(INET, NDEV_INIT, 0, 0, 40), 0);
	CHECK_EQ(sent.u.ndev_reply.link, NDEV_LINK_DOWN);
	link_state = NDEV_LINK_UP;
	notification(HARDWARE);
	CHECK_EQ(netdriver_stats()->link_changes, 2);
	/* A notification is no request: no reply. */
	int replies = nsent;
	notification(OTHER);
	CHECK_EQ(nsent, replies);
}

static const struct kit_suite suite = {
	.name = "netdriver_host", .backend = &kit_inproc, .timeout = 10,
};

int main(int argc, char **argv)
{
	return kit_main(&suite, argc, argv);
}
