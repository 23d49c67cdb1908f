/* Host names: gethostbyname knows dotted quads, "localhost" and the
 * names of /etc/hosts (there is no DNS client yet). */
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

/* gethostbyname: NAME's address (a static result overwritten by the next
 * call), or NULL with h_errno HOST_NOT_FOUND. */
struct hostent *gethostbyname(const char *name);
/* hstrerror: the text of an h_errno value. */
const char *hstrerror(int err);

#endif
