/* wget: the head of an HTTP response. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "wget.h"

/* response_parse: see wget.h. */
int response_parse(const char *head, int *status, char *reason,
    long *length)
{
	if (strncmp(head, "HTTP/", 5) != 0)
		return -1;
	const char *sp = strchr(head, ' ');
	char *end;
	if (!sp)
		return -1;
	long code = strtol(sp + 1, &end, 10);
	if (end != sp + 4 || code < 100 || code > 999)
		return -1;
	*status = (int) code;
	while (*end == ' ')
		end++;
	size_t rl = strcspn(end, "\r\n");
	if (rl > 63)
		rl = 63;
	memcpy(reason, end, rl);
	reason[rl] = '\0';
	*length = -1;
	for (const char *l = strchr(head, '\n'); l && l[1]; l = strchr(l + 1,
	    '\n')) {
		if (strncasecmp(l + 1, "Content-Length:", 15) == 0) {
			long v = strtol(l + 16, &end, 10);
			if (end != l + 16 && v >= 0)
				*length = v;
		}
	}
	return 0;
}
