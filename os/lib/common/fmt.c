/* printf-style formatting shared by the kernel and the C library. */
#include "fmt.h"

#include <stdint.h>

struct spec {
	int left;        /* '-' */
	int zero;        /* '0' */
	int plus;        /* '+' */
	int space;       /* ' ' */
	int alt;         /* '#' */
	int width;
	int prec;        /* -1 when absent */
	int size;        /* 0 int, 1 long, 2 long long, -1 short, -2 char */
};

struct out {
	fmt_putc_fn put;
	void *arg;
	int count;
};

static void emit(struct out *o, char c)
{
	o->put(c, o->arg);
	o->count++;
}

static void pad(struct out *o, char c, int n)
{
	while (n-- > 0)
		emit(o, c);
}

/* Emit a number already converted to digits (most significant first). */
static void emit_number(struct out *o, const struct spec *s, const char *digits,
    int ndigits, const char *prefix)
{
	int plen = 0;
	while (prefix[plen])
		plen++;
	int zeros = s->prec > ndigits ? s->prec - ndigits : 0;
	int body = plen + zeros + ndigits;
	int fill = s->width > body ? s->width - body : 0;

	if (!s->left && !(s->zero && s->prec < 0))
		pad(o, ' ', fill);
	for (int i = 0; i < plen; i++)
		emit(o, prefix[i]);
	if (!s->left && s->zero && s->prec < 0)
		pad(o, '0', fill);
	pad(o, '0', zeros);
	for (int i = 0; i < ndigits; i++)
		emit(o, digits[i]);
	if (s->left)
		pad(o, ' ', fill);
}

static void format_unsigned(struct out *o, const struct spec *s,
    unsigned long long v, unsigned base, int upper, const char *prefix)
{
	const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	char digits[24];
	int n = 0;

	if (v == 0 && s->prec == 0) {
		emit_number(o, s, "", 0, prefix);
		return;
	}
	do {
		tmp[n++] = set[v % base];
		v /= base;
	} while (v);
	for (int i = 0; i < n; i++)
		digits[i] = tmp[n - 1 - i];
	emit_number(o, s, digits, n, prefix);
}

static void format_string(struct out *o, const struct spec *s, const char *str)
{
	if (!str)
		str = "(null)";
	int len = 0;
	while (str[len] && (s->prec < 0 || len < s->prec))
		len++;
	int fill = s->width > len ? s->width - len : 0;
	if (!s->left)
		pad(o, ' ', fill);
	for (int i = 0; i < len; i++)
		emit(o, str[i]);
	if (s->left)
		pad(o, ' ', fill);
}

static unsigned long long fetch_unsigned(const struct spec *s, va_list *ap)
{
	switch (s->size) {
	case 2: return va_arg(*ap, unsigned long long);
	case 1: return va_arg(*ap, unsigned long);
	case -1: return (unsigned short) va_arg(*ap, unsigned int);
	case -2: return (unsigned char) va_arg(*ap, unsigned int);
	default: return va_arg(*ap, unsigned int);
	}
}

static long long fetch_signed(const struct spec *s, va_list *ap)
{
	switch (s->size) {
	case 2: return va_arg(*ap, long long);
	case 1: return va_arg(*ap, long);
	case -1: return (short) va_arg(*ap, int);
	case -2: return (signed char) va_arg(*ap, int);
	default: return va_arg(*ap, int);
	}
}

/* Parse flags, width, precision and length at *FMT into S. */
static const char *parse_spec(const char *fmt, struct spec *s, va_list *ap)
{
	*s = (struct spec) { .prec = -1 };
	for (;; fmt++) {
		if (*fmt == '-') s->left = 1;
		else if (*fmt == '0') s->zero = 1;
		else if (*fmt == '+') s->plus = 1;
		else if (*fmt == ' ') s->space = 1;
		else if (*fmt == '#') s->alt = 1;
		else break;
	}
	if (*fmt == '*') {
		s->width = va_arg(*ap, int);
		if (s->width < 0) {
			s->left = 1;
			s->width = -s->width;
		}
		fmt++;
	} else {
		while (*fmt >= '0' && *fmt <= '9')
			s->width = s->width * 10 + (*fmt++ - '0');
	}
	if (*fmt == '.') {
		fmt++;
		s->prec = 0;
		if (*fmt == '*') {
			s->prec = va_arg(*ap, int);
			fmt++;
		} else {
			while (*fmt >= '0' && *fmt <= '9')
				s->prec = s->prec * 10 + (*fmt++ - '0');
		}
	}
	for (;; fmt++) {
		if (*fmt == 'l') s->size = s->size == 1 ? 2 : 1;
		else if (*fmt == 'h') s->size = s->size == -1 ? -2 : -1;
		else if (*fmt == 'z' || *fmt == 't') s->size = 0;
		else break;
	}
	return fmt;
}

int fmt_vformat(fmt_putc_fn put, void *arg, const char *fmt, va_list ap_in)
{
	struct out o = { put, arg, 0 };
	struct spec s;
	va_list ap;

	va_copy(ap, ap_in);
	while (*fmt) {
		if (*fmt != '%') {
			emit(&o, *fmt++);
			continue;
		}
		fmt = parse_spec(fmt + 1, &s, &ap);
		switch (*fmt) {
		case 'd':
		case 'i': {
			long long v = fetch_signed(&s, &ap);
			unsigned long long mag = v < 0 ? -(unsigned long long) v
			    : (unsigned long long) v;
			const char *sign = v < 0 ? "-" : s.plus ? "+" : s.space ? " " : "";
			format_unsigned(&o, &s, mag, 10, 0, sign);
			break;
		}
		case 'u':
			format_unsigned(&o, &s, fetch_unsigned(&s, &ap), 10, 0, "");
			break;
		case 'x':
		case 'X': {
			unsigned long long v = fetch_unsigned(&s, &ap);
			const char *pre = s.alt && v ? (*fmt == 'x' ? "0x" : "0X") : "";
			format_unsigned(&o, &s, v, 16, *fmt == 'X', pre);
			break;
		}
		case 'o': {
			unsigned long long v = fetch_unsigned(&s, &ap);
			format_unsigned(&o, &s, v, 8, 0, s.alt && v ? "0" : "");
			break;
		}
		case 'p':
			s.prec = 8;
			format_unsigned(&o, &s, (uintptr_t) va_arg(ap, void *), 16, 0,
			    "0x");
			break;
		case 's':
			format_string(&o, &s, va_arg(ap, const char *));
			break;
		case 'c': {
			char c = (char) va_arg(ap, int);   /* a NUL is output too */
			if (!s.left)
				pad(&o, ' ', s.width - 1);
			emit(&o, c);
			if (s.left)
				pad(&o, ' ', s.width - 1);
			break;
		}
		case '%':
			emit(&o, '%');
			break;
		case '\0':
			continue;   /* a lone '%' at the end: ignore it */
		default:
			emit(&o, '%');
			emit(&o, *fmt);
			break;
		}
		fmt++;
	}
	va_end(ap);
	return o.count;
}

struct bufsink {
	char *buf;
	size_t size;
	size_t pos;
};

static void buf_put(char c, void *arg)
{
	struct bufsink *b = arg;
	if (b->pos + 1 < b->size)
		b->buf[b->pos] = c;
	b->pos++;
}

int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct bufsink b = { buf, size, 0 };
	int n = fmt_vformat(buf_put, &b, fmt, ap);
	if (size > 0)
		buf[b.pos < size ? b.pos : size - 1] = '\0';
	return n;
}

int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = fmt_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
