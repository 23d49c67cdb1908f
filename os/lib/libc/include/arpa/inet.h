/* Address conversion: dotted quads to and from struct in_addr. */
#ifndef _ARPA_INET_H
#define _ARPA_INET_H

#include <netinet/in.h>

/* inet_pton: AF_INET only; SRC "a.b.c.d" (each 0..255, decimal, no
 * leading zeros beyond one digit) into DST (a struct in_addr). 1, 0 when
 * SRC is not such an address, -1 with errno EAFNOSUPPORT. */
int inet_pton(int af, const char *src, void *dst);
/* inet_ntop: AF_INET only: the dotted quad of SRC into DST of SIZE bytes.
 * DST, or NULL with errno ENOSPC (too small) or EAFNOSUPPORT. */
const char *inet_ntop(int af, const void *src, char *dst, socklen_t size);
/* inet_aton: as BSD: also "a", "a.b", "a.b.c" forms and octal/hex parts.
 * 1, or 0 when CP is not an address. */
int inet_aton(const char *cp, struct in_addr *inp);
/* inet_addr: inet_aton's address, or INADDR_NONE. */
in_addr_t inet_addr(const char *cp);
/* inet_ntoa: the dotted quad of IN in a static buffer. */
char *inet_ntoa(struct in_addr in);

#endif
