/* Appending strings: strcat, strncat, strlcat. */
#include <string.h>

/* strcat: append SRC (and a NUL) to the string in DST. Returns DST. */
char *strcat(char *dst, const char *src)
{
	strcpy(dst + strlen(dst), src);
	return dst;
}

/* strncat: append at most N bytes of SRC to DST, then a NUL (so DST needs
 * room for strlen(DST) + N + 1 bytes). Returns DST. */
char *strncat(char *dst, const char *src, size_t n)
{
	char *d = dst + strlen(dst);
	while (n-- && *src)
		*d++ = *src++;
	*d = '\0';
	return dst;
}

/* strlcat: append SRC to the string in DST of SIZE bytes, cutting it short
 * so the result stays NUL-terminated. Returns the length the whole result
 * would have (strlen of both, or SIZE + strlen(SRC) when DST holds no NUL
 * in its SIZE bytes): a value >= SIZE means it was cut. */
size_t strlcat(char *dst, const char *src, size_t size)
{
	size_t dlen = strnlen(dst, size);
	if (dlen == size)
		return size + strlen(src);
	return dlen + strlcpy(dst + dlen, src, size - dlen);
}
