/* Formatted output into memory: sprintf, snprintf, vsprintf, vsnprintf
 * (os/lib/common/fmt.c does the work). */
#include <stdint.h>
#include "fmt.h"
#include <stdio.h>

/* vsnprintf: format FMT with AP into BUF of SIZE bytes, cut to fit and
 * NUL-terminated when SIZE > 0. Returns the length the whole output has
 * (>= SIZE means it was cut). */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	return fmt_vsnprintf(buf, size, fmt, ap);
}

/* snprintf: vsnprintf with variadic arguments. */
int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

/* vsprintf: vsnprintf without a limit (BUF must be big enough). */
int vsprintf(char *buf, const char *fmt, va_list ap)
{
	return vsnprintf(buf, SIZE_MAX / 2, fmt, ap);
}

/* sprintf: vsprintf with variadic arguments. */
int sprintf(char *buf, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsprintf(buf, fmt, ap);
	va_end(ap);
	return n;
}
