/* getaddrinfo for IPv4 without DNS (names as gethostbyname knows them),
 * freeaddrinfo, gai_strerror. */
#include <arpa/inet.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>

/* entry: a new addrinfo for ADDR:PORT (network order) of SOCKTYPE and
 * PROTOCOL, NAME its canonical name (or NULL); NULL without memory. */
static struct addrinfo *entry(uint32_t addr, uint16_t port, int socktype,
    int protocol, const char *name)
{
	struct {
		struct addrinfo ai;
		struct sockaddr_in sin;
	} *e = calloc(1, sizeof(*e));
	if (!e)
		return NULL;
	e->sin.sin_family = AF_INET;
	e->sin.sin_port = port;
	e->sin.sin_addr.s_addr = addr;
	e->ai.ai_family = AF_INET;
	e->ai.ai_socktype = socktype;
	e->ai.ai_protocol = protocol;
	e->ai.ai_addrlen = sizeof(e->sin);
	e->ai.ai_addr = (struct sockaddr *) &e->sin;
	if (name && !(e->ai.ai_canonname = strdup(name))) {
		free(e);
		return NULL;
	}
	return &e->ai;
}

/* port_of: SERVICE as a port in network order into *PORT. 0, or
 * EAI_SERVICE (no names of services are known). */
static int port_of(const char *service, uint16_t *port)
{
	if (!service) {
		*port = 0;
		return 0;
	}
	char *end;
	long v = strtol(service, &end, 10);
	if (!*service || *end || v < 0 || v > 65535)
		return EAI_SERVICE;
	*port = htons((uint16_t) v);
	return 0;
}

/* getaddrinfo: see <netdb.h>. */
int getaddrinfo(const char *node, const char *service,
    const struct addrinfo *hints, struct addrinfo **res)
{
	struct addrinfo h = { 0 };
	if (hints)
		h = *hints;
	if (h.ai_flags & ~(AI_PASSIVE | AI_CANONNAME | AI_NUMERICHOST |
	    AI_NUMERICSERV))
		return EAI_BADFLAGS;
	if (h.ai_family != AF_UNSPEC && h.ai_family != AF_INET)
		return EAI_FAMILY;
	if (h.ai_socktype != 0 && h.ai_socktype != SOCK_STREAM &&
	    h.ai_socktype != SOCK_DGRAM)
		return EAI_SOCKTYPE;
	if (!node && !service)
		return EAI_NONAME;
	uint16_t port;
	int r = port_of(service, &port);
	if (r != 0)
		return r;
	uint32_t addr;
	struct in_addr in;
	if (!node) {
		addr = htonl(h.ai_flags & AI_PASSIVE ? INADDR_ANY :
		    INADDR_LOOPBACK);
	} else if (inet_pton(AF_INET, node, &in) == 1) {
		addr = in.s_addr;
	} else {
		struct hostent *he = (h.ai_flags & AI_NUMERICHOST) ? NULL :
		    gethostbyname(node);
		if (!he)
			return EAI_NONAME;
		memcpy(&addr, he->h_addr, 4);
	}
	const char *canon = node && (h.ai_flags & AI_CANONNAME) ? node : NULL;
	static const int types[] = { SOCK_STREAM, SOCK_DGRAM };
	struct addrinfo *first = NULL, **tail = &first;
	for (int i = 0; i < 2; i++) {
		if (h.ai_socktype && h.ai_socktype != types[i])
			continue;
		int proto = h.ai_protocol ? h.ai_protocol :
		    types[i] == SOCK_STREAM ? IPPROTO_TCP : IPPROTO_UDP;
		*tail = entry(addr, port, types[i], proto, canon);
		if (!*tail) {
			freeaddrinfo(first);
			return EAI_MEMORY;
		}
		canon = NULL;
		tail = &(*tail)->ai_next;
	}
	*res = first;
	return 0;
}

/* freeaddrinfo: see <netdb.h>. Each entry is one allocation with its
 * address. */
void freeaddrinfo(struct addrinfo *res)
{
	while (res) {
		struct addrinfo *next = res->ai_next;
		free(res->ai_canonname);
		free(res);
		res = next;
	}
}

/* gai_strerror: see <netdb.h>. */
const char *gai_strerror(int err)
{
	switch (err) {
	case 0:            return "Success";
	case EAI_BADFLAGS: return "Bad value for ai_flags";
	case EAI_NONAME:   return "Name or service not known";
	case EAI_FAMILY:   return "ai_family not supported";
	case EAI_SOCKTYPE: return "ai_socktype not supported";
	case EAI_SERVICE:  return "Servname not supported for ai_socktype";
	case EAI_MEMORY:   return "Memory allocation failure";
	default:           return "Unknown error";
	}
}
