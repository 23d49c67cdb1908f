/* Sockets: how libc's socket calls reach the network server (inet).
 *
 * inet is a character driver (major INET_MAJOR). Its device files:
 *   /dev/tcp   minor NET_MINOR_TCP    a TCP socket per open
 *   /dev/udp   minor NET_MINOR_UDP    a UDP socket per open
 *   /dev/icmp  minor NET_MINOR_ICMP   an ICMP echo ("ping") socket per open
 *   /dev/ip    minor NET_MINOR_IP     the interface: configuration, counters
 * Opening /dev/tcp, /dev/udp or /dev/icmp clones: inet answers the open
 * with CDEV_CLONED | a fresh minor (NET_MINOR_FIRST_SOCKET or above), and
 * VFS binds the new open file to that minor, so each open is one socket.
 * socket() is that open; read, write and close work as on any file, and
 * the rest are the ioctls below (argument sizes are in the request
 * numbers, abi/ioctl.h). A request that must wait (connect, accept,
 * recvfrom, a read with no data, a write with a full send buffer) is
 * suspended (CDEV_SUSPEND) unless the file is O_NONBLOCK (-EAGAIN, or
 * -EINPROGRESS for connect). Readiness for poll/select comes from the
 * driver's select answers.
 *
 * Addresses and ports are in network byte order, as in struct
 * sockaddr_in. */
#ifndef ABI_SOCKET_H
#define ABI_SOCKET_H

#include <abi/ioctl.h>
#include <abi/types.h>

#define INET_MAJOR 15

#define NET_MINOR_TCP   0
#define NET_MINOR_UDP   1
#define NET_MINOR_ICMP  2
#define NET_MINOR_IP    3
#define NET_MINOR_FIRST_SOCKET 16

/* Families, types, protocols, levels and options (socket(2) values). */
#define NET_AF_INET      2
#define NET_SOCK_STREAM  1
#define NET_SOCK_DGRAM   2
#define NET_IPPROTO_ICMP 1
#define NET_IPPROTO_TCP  6
#define NET_IPPROTO_UDP  17
#define NET_SOL_SOCKET   0xffff
#define NET_SO_REUSEADDR 0x0004
#define NET_SO_KEEPALIVE 0x0008
#define NET_SO_BROADCAST 0x0020
#define NET_SO_SNDBUF    0x1001
#define NET_SO_RCVBUF    0x1002
#define NET_SO_SNDTIMEO  0x1005
#define NET_SO_RCVTIMEO  0x1006
#define NET_SO_ERROR     0x1007
#define NET_SO_TYPE      0x1008
#define NET_TCP_NODELAY  0x0001      /* level NET_IPPROTO_TCP */

/* shutdown(2) */
#define NET_SHUT_RD   0
#define NET_SHUT_WR   1
#define NET_SHUT_RDWR 2

/* The largest datagram sendto/recvfrom (and read/write on UDP) carry. */
#define NET_DGRAM_MAX 8192

struct net_sockaddr_in {             /* = struct sockaddr_in */
	uint16_t family;             /* NET_AF_INET */
	uint16_t port;               /* network order */
	uint32_t addr;               /* network order */
	uint8_t zero[8];
};

struct net_accept {
	int32_t listener;            /* in: the listening socket's minor */
	int32_t nonblock;            /* in: the listener is O_NONBLOCK */
	struct net_sockaddr_in peer; /* out: the connection's peer */
};

struct net_sockopt {
	int32_t level;               /* NET_SOL_SOCKET, NET_IPPROTO_TCP */
	int32_t name;                /* NET_SO_*, NET_TCP_* */
	int32_t len;                 /* bytes of value used (<= 16) */
	uint8_t value[16];           /* int, or struct timeval (SO_*TIMEO) */
};

struct net_dgram {
	struct net_sockaddr_in addr; /* sendto: to; recvfrom: from (out) */
	uint32_t len;                /* bytes of data (in for sendto, out) */
	int32_t nonblock;            /* in: the file is O_NONBLOCK */
	uint8_t data[NET_DGRAM_MAX];
};

/* The interface (/dev/ip): address, mask, gateway, DNS server, its
 * driver and link, its counters. Setting needs /dev/ip open for writing
 * (root). */
#define NET_IF_UP      0x1           /* configured */
#define NET_IF_RUNNING 0x2           /* a driver is up and its link is up */

struct net_ifconf {
	char name[8];                /* "eth0" */
	char driver[16];             /* the driver's label, "" for none */
	uint8_t mac[6];
	uint16_t flags;              /* NET_IF_* (set: NET_IF_UP only) */
	uint32_t addr, netmask, gateway, dns;   /* network order */
	uint32_t mtu;
	uint32_t driver_restarts;    /* driver-up events after the first */
};

/* inet's counters, declared once: X(name, what is counted). Bad input
 * (malformed frames, packets, segments) is dropped and counted here,
 * never trusted. */
#define NET_STAT_LIST(X) \
	X(eth_rx,          "frames received") \
	X(eth_tx,          "frames sent") \
	X(eth_drop,        "frames dropped: short, not for us, unknown type") \
	X(arp_rx,          "ARP packets received") \
	X(arp_drop,        "ARP packets dropped: malformed") \
	X(ip_rx,           "IPv4 packets received") \
	X(ip_drop_hdr,     "IPv4 dropped: bad version, header length or total length") \
	X(ip_drop_cksum,   "IPv4 dropped: bad header checksum") \
	X(ip_drop_frag,    "IPv4 dropped: fragments (not reassembled)") \
	X(ip_drop_addr,    "IPv4 dropped: not for this host") \
	X(ip_drop_proto,   "IPv4 dropped: unknown protocol") \
	X(icmp_rx,         "ICMP messages received") \
	X(icmp_drop,       "ICMP dropped: short or bad checksum") \
	X(udp_rx,          "UDP datagrams received") \
	X(udp_drop,        "UDP dropped: short, bad length or checksum") \
	X(udp_noport,      "UDP dropped: no socket on the port") \
	X(tcp_rx,          "TCP segments received") \
	X(tcp_drop_hdr,    "TCP dropped: short, bad data offset or options") \
	X(tcp_drop_cksum,  "TCP dropped: bad checksum") \
	X(tcp_drop_state,  "TCP dropped: not acceptable in the connection's state") \
	X(tcp_rst_tx,      "TCP resets sent") \
	X(tcp_retransmit,  "TCP segments retransmitted (timeout)") \
	X(tcp_fast_retransmit, "TCP fast retransmissions (three duplicate ACKs)") \
	X(tcp_out_of_order, "TCP segments queued out of order") \
	X(drv_tx_again,    "frames the driver could not take at once (queued)") \
	X(drv_restarts,    "driver-up events after the first")

#define NET_STAT_ENUM(name, what) NET_STAT_##name,
enum net_stat { NET_STAT_LIST(NET_STAT_ENUM) NET_STAT_COUNT };
#undef NET_STAT_ENUM

struct net_stats {
	uint32_t v[NET_STAT_COUNT];  /* indexed by enum net_stat */
};

/* ioctl requests, letter 'n'. */
#define NIOCBIND        _IOW('n', 1, struct net_sockaddr_in)
#define NIOCCONNECT     _IOW('n', 2, struct net_sockaddr_in)
#define NIOCLISTEN      _IOW('n', 3, int32_t)          /* backlog */
#define NIOCACCEPT      _IOWR('n', 4, struct net_accept)  /* on a fresh clone */
#define NIOCSHUTDOWN    _IOW('n', 5, int32_t)          /* NET_SHUT_* */
#define NIOCGETSOCKNAME _IOR('n', 6, struct net_sockaddr_in)
#define NIOCGETPEERNAME _IOR('n', 7, struct net_sockaddr_in)
#define NIOCSETOPT      _IOW('n', 8, struct net_sockopt)
#define NIOCGETOPT      _IOWR('n', 9, struct net_sockopt)
#define NIOCSENDTO      _IOW('n', 10, struct net_dgram)
#define NIOCRECVFROM    _IOWR('n', 11, struct net_dgram)
#define NIOCGIFCONF     _IOR('n', 20, struct net_ifconf)   /* /dev/ip */
#define NIOCSIFCONF     _IOW('n', 21, struct net_ifconf)   /* /dev/ip, root */
#define NIOCGSTATS      _IOR('n', 22, struct net_stats)    /* /dev/ip */

#endif
