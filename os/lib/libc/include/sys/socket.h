/* Sockets: TCP, UDP and ICMP echo over inet (abi/socket.h). A socket is
 * an open of /dev/tcp, /dev/udp or /dev/icmp (each open a new socket);
 * read, write, close, poll and fcntl work on it as on any descriptor. */
#ifndef _SYS_SOCKET_H
#define _SYS_SOCKET_H

#include <stdint.h>
#include <sys/types.h>
#include <abi/socket.h>

typedef uint32_t socklen_t;
typedef uint16_t sa_family_t;

struct sockaddr {
	sa_family_t sa_family;
	char sa_data[14];
};

struct sockaddr_storage {
	sa_family_t ss_family;
	char ss_data[14];
};

#define AF_UNSPEC   0
#define AF_INET     NET_AF_INET
#define PF_UNSPEC   AF_UNSPEC
#define PF_INET     AF_INET

#define SOCK_STREAM NET_SOCK_STREAM
#define SOCK_DGRAM  NET_SOCK_DGRAM
#define SOCK_RAW    3                 /* only with IPPROTO_ICMP: as DGRAM */
#define SOCK_NONBLOCK 0x800           /* or'ed into the type (Linux) */
#define SOCK_CLOEXEC  0x80000

#define SOL_SOCKET   NET_SOL_SOCKET
#define SO_REUSEADDR NET_SO_REUSEADDR
#define SO_KEEPALIVE NET_SO_KEEPALIVE
#define SO_BROADCAST NET_SO_BROADCAST
#define SO_SNDBUF    NET_SO_SNDBUF
#define SO_RCVBUF    NET_SO_RCVBUF
#define SO_SNDTIMEO  NET_SO_SNDTIMEO
#define SO_RCVTIMEO  NET_SO_RCVTIMEO
#define SO_ERROR     NET_SO_ERROR
#define SO_TYPE      NET_SO_TYPE

#define SHUT_RD   NET_SHUT_RD
#define SHUT_WR   NET_SHUT_WR
#define SHUT_RDWR NET_SHUT_RDWR

#define SOMAXCONN 16

/* Flags of send, recv, sendto, recvfrom: these only (others: EOPNOTSUPP). */
#define MSG_DONTWAIT 0x40             /* this call does not wait */
#define MSG_WAITALL  0x100            /* recv: until LEN bytes or the end */
#define MSG_NOSIGNAL 0x4000           /* send: EPIPE without SIGPIPE */

int socket(int domain, int type, int protocol);
int bind(int fd, const struct sockaddr *addr, socklen_t len);
int listen(int fd, int backlog);
int accept(int fd, struct sockaddr *addr, socklen_t *len);
int connect(int fd, const struct sockaddr *addr, socklen_t len);
ssize_t send(int fd, const void *buf, size_t len, int flags);
ssize_t recv(int fd, void *buf, size_t len, int flags);
ssize_t sendto(int fd, const void *buf, size_t len, int flags,
    const struct sockaddr *to, socklen_t tolen);
ssize_t recvfrom(int fd, void *buf, size_t len, int flags,
    struct sockaddr *from, socklen_t *fromlen);
int shutdown(int fd, int how);
int getsockname(int fd, struct sockaddr *addr, socklen_t *len);
int getpeername(int fd, struct sockaddr *addr, socklen_t *len);
int setsockopt(int fd, int level, int name, const void *value,
    socklen_t len);
int getsockopt(int fd, int level, int name, void *value, socklen_t *len);

#endif
