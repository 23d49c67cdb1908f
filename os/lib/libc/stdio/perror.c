/* Error reports: perror. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

/* perror: print "S: message of errno" (just the message when S is NULL or
 * empty) and a newline on stderr. errno is left as it was. */
void perror(const char *s)
{
	int err = errno;
	if (s && *s)
		fprintf(stderr, "%s: %s\n", s, strerror(err));
	else
		fprintf(stderr, "%s\n", strerror(err));
	errno = err;
}
