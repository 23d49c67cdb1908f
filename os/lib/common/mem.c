/* Memory and string primitives shared by the kernel and the C library. */
#include "mem.h"

#include <stdint.h>

/* memcpy: copy N bytes; the areas must not overlap. Returns DST. Words
 * first (rep movsl), then the 0-3 bytes left (rep movsb): QEMU counts
 * every iteration of a rep instruction, so a word copy costs a quarter. */
void *memcpy(void *dst, const void *src, size_t n)
{
	void *ret = dst;
	size_t words = n / 4, bytes = n % 4;
	__asm__ volatile("rep movsl\n\tmov %3, %%ecx\n\trep movsb"
	    : "+D"(dst), "+S"(src), "+c"(words) : "r"(bytes) : "memory");
	return ret;
}

/* memmove: copy N bytes; the areas may overlap. Returns DST. A
 * destination above an overlapping source is copied from the end down: the
 * 0-3 top bytes, then word by word (a C loop: the direction flag stays
 * clear, so an interrupt or a signal handler never sees it set). */
void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	while (n % 4) {
		n--;
		d[n] = s[n];
	}
	for (; n; n -= 4) {
		uint32_t w;
		__builtin_memcpy(&w, s + n - 4, 4);
		__builtin_memcpy(d + n - 4, &w, 4);
	}
	return dst;
}

/* memset: fill N bytes with C. Returns DST. Words first (rep stosl of C
 * in every byte), then the 0-3 bytes left. */
void *memset(void *dst, int c, size_t n)
{
	void *ret = dst;
	uint32_t pattern = (uint8_t) c * 0x01010101u;
	size_t words = n / 4, bytes = n % 4;
	__asm__ volatile("rep stosl\n\tmov %3, %%ecx\n\trep stosb"
	    : "+D"(dst), "+c"(words) : "a"(pattern), "r"(bytes) : "memory");
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
