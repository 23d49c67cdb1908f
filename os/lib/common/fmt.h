/* printf-style formatting shared by the kernel and the C library. */
#ifndef FMT_H
#define FMT_H

#include <stdarg.h>
#include <stddef.h>

/* An output sink: called once per produced character. */
typedef void (*fmt_putc_fn)(char c, void *arg);

/* fmt_vformat: format FMT with AP, handing each character to PUT(c, ARG).
 * Supports %d %i %u %x %X %o %p %s %c %%, the flags '-' '0' ' ' '+' '#',
 * a width and precision (also '*'), and the length modifiers hh h l ll z t.
 * Returns the number of characters produced. A NULL %s prints "(null)". */
int fmt_vformat(fmt_putc_fn put, void *arg, const char *fmt, va_list ap);

/* fmt_vsnprintf: format into BUF of SIZE bytes, always NUL-terminated when
 * SIZE > 0. Returns the length the full output would have had. */
int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

/* fmt_snprintf: as fmt_vsnprintf, with variadic arguments. */
int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
