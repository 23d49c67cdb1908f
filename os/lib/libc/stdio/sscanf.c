/* Formatted input from strings: sscanf, vsscanf. Conversions: %d %i %u
 * %x %X %o %s %c %n and %%, with a width, '*' (read but do not store) and
 * the length modifiers hh h l ll z. */
#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>

#define NUM_MAX 64       /* longest number text looked at */

/* store_int: store V through the next pointer of AP, sized by SIZE (-2 hh,
 * -1 h, 0 int, 1 l, 2 ll). */
static void store_int(va_list *ap, int size, unsigned long long v)
{
	switch (size) {
	case -2: *va_arg(*ap, signed char *) = (signed char) v; break;
	case -1: *va_arg(*ap, short *) = (short) v; break;
	case 1: *va_arg(*ap, long *) = (long) v; break;
	case 2: *va_arg(*ap, long long *) = (long long) v; break;
	default: *va_arg(*ap, int *) = (int) v; break;
	}
}

/* scan_number: read a number of BASE (0: C prefixes) of at most WIDTH
 * characters at *S; *S moves past it. Returns 0 and *V, or -1 when no
 * number is there. */
static int scan_number(const char **s, int width, int base, int is_signed,
    unsigned long long *v)
{
	char text[NUM_MAX];
	int n = 0;
	if (width <= 0 || width >= NUM_MAX)
		width = NUM_MAX - 1;
	while (n < width && (*s)[n]) {
		text[n] = (*s)[n];
		n++;
	}
	text[n] = '\0';
	char *end;
	if (is_signed)
		*v = (unsigned long long) strtoll(text, &end, base);
	else
		*v = strtoull(text, &end, base);
	if (end == text)
		return -1;
	*s += end - text;
	return 0;
}

/* vsscanf: read S as FMT says, storing through the pointers of AP. White
 * space in FMT matches any amount (also none); other characters match
 * themselves. Returns the number of values stored, or EOF when S ended
 * before the first conversion. Numbers out of range are cut to the size
 * of their target. */
int vsscanf(const char *s, const char *fmt, va_list ap_in)
{
	va_list ap;
	va_copy(ap, ap_in);
	const char *start = s;
	int stored = 0, converted = 0, ended = 0;
	while (*fmt) {
		if (isspace((unsigned char) *fmt)) {
			while (isspace((unsigned char) *s))
				s++;
			fmt++;
			continue;
		}
		if (*fmt != '%' || fmt[1] == '%') {
			if (*fmt == '%')
				fmt++;
			if (*s != *fmt) {
				ended = !*s;
				goto out;
			}
			s++;
			fmt++;
			continue;
		}
		fmt++;
		int skip = 0, width = 0, size = 0;
		if (*fmt == '*') {
			skip = 1;
			fmt++;
		}
		while (isdigit((unsigned char) *fmt))
			width = width * 10 + (*fmt++ - '0');
		for (;; fmt++) {
			if (*fmt == 'l') size = size == 1 ? 2 : 1;
			else if (*fmt == 'h') size = size == -1 ? -2 : -1;
			else if (*fmt == 'z') size = 0;
			else break;
		}
		char conv = *fmt++;
		if (conv == 'n') {
			if (!skip)
				store_int(&ap, size, (unsigned long long) (s - start));
			continue;
		}
		if (conv != 'c')
			while (isspace((unsigned char) *s))
				s++;
		if (!*s) {
			ended = 1;
			goto out;
		}
		switch (conv) {
		case 'd': case 'i': case 'u': case 'x': case 'X': case 'o': {
			int base = conv == 'i' ? 0 : conv == 'o' ? 8 :
			    (conv == 'x' || conv == 'X') ? 16 : 10;
			unsigned long long v;
			if (scan_number(&s, width, base, conv == 'd' || conv == 'i',
			    &v) < 0)
				goto out;
			if (!skip)
				store_int(&ap, size, v);
			break;
		}
		case 's': {
			char *d = skip ? NULL : va_arg(ap, char *);
			int n = 0;
			while (*s && !isspace((unsigned char) *s) &&
			    (width == 0 || n < width)) {
				if (d)
					d[n] = *s;
				n++;
				s++;
			}
			if (d)
				d[n] = '\0';
			break;
		}
		case 'c': {
			char *d = skip ? NULL : va_arg(ap, char *);
			int n = width ? width : 1;
			for (int i = 0; i < n; i++) {
				if (!*s) {
					ended = 1;
					goto out;
				}
				if (d)
					d[i] = *s;
				s++;
			}
			break;
		}
		default:
			goto out;          /* an unknown conversion: stop */
		}
		converted++;
		if (!skip)
			stored++;
	}
out:
	va_end(ap);
	if (ended && converted == 0)
		return EOF;
	return stored;
}

/* sscanf: vsscanf with variadic arguments. */
int sscanf(const char *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsscanf(s, fmt, ap);
	va_end(ap);
	return n;
}
