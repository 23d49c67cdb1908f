/* Numbers from text: strtol, strtoul, strtoll, strtoull, atoi, atol,
 * atoll. One parser (parse) does the work for all of them. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>

/* digit_value: the value of digit C in any base up to 36, or 99. */
static int digit_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

/* parse: the number at S in BASE (0: "0x" hex, "0" octal, else decimal;
 * 2..36; 16 also takes a "0x" prefix), after white space and an optional
 * sign. Its magnitude is capped at LIMIT (+1 for a negative number when
 * SIGNED_MIN, i.e. the magnitude of the type's minimum); past it the result
 * is the cap, errno is ERANGE and *OVER is 1 (else 0). *NEG gets the
 * sign. *END (if not NULL)
 * gets the first character not used, or S when there was no number (then
 * the result is 0). A base out of range gives 0 and errno EINVAL. */
static unsigned long long parse(const char *s, char **end, int base,
    unsigned long long limit, int signed_min, int *neg, int *over)
{
	const char *p = s;
	*neg = *over = 0;
	if (end)
		*end = (char *) s;
	if (base < 0 || base == 1 || base > 36) {
		errno = EINVAL;
		return 0;
	}
	while (isspace((unsigned char) *p))
		p++;
	if (*p == '+' || *p == '-')
		*neg = *p++ == '-';
	if ((base == 0 || base == 16) && p[0] == '0' &&
	    (p[1] == 'x' || p[1] == 'X') && digit_value(p[2]) < 16) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = p[0] == '0' ? 8 : 10;
	}
	unsigned long long cap = limit + (*neg && signed_min ? 1 : 0);
	unsigned long long v = 0;
	int any = 0;
	for (; digit_value(*p) < base; p++) {
		unsigned d = (unsigned) digit_value(*p);
		any = 1;
		if (*over || v > (cap - d) / (unsigned) base)
			*over = 1;
		else
			v = v * (unsigned) base + d;
	}
	if (!any)
		return 0;
	if (end)
		*end = (char *) p;
	if (*over) {
		errno = ERANGE;
		return cap;
	}
	return v;
}

/* strtoll: the long long at S (see parse); LLONG_MAX or LLONG_MIN with
 * errno ERANGE when out of range. */
long long strtoll(const char *s, char **end, int base)
{
	int neg, over;
	unsigned long long v = parse(s, end, base, LLONG_MAX, 1, &neg, &over);
	return neg ? (long long) -v : (long long) v;
}

/* strtoull: the unsigned long long at S (see parse); a '-' negates the
 * value as an unsigned number (as C says); ULLONG_MAX with errno ERANGE
 * when out of range. */
unsigned long long strtoull(const char *s, char **end, int base)
{
	int neg, over;
	unsigned long long v = parse(s, end, base, ULLONG_MAX, 0, &neg, &over);
	return neg && !over ? -v : v;
}

/* strtol: the long at S (see parse); LONG_MAX or LONG_MIN with errno
 * ERANGE when out of range. */
long strtol(const char *s, char **end, int base)
{
	int neg, over;
	unsigned long long v = parse(s, end, base, LONG_MAX, 1, &neg, &over);
	return neg ? (long) -v : (long) v;
}

/* strtoul: the unsigned long at S (see strtoull); ULONG_MAX with errno
 * ERANGE when out of range. */
unsigned long strtoul(const char *s, char **end, int base)
{
	int neg, over;
	unsigned long long v = parse(s, end, base, ULONG_MAX, 0, &neg, &over);
	return neg && !over ? (unsigned long) -v : (unsigned long) v;
}

/* atoi, atol, atoll: the decimal number at S (strtol's rules, base 10,
 * errors ignored). */
int atoi(const char *s)
{
	return (int) strtol(s, NULL, 10);
}

long atol(const char *s)
{
	return strtol(s, NULL, 10);
}

long long atoll(const char *s)
{
	return strtoll(s, NULL, 10);
}
