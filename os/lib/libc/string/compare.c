/* Comparing strings beyond strcmp (os/lib/common/mem.c): strcoll,
 * strcasecmp, strncasecmp. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

/* strcoll: compare by the "C" locale's collation, i.e. strcmp. */
int strcoll(const char *a, const char *b)
{
	return strcmp(a, b);
}

/* strcasecmp: see strings.h. */
int strcasecmp(const char *a, const char *b)
{
	return strncasecmp(a, b, (size_t) -1);
}

/* strncasecmp: see strings.h. */
int strncasecmp(const char *a, const char *b, size_t n)
{
	for (; n > 0; n--, a++, b++) {
		int x = tolower((unsigned char) *a);
		int y = tolower((unsigned char) *b);
		if (x != y || !x)
			return x - y;
	}
	return 0;
}
