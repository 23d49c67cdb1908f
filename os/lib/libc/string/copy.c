/* Copying strings: strcpy, strncpy, stpcpy. */
#include <string.h>

/* strcpy: copy SRC with its NUL into DST (which must be big enough and not
 * overlap). Returns DST. */
char *strcpy(char *dst, const char *src)
{
	stpcpy(dst, src);
	return dst;
}

/* stpcpy: as strcpy, but returns the address of the NUL written in DST. */
char *stpcpy(char *dst, const char *src)
{
	while ((*dst = *src++))
		dst++;
	return dst;
}

/* strncpy: copy at most N bytes of SRC into DST and pad with NULs up to N.
 * DST is not NUL-terminated when SRC has N or more bytes. Returns DST. */
char *strncpy(char *dst, const char *src, size_t n)
{
	size_t i = 0;
	for (; i < n && src[i]; i++)
		dst[i] = src[i];
	for (; i < n; i++)
		dst[i] = '\0';
	return dst;
}
