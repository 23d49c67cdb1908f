/* String and memory functions. memcpy, memmove, memset, memcmp, strlen,
 * strnlen, strcmp, strncmp, strchr and strlcpy are shared with the kernel
 * (os/lib/common/mem.c); the rest are libc's (os/lib/libc/string). */
#ifndef _STRING_H
#define _STRING_H

#include <stddef.h>
#include <strings.h>

/* ---- os/lib/common/mem.c ---- */
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
size_t strlcpy(char *dst, const char *src, size_t size);

/* ---- os/lib/libc/string ---- */
void *memchr(const void *s, int c, size_t n);
void *memrchr(const void *s, int c, size_t n);
char *strcpy(char *dst, const char *src);
char *strncpy(char *dst, const char *src, size_t n);
char *stpcpy(char *dst, const char *src);
char *strcat(char *dst, const char *src);
char *strncat(char *dst, const char *src, size_t n);
size_t strlcat(char *dst, const char *src, size_t size);
int strcoll(const char *a, const char *b);
char *strdup(const char *s);
char *strndup(const char *s, size_t n);
char *strrchr(const char *s, int c);
char *strstr(const char *haystack, const char *needle);
size_t strspn(const char *s, const char *accept);
size_t strcspn(const char *s, const char *reject);
char *strpbrk(const char *s, const char *accept);
char *strtok(char *s, const char *delim);
char *strtok_r(char *s, const char *delim, char **save);
char *strsep(char **sp, const char *delim);
char *strerror(int err);
int strerror_r(int err, char *buf, size_t len);
char *strsignal(int sig);

#endif
