/* Host names: gethostbyname and getaddrinfo know dotted quads,
 * "localhost" and the names of /etc/hosts (there is no DNS client yet). */
#ifndef _NETDB_H
#define _NETDB_H

#include <netinet/in.h>

struct hostent {
	char *h_name;
	char **h_aliases;
	int h_addrtype;               /* AF_INET */
	int h_length;                 /* 4 */
	char **h_addr_list;           /* NULL-terminated */
};
#define h_addr h_addr_list[0]

#define HOST_NOT_FOUND 1
#define TRY_AGAIN      2
#define NO_RECOVERY    3
#define NO_DATA        4

extern int h_errno;

/* getaddrinfo: AF_INET only; NODE a dotted quad or a name as for
 * gethostbyname (NULL: INADDR_ANY with AI_PASSIVE, else the loopback),
 * SERVICE a port number (or NULL: 0). HINTS (may be NULL) gives
 * ai_family (AF_UNSPEC or AF_INET), ai_socktype (0: one entry for each of
 * SOCK_STREAM and SOCK_DGRAM), ai_protocol, ai_flags (AI_PASSIVE,
 * AI_NUMERICHOST, AI_NUMERICSERV). 0 and *RES (free it with
 * freeaddrinfo), or an EAI_* error (gai_strerror). */
struct addrinfo {
	int ai_flags;
	int ai_family;
	int ai_socktype;
	int ai_protocol;
	socklen_t ai_addrlen;
	struct sockaddr *ai_addr;
	char *ai_canonname;
	struct addrinfo *ai_next;
};

#define AI_PASSIVE     0x01
#define AI_CANONNAME   0x02
#define AI_NUMERICHOST 0x04
#define AI_NUMERICSERV 0x400

#define EAI_BADFLAGS   -1
#define EAI_NONAME     -2
#define EAI_FAMILY     -6
#define EAI_SOCKTYPE   -7
#define EAI_SERVICE    -8
#define EAI_MEMORY     -10

int getaddrinfo(const char *node, const char *service,
    const struct addrinfo *hints, struct addrinfo **res);
void freeaddrinfo(struct addrinfo *res);
const char *gai_strerror(int err);

/* gethostbyname: NAME's address (a static result overwritten by the next
 * call), or NULL with h_errno HOST_NOT_FOUND. */
struct hostent *gethostbyname(const char *name);
/* hstrerror: the text of an h_errno value. */
const char *hstrerror(int err);

#endif
