/* Formatted console output. Until the terminal server exists (servers
 * issue), text goes to the kernel console through SYS_DIAGCTL, one flush
 * per call. */
#include <stdio.h>
#include <string.h>
#include "fmt.h"
#include "syslib.h"

#define PRINTF_BUF 256

struct linebuf {
	char buf[PRINTF_BUF];
	size_t len;
};

static void flush(struct linebuf *b)
{
	if (b->len)
		sys_diagctl(b->buf, b->len);
	b->len = 0;
}

static void put(char c, void *arg)
{
	struct linebuf *b = arg;
	if (b->len == sizeof(b->buf))
		flush(b);
	b->buf[b->len++] = c;
}

int vprintf(const char *fmt, va_list ap)
{
	struct linebuf b = { .len = 0 };
	int n = fmt_vformat(put, &b, fmt, ap);
	flush(&b);
	return n;
}

int printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	return fmt_vsnprintf(buf, size, fmt, ap);
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

int puts(const char *s)
{
	return printf("%s\n", s);
}
