/* The network server's master header: the interface, the counters, and
 * every function of its files, grouped by file. The protocol files (eth,
 * arp, ip, icmp, udp, sock*, do_*, drvq) are pure C: they reach the rest
 * of the system only through the hooks at the end (drv.c and main.c in
 * the guest, os/tests/host/inet in the host test), so they are built and
 * tested on the host too. Addresses and ports are kept in network byte
 * order, as the ABI (abi/socket.h) has them. */
#ifndef INET_H
#define INET_H

#include <abi/types.h>
#include <abi/endpoint.h>
#include <abi/errno.h>
#include <abi/fcntl.h>
#include <abi/net.h>
#include <abi/socket.h>
#include "chardriver.h"

/* Byte order: i386 is little-endian; the wire is big-endian. */
#define inet_htons(x) ((uint16_t) __builtin_bswap16((uint16_t) (x)))
#define inet_ntohs(x) inet_htons(x)

/* Ports below this one only root may bind (NIOCBIND). */
#define INET_PORT_RESERVED 1024
#define inet_htonl(x) ((uint32_t) __builtin_bswap32((uint32_t) (x)))
#define inet_ntohl(x) inet_htonl(x)
/* IP(a,b,c,d): a dotted quad in network order. */
#define INET_IP(a, b, c, d) inet_htonl(((uint32_t) (a) << 24) | \
	((uint32_t) (b) << 16) | ((uint32_t) (c) << 8) | (uint32_t) (d))

#define ETH_HDR     14
#define ETH_TYPE_IP  0x0800
#define ETH_TYPE_ARP 0x0806
#define IP_HDR      20
#define IP_MTU      1500            /* bytes of IP packet per frame */
#define UDP_HDR     8
#define UDP_MAX     (IP_MTU - IP_HDR - UDP_HDR)   /* 1472: no fragments */
#define ICMP_HDR    8
#define ICMP_MAX    (IP_MTU - IP_HDR)             /* 1480 */

/* ---- stats.c: the counters and the interface ---------------------------- */
extern struct net_stats inet_stats;
#define STAT_INC(name) (inet_stats.v[NET_STAT_##name]++)
#define STAT(name) (inet_stats.v[NET_STAT_##name])
/* The interface eth0: what /dev/ip shows (NIOCGIFCONF) and sets. */
extern struct net_ifconf inet_if;
/* inet_now: milliseconds since inet started (main.c advances it; the host
 * test sets it). Every timer compares against it. */
extern uint32_t inet_now;
/* inet_if_defaults: eth0 for QEMU's user network: 10.0.2.15/24, gateway
 * 10.0.2.2, DNS 10.0.2.3, up, no driver yet; counters zeroed. */
void inet_if_defaults(void);
/* inet_is_local: is ADDR this host's (the interface's address or
 * 127.0.0.0/8)? */
int inet_is_local(uint32_t addr);
/* inet_is_bcast: is ADDR a broadcast address of eth0 (255.255.255.255 or
 * the subnet's)? */
int inet_is_bcast(uint32_t addr);

/* ---- cksum.c: the Internet checksum (RFC 1071) ------------------------- */
/* inet_sum: add LEN bytes at DATA to the running 32-bit sum SUM (bytes
 * taken as big-endian 16-bit words, an odd last byte padded). */
uint32_t inet_sum(const void *data, size_t len, uint32_t sum);
/* inet_fold: the one's complement of SUM folded to 16 bits, in network
 * order, ready to store; 0 when a received checksum is right. */
uint16_t inet_fold(uint32_t sum);
/* inet_pseudo: the sum of the IPv4 pseudo header (SRC, DST, PROTO, LEN). */
uint32_t inet_pseudo(uint32_t src, uint32_t dst, int proto, size_t len);

/* ---- drvq.c: the driver and its transmit queue -------------------------- */
struct drv_state {
	int up;                    /* NDEV_INIT answered: frames may go */
	endpoint_t ep;             /* its endpoint (the last driver-up) */
	char label[16];
	uint8_t mac[NDEV_ADDR_LEN];
	int link;                  /* NDEV_LINK_* */
	uint32_t ups;              /* driver-up events seen */
};
extern struct drv_state inet_drv;
#define DRVQ_LEN 64                /* frames waiting for the driver */
/* drvq_send: hand frame FRAME (LEN bytes, 14..1514) to the driver, or
 * queue it behind frames already waiting (the driver's ring was full or
 * no driver is up); a full queue drops its oldest frame. Counts eth_tx. */
void drvq_send(const void *frame, size_t len);
/* drvq_flush: send queued frames until the driver refuses one (-EAGAIN:
 * a notification will follow) or the queue is empty. */
void drvq_flush(void);
/* drvq_clear: forget every waiting frame (a fresh start). */
void drvq_clear(void);
/* drvq_count: frames waiting. */
int drvq_count(void);
/* drvq_up: driver LABEL at EP answered NDEV_INIT with MAC and LINK: it
 * is eth0's driver; a second and later up counts drv_restarts. Then the
 * queued frames go. */
void drvq_up(const char *label, endpoint_t ep, const uint8_t *mac, int link);
/* drvq_down: the driver is gone (a request to it failed): queue until
 * the next driver-up. */
void drvq_down(void);

/* ---- eth.c: Ethernet ---------------------------------------------------- */
extern const uint8_t eth_bcast[NDEV_ADDR_LEN];
/* eth_input: one received frame: counted, checked (length, destination,
 * type) and passed to ARP or IPv4; anything else dropped and counted. */
void eth_input(const uint8_t *frame, size_t len);
/* eth_output: send PAYLOAD (LEN <= 1500 bytes) to DST with TYPE from our
 * MAC. */
void eth_output(const uint8_t *dst, uint16_t type, const void *payload,
    size_t len);

/* ---- arp.c: ARP (RFC 826) with a cache ---------------------------------- */
#define ARP_ENTRIES   16
#define ARP_PENDING   16           /* IP packets waiting for an answer */
#define ARP_RETRY_MS  1000
#define ARP_TRIES     4            /* requests before giving up */
#define ARP_TTL_MS    (20u * 60u * 1000u)
/* arp_input: an ARP packet: checked, the sender learnt, a request for our
 * address answered; packets waiting for the sender go out. */
void arp_input(const uint8_t *pkt, size_t len);
/* arp_send_ip: send IP packet PKT (LEN bytes) to the next hop NEXTHOP:
 * at once when its MAC is known, else after the ARP answer (a request is
 * sent; the packet waits, the oldest waiting one dropped when full). */
void arp_send_ip(uint32_t nexthop, const void *pkt, size_t len);
/* arp_tick: retry unanswered requests; give up after ARP_TRIES (their
 * packets dropped); expire old entries. */
void arp_tick(void);
/* arp_lookup: the MAC of ADDR into MAC if the cache has it. Returns 1 or
 * 0. */
int arp_lookup(uint32_t addr, uint8_t *mac);
/* arp_flush: forget every entry and waiting packet (interface change). */
void arp_flush(void);

/* ---- ip.c: IPv4 (RFC 791, no fragments) --------------------------------- */
#define IP_LOOP_LEN 64             /* packets to ourselves, queued */
/* ip_input: an IPv4 packet from the wire (or the loopback queue, LOOP
 * set): checked (version, lengths, checksum, fragments, destination) and
 * passed to ICMP, UDP or TCP; bad ones dropped and counted. */
void ip_input(const uint8_t *pkt, size_t len, int loop);
/* ip_output: send PAYLOAD (LEN bytes) as protocol PROTO from SRC (0: the
 * interface's address) to DST. Returns 0, -EMSGSIZE (over the MTU),
 * -ENETUNREACH (no address configured), -ENOBUFS (loopback queue full). */
int ip_output(int proto, uint32_t src, uint32_t dst, const void *payload,
    size_t len);
/* ip_loop_run: deliver the packets sent to ourselves (more may be queued
 * while doing it; stops when the queue is empty). Returns how many. */
int ip_loop_run(void);
/* ip_src_for: the source address for DST (127.0.0.1 for 127/8, else the
 * interface's). */
uint32_t ip_src_for(uint32_t dst);

/* ---- icmp.c: ICMP echo (RFC 792) ---------------------------------------- */
/* icmp_input: an ICMP message for us: checked; an echo request answered,
 * an echo reply given to the ping socket whose identifier it carries. */
void icmp_input(uint32_t src, uint32_t dst, const uint8_t *msg, size_t len);

/* ---- udp.c: UDP (RFC 768) ------------------------------------------------ */
/* udp_input: a UDP datagram: checked (length, checksum when set) and
 * queued on the socket bound to its port, or dropped (udp_noport). */
void udp_input(uint32_t src, uint32_t dst, const uint8_t *dg, size_t len);
/* udp_output: send DATA (LEN <= UDP_MAX) from SPORT to DADDR:DPORT, with
 * a checksum. Returns 0 or ip_output's error. */
int udp_output(uint32_t saddr, uint16_t sport, uint32_t daddr,
    uint16_t dport, const void *data, size_t len);

/* ---- sock.c: the socket table -------------------------------------------- */
#define SOCK_MAX     64
#define SOCK_DQ      16            /* datagrams queued per socket */
#define DGRAM_POOL   96
#define DGRAM_DATA   ICMP_MAX
#define EPHEMERAL_LO 49152

enum sock_type { SOCK_FREE = 0, SOCK_UDP, SOCK_ICMP, SOCK_TCP };
enum pend_kind { PEND_NONE = 0, PEND_READ, PEND_RECVFROM, PEND_WRITE,
	PEND_CONNECT, PEND_ACCEPT };

/* A request waiting in a socket (CDEV_SUSPEND'ed). */
struct pend {
	enum pend_kind kind;
	uint32_t id;               /* VFS's request, for chardriver_complete */
	uint32_t grant;
	size_t size;               /* READ/WRITE bytes; RECVFROM capacity */
	uint32_t deadline;         /* inet_now at which it times out; 0 none */
	size_t done;               /* WRITE: bytes taken so far */
	size_t off;                /* where the data starts in the grant */
	int listener;              /* ACCEPT: the listening socket's index */
};

struct dgram {
	int used;
	uint32_t addr;             /* the sender */
	uint16_t port;
	uint16_t len;
	uint8_t data[DGRAM_DATA];
};

struct sock {
	enum sock_type type;
	uint32_t laddr, faddr;     /* network order; 0: any / none */
	uint16_t lport, fport;     /* network order; 0: none */
	int bound, connected;
	int reuseaddr;
	uint32_t rcvtimeo, sndtimeo;   /* milliseconds, 0: forever */
	int shut_rd, shut_wr;
	int error;                 /* pending SO_ERROR */
	int dq[SOCK_DQ];           /* datagram pool indices, a ring */
	int dq_head, dq_count;
	struct pend rd, wr;        /* at most one of each */
	void *tcb;                 /* TCP: the engine's connection */
	int listening;
	int backlog;
};
extern struct sock inet_socks[SOCK_MAX];
extern struct dgram inet_dgrams[DGRAM_POOL];
/* sock_alloc: a free socket of TYPE, reset. Returns its index or -1. */
int sock_alloc(enum sock_type type);
/* sock_free: release socket I: its datagrams, its TCP connection (closed
 * gracefully by the engine); requests still waiting fail with -EINTR. */
void sock_free(int i);
/* sock_get: the socket of MINOR, or NULL when it is not one in use. */
struct sock *sock_get(int minor);
/* sock_count: sockets open now. */
int sock_count(void);
/* sock_minor: the minor of socket I. */
int sock_minor(int i);
/* sock_port_used: is port PORT (network order) of TYPE in use at
 * ADDR (0: any) by a socket other than EXCEPT (REUSE: both allow it)? */
int sock_port_used(enum sock_type type, uint32_t addr, uint16_t port,
    int except);
/* sock_port_permitted: may the process of request R bind PORT (network
 * order; 0: an ephemeral one)? Ports below INET_PORT_RESERVED are root's,
 * as on Unix. Returns 0 or -EACCES. */
int sock_port_permitted(const struct chardriver_req *r, uint16_t port);
/* sock_ephemeral: a free port of TYPE (network order), or 0. */
uint16_t sock_ephemeral(enum sock_type type);
/* sock_dgram_queue: queue a datagram FROM:PORT (DATA, LEN) on socket I.
 * Returns 0 or -ENOBUFS (queue or pool full: dropped). A waiting read is
 * completed. */
int sock_dgram_queue(int i, uint32_t from, uint16_t port, const void *data,
    size_t len);

/* ---- sock_io.c: datagram reads and writes, waiting requests ------------- */
/* dgram_read: socket I's request R as a read (RECVFROM false: plain
 * data) or recvfrom (struct net_dgram at R->grant, capacity CAP):
 * deliver the oldest datagram, or wait. Returns bytes (read) / 0
 * (recvfrom), CDEV_SUSPEND, -EAGAIN (NONBLOCK), or an error. */
int dgram_read(int i, const struct chardriver_req *r, int recvfrom,
    size_t cap, int nonblock);
/* dgram_send: send LEN bytes at DATA from socket I to ADDR:PORT (network
 * order), binding an ephemeral port first if needed. Returns LEN or an
 * error. */
int dgram_send(int i, uint32_t addr, uint16_t port, const void *data,
    size_t len);
/* sock_wait: park request R (KIND) on socket I's read or write slot with
 * the socket's timeout. Returns CDEV_SUSPEND, or -EBUSY when one is
 * waiting already. */
int sock_wait(int i, struct pend *slot, const struct chardriver_req *r,
    enum pend_kind kind, size_t size, uint32_t timeout);
/* sock_finish: complete the request in SLOT with STATUS and clear it. */
void sock_finish(struct pend *slot, int status);
/* sock_tick: time out waiting requests (-EAGAIN: SO_RCVTIMEO/SNDTIMEO,
 * as POSIX says). */
void sock_tick(void);
/* sock_cancel: forget the waiting request ID. Returns -EINTR, or
 * -ENOENT when no socket has it. */
int sock_cancel(uint32_t id);
/* sock_ready: poll readiness of MINOR: bit 1 readable, 2 writable, 4
 * error/hang-up (for the select callback). */
int sock_ready(int minor);

/* ---- sock_tcp.c: TCP sockets over the engine (tcp.h) ------------------- */
/* tcpg_*: see sock_tcp.c; each follows the socket call of its name and
 * returns what the chardriver operation returns. */
int tcpg_open(int i);
void tcpg_close(int i);
int tcpg_read(int i, const struct chardriver_req *r);
int tcpg_write(int i, const struct chardriver_req *r);
int tcpg_ioctl(int i, const struct chardriver_req *r);
void tcpg_input(uint32_t src, uint32_t dst, const uint8_t *seg, size_t len);
void tcpg_tick(void);
/* tcpg_unreach: ICMP destination unreachable CODE for our TCP segment
 * from SRC to DST, quoting SEG (LEN bytes: ports, sequence number...). */
void tcpg_unreach(uint32_t src, uint32_t dst, int code, const uint8_t *seg,
    size_t len);
void tcpg_wake(void);
int32_t tcpg_next(void);
int tcpg_ready(int i);
int tcpg_cancel(int i, uint32_t id);

/* ---- do_open.c, do_rw.c, do_ioctl.c, do_ip.c, table.c: the requests ----- */
int do_open(const struct chardriver_req *r);
int do_close(const struct chardriver_req *r);
int do_read(const struct chardriver_req *r);
int do_write(const struct chardriver_req *r);
int do_ioctl(const struct chardriver_req *r);
int do_cancel(const struct chardriver_req *r);
/* do_select: which of the CDEV_SEL_* operations in r->request are ready
 * on r->minor now (sock_ready). */
int do_select(const struct chardriver_req *r);
/* do_ip_ioctl: /dev/ip's requests (NIOCGIFCONF, NIOCSIFCONF, NIOCGSTATS). */
int do_ip_ioctl(const struct chardriver_req *r);
/* do_sock_ioctl: a datagram socket's requests. */
int do_sock_ioctl(int i, const struct chardriver_req *r);
extern const struct chardriver inet_ops;
/* inet_init: the state of a fresh start: eth0's defaults, no sockets,
 * no driver. */
void inet_init(void);
/* inet_tick: every timer: ARP, waiting requests, TCP. Called from the
 * alarm (main.c) and by the host test. */
void inet_tick(void);
/* inet_request: serve request R with operation OP (do_open ...), then
 * inet_run; a request OP suspended that the work finished is answered
 * at once. Returns OP's answer. */
int inet_request(int (*op)(const struct chardriver_req *),
    const struct chardriver_req *r);
/* inet_run: the work after each message: packets to ourselves, queued
 * frames, TCP's output. */
void inet_run(void);

/* ---- hooks: drv.c/main.c in the guest, the host test's fakes --------------- */
/* drv_xmit: give frame FRAME (LEN bytes) to the driver now. Returns 0,
 * -EAGAIN (its ring is full), or another error (it is gone). */
int drv_xmit(const void *frame, size_t len);

#endif
