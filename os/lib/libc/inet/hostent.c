/* gethostbyname without DNS: dotted quads, "localhost", /etc/hosts. */
#include <arpa/inet.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

int h_errno;

#define HOSTS_FILE "/etc/hosts"
#define NAME_MAX_LEN 64

static char host_name[NAME_MAX_LEN];
static struct in_addr host_addr;
static char *host_addrs[2] = { (char *) &host_addr, NULL };
static char *host_aliases[1] = { NULL };
static struct hostent host = {
	.h_name = host_name, .h_aliases = host_aliases, .h_addrtype = AF_INET,
	.h_length = 4, .h_addr_list = host_addrs,
};

/* answer: the static hostent for NAME at ADDR. */
static struct hostent *answer(const char *name, struct in_addr addr)
{
	strlcpy(host_name, name, sizeof(host_name));
	host_addr = addr;
	return &host;
}

/* from_hosts: NAME's address from /etc/hosts ("ADDR NAME ALIAS..."
 * lines, # comments) into *ADDR. 1 when found. */
static int from_hosts(const char *name, struct in_addr *addr)
{
	FILE *f = fopen(HOSTS_FILE, "r");
	if (!f)
		return 0;
	char line[256];
	int found = 0;
	while (!found && fgets(line, sizeof(line), f)) {
		char *hash = strchr(line, '#');
		if (hash)
			*hash = '\0';
		char *save, *word = strtok_r(line, " \t\r\n", &save);
		struct in_addr a;
		if (!word || inet_pton(AF_INET, word, &a) != 1)
			continue;
		while ((word = strtok_r(NULL, " \t\r\n", &save)) != NULL) {
			if (strcasecmp(word, name) == 0) {
				*addr = a;
				found = 1;
				break;
			}
		}
	}
	fclose(f);
	return found;
}

/* gethostbyname: see <netdb.h>. */
struct hostent *gethostbyname(const char *name)
{
	struct in_addr a;
	if (name && inet_aton(name, &a))
		return answer(name, a);
	if (name && strcasecmp(name, "localhost") == 0) {
		a.s_addr = htonl(INADDR_LOOPBACK);
		return answer(name, a);
	}
	if (name && strlen(name) < NAME_MAX_LEN && from_hosts(name, &a))
		return answer(name, a);
	h_errno = HOST_NOT_FOUND;
	return NULL;
}

/* hstrerror: see <netdb.h>. */
const char *hstrerror(int err)
{
	switch (err) {
	case HOST_NOT_FOUND: return "Unknown host";
	case TRY_AGAIN:      return "Host name lookup failure";
	case NO_RECOVERY:    return "Unknown server error";
	case NO_DATA:        return "No address associated with name";
	default:             return "Resolver error";
	}
}
