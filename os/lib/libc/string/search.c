/* Searching strings and memory: memchr, memrchr, strrchr, strstr, strspn,
 * strcspn, strpbrk. */
#include <string.h>

/* memchr: the first byte equal to (unsigned char) C in the N bytes at S,
 * or NULL. */
void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;
	for (size_t i = 0; i < n; i++)
		if (p[i] == (unsigned char) c)
			return (void *) (p + i);
	return NULL;
}

/* memrchr: the last byte equal to (unsigned char) C in the N bytes at S,
 * or NULL. */
void *memrchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;
	while (n--)
		if (p[n] == (unsigned char) c)
			return (void *) (p + n);
	return NULL;
}

/* strrchr: the last C in S (C = 0 finds the NUL), or NULL. */
char *strrchr(const char *s, int c)
{
	const char *last = NULL;
	for (;; s++) {
		if (*s == (char) c)
			last = s;
		if (!*s)
			return (char *) last;
	}
}

/* strstr: the first occurrence of NEEDLE in HAYSTACK, or NULL; an empty
 * NEEDLE is found at HAYSTACK. */
char *strstr(const char *haystack, const char *needle)
{
	size_t n = strlen(needle);
	if (n == 0)
		return (char *) haystack;
	for (; *haystack; haystack++)
		if (*haystack == *needle && strncmp(haystack, needle, n) == 0)
			return (char *) haystack;
	return NULL;
}

/* in_set: whether C is one of the characters of SET. */
static int in_set(char c, const char *set)
{
	for (; *set; set++)
		if (*set == c)
			return 1;
	return 0;
}

/* strspn: the length of the first part of S made only of ACCEPT's
 * characters. */
size_t strspn(const char *s, const char *accept)
{
	size_t n = 0;
	while (s[n] && in_set(s[n], accept))
		n++;
	return n;
}

/* strcspn: the length of the first part of S free of REJECT's
 * characters. */
size_t strcspn(const char *s, const char *reject)
{
	size_t n = 0;
	while (s[n] && !in_set(s[n], reject))
		n++;
	return n;
}

/* strpbrk: the first character of S that is in ACCEPT, or NULL. */
char *strpbrk(const char *s, const char *accept)
{
	s += strcspn(s, accept);
	return *s ? (char *) s : NULL;
}
