/* Internet addresses: struct sockaddr_in (= abi/socket.h's
 * struct net_sockaddr_in), protocols, byte order. */
#ifndef _NETINET_IN_H
#define _NETINET_IN_H

#include <stdint.h>
#include <sys/socket.h>

typedef uint32_t in_addr_t;
typedef uint16_t in_port_t;

struct in_addr {
	in_addr_t s_addr;             /* network byte order */
};

struct sockaddr_in {
	sa_family_t sin_family;       /* AF_INET */
	in_port_t sin_port;           /* network byte order */
	struct in_addr sin_addr;
	unsigned char sin_zero[8];
};

#define IPPROTO_IP   0
#define IPPROTO_ICMP NET_IPPROTO_ICMP
#define IPPROTO_TCP  NET_IPPROTO_TCP
#define IPPROTO_UDP  NET_IPPROTO_UDP

#define INADDR_ANY       ((in_addr_t) 0x00000000)
#define INADDR_BROADCAST ((in_addr_t) 0xffffffff)
#define INADDR_NONE      ((in_addr_t) 0xffffffff)
#define INADDR_LOOPBACK  ((in_addr_t) 0x7f000001)   /* host order */

#define INET_ADDRSTRLEN 16

uint32_t htonl(uint32_t x);
uint16_t htons(uint16_t x);
uint32_t ntohl(uint32_t x);
uint16_t ntohs(uint16_t x);

#endif
