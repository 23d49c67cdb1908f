/* Memory and string primitives shared by the kernel and the C library. */
#include "mem.h"

#include <stdint.h>

/* memcpy: copy N bytes; the areas must not overlap. Returns DST. */
void *memcpy(void *dst, const void *src, size_t n)
{
	void *ret = dst;
	if (((uintptr_t) dst | (uintptr_t) src | n) % 4 == 0) {
		size_t words = n / 4;
		__asm__ volatile("rep movsl"
		    : "+D"(dst), "+S"(src), "+c"(words) : : "memory");
	} else {
		__asm__ volatile("rep movsb"
		    : "+D"(dst), "+S"(src), "+c"(n) : : "memory");
	}
	return ret;
}

/* memmove: copy N bytes; the areas may overlap. Returns DST. */
void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

/* memset: fill N bytes with C. Returns DST. */
void *memset(void *dst, int c, size_t n)
{
	void *ret = dst;
	__asm__ volatile("rep stosb"
	    : "+D"(dst), "+c"(n) : "a"(c) : "memory");
	return ret;
}

/* memcmp: compare N bytes; <0, 0 or >0 as in the C standard. */
int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;
	for (size_t i = 0; i < n; i++)
		if (x[i] != y[i])
			return x[i] - y[i];
	return 0;
}

/* strlen: length of S without the NUL. */
size_t strlen(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

/* strnlen: length of S, at most MAX. */
size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;
	while (n < max && s[n])
		n++;
	return n;
}

/* strcmp: compare two strings; <0, 0 or >0. */
int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return (unsigned char) *a - (unsigned char) *b;
}

/* strncmp: compare at most N characters of two strings. */
int strncmp(const char *a, const char *b, size_t n)
{
	for (; n > 0; n--, a++, b++) {
		if (*a != *b || !*a)
			return (unsigned char) *a - (unsigned char) *b;
	}
	return 0;
}

/* strchr: the first C in S (the NUL counts), or NULL. */
char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char) c)
			return (char *) s;
		if (!*s)
			return NULL;
	}
}

/* strlcpy: copy SRC into DST of SIZE bytes, always NUL-terminated when SIZE
 * > 0. Returns strlen(SRC), so a result >= SIZE means it was cut short. */
size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);
	if (size > 0) {
		size_t n = len < size - 1 ? len : size - 1;
		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}
