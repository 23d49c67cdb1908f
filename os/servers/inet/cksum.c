/* The Internet checksum (RFC 1071): a 16-bit one's complement sum, and
 * the IPv4 pseudo header UDP and TCP add to it. */
#include "inet.h"

/* inet_sum: see inet.h. */
uint32_t inet_sum(const void *data, size_t len, uint32_t sum)
{
	const uint8_t *p = data;
	while (len > 1) {
		sum += (uint32_t) p[0] << 8 | p[1];
		p += 2;
		len -= 2;
	}
	if (len)
		sum += (uint32_t) p[0] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return sum;
}

/* inet_fold: see inet.h. */
uint16_t inet_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return inet_htons((uint16_t) ~sum);
}

/* inet_pseudo: see inet.h. The addresses are summed as stored (network
 * order), which is what the wire has. */
uint32_t inet_pseudo(uint32_t src, uint32_t dst, int proto, size_t len)
{
	uint32_t sum = inet_sum(&src, 4, 0);
	sum = inet_sum(&dst, 4, sum);
	return sum + (uint32_t) proto + (uint32_t) len;
}
