/* Dotted quads: inet_pton and inet_ntop (AF_INET), BSD's inet_aton,
 * inet_addr and inet_ntoa. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

/* inet_pton: see <arpa/inet.h>. */
int inet_pton(int af, const char *src, void *dst)
{
	if (af != AF_INET) {
		errno = EAFNOSUPPORT;
		return -1;
	}
	uint8_t out[4];
	for (int part = 0; part < 4; part++) {
		unsigned v = 0;
		int digits = 0;
		while (*src >= '0' && *src <= '9') {
			if (digits == 1 && v == 0)
				return 0;          /* a leading zero */
			v = v * 10 + (unsigned) (*src++ - '0');
			if (++digits > 3 || v > 255)
				return 0;
		}
		if (digits == 0)
			return 0;
		out[part] = (uint8_t) v;
		if (part < 3 && *src++ != '.')
			return 0;
	}
	if (*src != '\0')
		return 0;
	memcpy(dst, out, 4);
	return 1;
}

/* inet_ntop: see <arpa/inet.h>. */
const char *inet_ntop(int af, const void *src, char *dst, socklen_t size)
{
	if (af != AF_INET) {
		errno = EAFNOSUPPORT;
		return NULL;
	}
	const uint8_t *b = src;
	char buf[INET_ADDRSTRLEN];
	snprintf(buf, sizeof(buf), "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
	if (strlen(buf) >= size) {
		errno = ENOSPC;
		return NULL;
	}
	strcpy(dst, buf);
	return dst;
}

/* number: one part of an inet_aton address at *S (decimal, 0 octal, 0x
 * hexadecimal) into *V; moves *S past it. 1, or 0 when there is none or
 * it is over 0xffffffff. */
static int number(const char **s, uint32_t *v)
{
	const char *p = *s;
	unsigned base = 10;
	uint64_t x = 0;
	int digits = 0;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	} else if (p[0] == '0') {
		base = 8;
	}
	for (;; p++, digits++) {
		unsigned d;
		if (*p >= '0' && *p <= '9')
			d = (unsigned) (*p - '0');
		else if (*p >= 'a' && *p <= 'f')
			d = (unsigned) (*p - 'a' + 10);
		else if (*p >= 'A' && *p <= 'F')
			d = (unsigned) (*p - 'A' + 10);
		else
			break;
		if (d >= base)
			return 0;
		x = x * base + d;
		if (x > 0xffffffffu)
			return 0;
	}
	if (digits == 0)
		return 0;
	*s = p;
	*v = (uint32_t) x;
	return 1;
}

/* inet_aton: see <arpa/inet.h>. The last part fills the bytes left:
 * "10.1" is 10.0.0.1. */
int inet_aton(const char *cp, struct in_addr *inp)
{
	uint32_t parts[4];
	int n = 0;
	for (;;) {
		if (n == 4 || !number(&cp, &parts[n]))
			return 0;
		n++;
		if (*cp == '\0')
			break;
		if (*cp++ != '.')
			return 0;
	}
	uint32_t addr = 0;
	for (int i = 0; i < n - 1; i++) {
		if (parts[i] > 255)
			return 0;
		addr |= parts[i] << (24 - 8 * i);
	}
	uint32_t last = parts[n - 1];
	if (n > 1 && last >> (8 * (5 - n)))
		return 0;
	addr |= last;
	if (inp)
		inp->s_addr = htonl(addr);
	return 1;
}

/* inet_addr: see <arpa/inet.h>. */
in_addr_t inet_addr(const char *cp)
{
	struct in_addr a;
	return inet_aton(cp, &a) ? a.s_addr : INADDR_NONE;
}

/* inet_ntoa: see <arpa/inet.h>. */
char *inet_ntoa(struct in_addr in)
{
	static char buf[INET_ADDRSTRLEN];
	inet_ntop(AF_INET, &in, buf, sizeof(buf));
	return buf;
}
