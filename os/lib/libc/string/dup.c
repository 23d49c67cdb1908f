/* Strings on the heap: strdup, strndup. */
#include <stdlib.h>
#include <string.h>

/* strdup: a malloc'ed copy of S; NULL with errno ENOMEM when memory runs
 * out. */
char *strdup(const char *s)
{
	return strndup(s, strlen(s));
}

/* strndup: a malloc'ed copy of at most N bytes of S, NUL-terminated; NULL
 * with errno ENOMEM when memory runs out. */
char *strndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *d = malloc(len + 1);
	if (!d)
		return NULL;
	memcpy(d, s, len);
	d[len] = '\0';
	return d;
}
