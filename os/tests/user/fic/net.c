/* fic's network services: their workloads (the table in workload.c names
 * them) and their state, set up when fic starts and checked after every
 * trial (state.c calls net_setup and net_check). Every operation opens
 * its own sockets and closes them: an inet restart loses every socket
 * (their minors answer -ENODEV), so a socket kept across a trial would
 * only measure that loss again.
 *   e1000: an ICMP echo to QEMU's user-net gateway (NET_GATEWAY) through
 *          the card: the reply must carry the request's token, sequence
 *          number and pattern byte for byte, from the gateway. A reply
 *          that waited too long (its request was given up) is recognised
 *          by its own token and pattern and skipped; no reply within
 *          PING_WAIT_US is an error (a packet lost in a driver crash), not
 *          wrong data;
 *   inet:  a UDP datagram of the pattern through the loopback (two new
 *          sockets; the datagram and its source address compared), then
 *          the same echo as e1000's;
 *   pci:   /dev/pci (lspci's text: every function, its IRQ and holder)
 *          read whole must equal the text read when fic started.
 * Their state (net_check):
 *   e1000: /dev/pci says e1000 holds the card (NET_CARD) again;
 *   inet:  an echo to the gateway is answered (within NET_TRIES tries:
 *          the network works again), and the interface (/dev/ip
 *          NIOCGIFCONF) has the name, driver, MAC, addresses and MTU it
 *          had at the start and is up and running. Sockets opened before an inet
 *          fault are not kept (inet's README), so none is checked;
 *   pci:   /dev/pci equals the text at the start (the same functions and
 *          holders).
 * A reason is "LABEL:what" ("pci:lspci-changed"). */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <abi/socket.h>
#include "fic.h"

#define NET_GATEWAY  "10.0.2.2"     /* QEMU's user network answers ping */
#define NET_CARD     "8086:100e"    /* the card e1000 reserves */
#define ECHO_BYTES   64             /* an echo request, header included */
#define UDP_BYTES    64
#define PING_WAIT_US 200000         /* one reply's wait (SO_RCVTIMEO) */
#define STALE_MAX    8              /* late replies skipped per operation */
#define NET_TRIES    15             /* echoes the state check may send */
#define LSPCI_MAX    4096

#define SA(p) ((struct sockaddr *) (p))

static char lspci_start[LSPCI_MAX];     /* /dev/pci at the start */
static ssize_t lspci_len = -1;
static struct net_ifconf ifconf_start;
static int ifconf_known;

/* to_addr: the address A (dotted) and PORT. */
static struct sockaddr_in to_addr(const char *a, int port)
{
	struct sockaddr_in s;
	memset(&s, 0, sizeof(s));
	s.sin_family = AF_INET;
	s.sin_port = htons((uint16_t) port);
	inet_pton(AF_INET, a, &s.sin_addr);
	return s;
}

/* set_wait: receives on S give up after PING_WAIT_US. 0 or -1. */
static int set_wait(int s)
{
	struct timeval tv = { .tv_sec = 0, .tv_usec = PING_WAIT_US };
	return setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
}

/* put_token: TOKEN (big-endian) at B[0..3] and the pattern of TOKEN from
 * byte 4 on, N bytes in all. */
static void put_token(uint8_t *b, size_t n, uint32_t token)
{
	b[0] = (uint8_t) (token >> 24);
	b[1] = (uint8_t) (token >> 16);
	b[2] = (uint8_t) (token >> 8);
	b[3] = (uint8_t) token;
	for (size_t i = 4; i < n; i++)
		b[i] = fic_pattern(token, (uint32_t) i);
}

/* token_of: the token at B[0..3], and in *GOOD whether the N bytes are
 * put_token's for it. */
static uint32_t token_of(const uint8_t *b, size_t n, int *good)
{
	uint32_t token = (uint32_t) b[0] << 24 | (uint32_t) b[1] << 16 |
	    (uint32_t) b[2] << 8 | b[3];
	*good = 1;
	for (size_t i = 4; i < n; i++)
		if (b[i] != fic_pattern(token, (uint32_t) i))
			*good = 0;
	return token;
}

/* echo_once: one ICMP echo of TOKEN to the gateway and its reply
 * compared (see the top of the file). OP_OK, OP_WRONG or OP_ERROR. */
static int echo_once(uint32_t token)
{
	int s = socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP);
	if (s < 0)
		return OP_ERROR;
	struct sockaddr_in to = to_addr(NET_GATEWAY, 0);
	uint8_t m[ECHO_BYTES], r[2 * ECHO_BYTES];
	memset(m, 0, 8);
	m[0] = 8;                             /* echo request */
	m[6] = (uint8_t) (token >> 8);
	m[7] = (uint8_t) token;
	put_token(m + 8, ECHO_BYTES - 8, token);
	int result = OP_ERROR;
	ssize_t n;
	if (set_wait(s) != 0 ||
	    (n = sendto(s, m, sizeof(m), 0, SA(&to), sizeof(to))) < 0)
		goto out;
	if (n != ECHO_BYTES) {
		result = OP_WRONG;
		goto out;
	}
	for (int stale = 0; stale <= STALE_MAX; stale++) {
		struct sockaddr_in from;
		socklen_t fl = sizeof(from);
		n = recvfrom(s, r, sizeof(r), 0, SA(&from), &fl);
		if (n < 0)
			goto out;                 /* lost: an error */
		int good;
		uint32_t got = n == ECHO_BYTES ?
		    token_of(r + 8, ECHO_BYTES - 8, &good) : 0;
		if (n != ECHO_BYTES || r[0] != 0 || !good ||
		    from.sin_addr.s_addr != to.sin_addr.s_addr) {
			result = OP_WRONG;
			goto out;
		}
		if (got == token) {
			result = r[6] == m[6] && r[7] == m[7] ? OP_OK :
			    OP_WRONG;
			goto out;
		}
		/* a late reply to an earlier echo: whole, so skipped */
	}
out:
	close(s);
	return result;
}

/* token: a number for operation SEQ of this process. */
static uint32_t token(uint32_t seq)
{
	return seq * 0x9E3779B1u ^ (uint32_t) getpid() << 20;
}

/* udp_once: a datagram of TOKEN from one new socket to another through
 * the loopback, compared with its source address. OP_*. */
static int udp_once(uint32_t tok)
{
	int a = socket(AF_INET, SOCK_DGRAM, 0);
	int b = a < 0 ? -1 : socket(AF_INET, SOCK_DGRAM, 0);
	int result = OP_ERROR;
	struct sockaddr_in at = to_addr("127.0.0.1", 0);
	socklen_t al = sizeof(at);
	uint8_t m[UDP_BYTES], r[2 * UDP_BYTES];
	put_token(m, sizeof(m), tok);
	if (b < 0 || set_wait(a) != 0 || bind(a, SA(&at), sizeof(at)) != 0 ||
	    getsockname(a, SA(&at), &al) != 0)
		goto out;
	ssize_t n = sendto(b, m, sizeof(m), 0, SA(&at), sizeof(at));
	if (n < 0)
		goto out;
	if (n == UDP_BYTES) {
		struct sockaddr_in from;
		socklen_t fl = sizeof(from);
		n = recvfrom(a, r, sizeof(r), 0, SA(&from), &fl);
		if (n < 0)
			goto out;
		result = n == UDP_BYTES && memcmp(r, m, sizeof(m)) == 0 &&
		    from.sin_addr.s_addr == htonl(INADDR_LOOPBACK) ?
		    OP_OK : OP_WRONG;
	} else {
		result = OP_WRONG;
	}
out:
	if (a >= 0)
		close(a);
	if (b >= 0)
		close(b);
	return result;
}

/* read_lspci: /dev/pci read whole into BUF (LSPCI_MAX bytes); its length,
 * or -1 on an error. */
static ssize_t read_lspci(char *buf)
{
	int fd = open("/dev/pci", O_RDONLY);
	if (fd < 0)
		return -1;
	ssize_t len = 0, n;
	while (len < LSPCI_MAX && (n = read(fd, buf + len,
	    (size_t) (LSPCI_MAX - len))) > 0)
		len += n;
	close(fd);
	return n < 0 ? -1 : len;
}

/* op_e1000: see fic.h (and the top of this file). */
int op_e1000(struct wl_client *c)
{
	return echo_once(token(c->seq));
}

/* op_inet: see fic.h (and the top of this file). */
int op_inet(struct wl_client *c)
{
	int r = udp_once(token(c->seq));
	return r == OP_OK ? echo_once(token(c->seq) ^ 0x80000000u) : r;
}

/* op_pci: see fic.h (and the top of this file). */
int op_pci(struct wl_client *c)
{
	char now[LSPCI_MAX];
	(void) c;
	ssize_t n = read_lspci(now);
	if (n < 0)
		return OP_ERROR;
	if (lspci_len < 0) {              /* no state set up: the first */
		memcpy(lspci_start, now, (size_t) n);
		lspci_len = n;
	}
	return n == lspci_len && memcmp(now, lspci_start, (size_t) n) == 0 ?
	    OP_OK : OP_WRONG;
}

/* get_ifconf: eth0's configuration into *C. 0 or -1. */
static int get_ifconf(struct net_ifconf *c)
{
	int fd = open("/dev/ip", O_RDONLY);
	if (fd < 0)
		return -1;
	int r = ioctl(fd, NIOCGIFCONF, c);
	close(fd);
	return r < 0 ? -1 : 0;
}

/* same_ifconf: whether A and B are the same interface (the driver's
 * restart count and the flags aside). */
static int same_ifconf(const struct net_ifconf *a, const struct net_ifconf *b)
{
	return memcmp(a->name, b->name, sizeof(a->name)) == 0 &&
	    memcmp(a->driver, b->driver, sizeof(a->driver)) == 0 &&
	    memcmp(a->mac, b->mac, sizeof(a->mac)) == 0 &&
	    a->addr == b->addr && a->netmask == b->netmask &&
	    a->gateway == b->gateway && a->dns == b->dns && a->mtu == b->mtu;
}

/* holder_is: whether the /dev/pci text BUF (N bytes) says LABEL holds the
 * card NET_CARD. */
static int holder_is(const char *buf, ssize_t n, const char *label)
{
	char line[128];
	snprintf(line, sizeof(line), " holder %s\n", label);
	for (ssize_t i = 0; i < n; ) {
		const char *end = memchr(buf + i, '\n', (size_t) (n - i));
		size_t len = end ? (size_t) (end - (buf + i)) + 1 :
		    (size_t) (n - i);
		char l[128];
		if (len < sizeof(l)) {
			memcpy(l, buf + i, len);
			l[len] = '\0';
			if (strstr(l, NET_CARD) != NULL)
				return strstr(l, line) != NULL;
		}
		i += (ssize_t) len;
	}
	return 0;
}

/* net_setup: see fic.h (and the top of this file). */
int net_setup(const char *label)
{
	if (strcmp(label, "pci") == 0 || strcmp(label, "e1000") == 0) {
		if (lspci_len < 0 && (lspci_len = read_lspci(lspci_start)) < 0) {
			printf("fic: state: %s: /dev/pci: error %d\n", label,
			    errno);
			return -1;
		}
	}
	if (strcmp(label, "inet") == 0 && !ifconf_known) {
		if (get_ifconf(&ifconf_start) != 0) {
			printf("fic: state: inet: /dev/ip: error %d\n", errno);
			return -1;
		}
		ifconf_known = 1;
	}
	return 0;
}

/* net_check: see fic.h (and the top of this file). */
int net_check(const char *label, char *why)
{
	char now[LSPCI_MAX];
	ssize_t n;
	if (strcmp(label, "pci") == 0 || strcmp(label, "e1000") == 0) {
		if ((n = read_lspci(now)) < 0) {
			snprintf(why, FIC_WHY_MAX, "%s:lspci-error-%d", label,
			    errno);
			return -1;
		}
		if (strcmp(label, "e1000") == 0 && !holder_is(now, n, "e1000")) {
			snprintf(why, FIC_WHY_MAX, "e1000:not-the-card-holder");
			return -1;
		}
		if (strcmp(label, "pci") == 0 && (n != lspci_len ||
		    memcmp(now, lspci_start, (size_t) n) != 0)) {
			snprintf(why, FIC_WHY_MAX, "pci:lspci-changed");
			return -1;
		}
	}
	if (strcmp(label, "inet") == 0) {
		int r = OP_ERROR;
		for (int i = 0; i < NET_TRIES && r == OP_ERROR; i++)
			r = echo_once(token((uint32_t) i) ^ 0x40000000u);
		if (r != OP_OK) {
			snprintf(why, FIC_WHY_MAX, "inet:%s", r == OP_WRONG ?
			    "echo-wrong" : "no-echo-from-the-gateway");
			return -1;
		}
		struct net_ifconf c;
		if (get_ifconf(&c) != 0) {
			snprintf(why, FIC_WHY_MAX, "inet:ifconf-error-%d", errno);
			return -1;
		}
		if (!same_ifconf(&c, &ifconf_start) ||
		    (c.flags & NET_IF_UP) == 0 || (c.flags & NET_IF_RUNNING) == 0) {
			snprintf(why, FIC_WHY_MAX, "inet:interface-changed");
			return -1;
		}
	}
	return 0;
}

/* net_damage: see fic.h (and the top of this file). */
int net_damage(const char *label)
{
	if (strcmp(label, "pci") == 0 && lspci_len > 0) {
		lspci_start[0] ^= 1;      /* the expected text, not pci's */
		return 0;
	}
	if (strcmp(label, "inet") == 0 && ifconf_known) {
		ifconf_start.mtu++;
		return 0;
	}
	return -1;
}

/* net_new_endpoint: see fic.h (and the top of this file). */
int net_new_endpoint(const char *label)
{
	return strcmp(label, "e1000") == 0;     /* `restart reset` */
}
