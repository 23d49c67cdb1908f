/* Byte order: the host (i386) is little-endian, the network big-endian. */
#include <netinet/in.h>

/* htonl: X in network byte order. */
uint32_t htonl(uint32_t x)
{
	return (x >> 24) | ((x >> 8) & 0xff00u) | ((x << 8) & 0xff0000u) |
	    (x << 24);
}

/* htons: X in network byte order. */
uint16_t htons(uint16_t x)
{
	return (uint16_t) ((x >> 8) | (x << 8));
}

/* ntohl: X in host byte order. */
uint32_t ntohl(uint32_t x)
{
	return htonl(x);
}

/* ntohs: X in host byte order. */
uint16_t ntohs(uint16_t x)
{
	return htons(x);
}
