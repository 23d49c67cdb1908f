/* Case printf: formatting through snprintf and sprintf (fmt.c). */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include "libctest.h"

/* fmt: snprintf into a static buffer, for CHECK_STR. */
static char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
static char *fmt(const char *f, ...)
{
	static char buf[128];
	va_list ap;
	va_start(ap, f);
	vsnprintf(buf, sizeof(buf), f, ap);
	va_end(ap);
	return buf;
}

/* test_printf: conversions, flags, widths, precisions, lengths, and the
 * return values of the cut-short forms. */
TEST(printf)
{
	/* integers */
	CHECK_STR(fmt("%d|%i|%u", -42, 17, 3000000000u), "-42|17|3000000000");
	CHECK_STR(fmt("%d", INT_MIN), "-2147483648");
	CHECK_STR(fmt("%d", INT_MAX), "2147483647");
	CHECK_STR(fmt("%5d|%-5d|%05d", 42, 42, 42), "   42|42   |00042");
	CHECK_STR(fmt("%05d|%+d|% d|%+d", -42, 5, 5, -5), "-0042|+5| 5|-5");
	CHECK_STR(fmt("%.5d|%8.3d|%.0d|%.0d", 42, 7, 0, 3), "00042|     007||3");
	CHECK_STR(fmt("%x|%X|%#x|%#X|%#x", 255, 255, 255, 255, 0),
	    "ff|FF|0xff|0XFF|0");
	CHECK_STR(fmt("%o|%#o|%#o", 8, 8, 0), "10|010|0");
	CHECK_STR(fmt("%08x|%#010x", 0xbeef, 0xbeef), "0000beef|0x0000beef");
	CHECK_STR(fmt("%ld|%lu", LONG_MIN, ULONG_MAX),
	    "-2147483648|4294967295");
	CHECK_STR(fmt("%lld|%llu", LLONG_MIN, ULLONG_MAX),
	    "-9223372036854775808|18446744073709551615");
	CHECK_STR(fmt("%llx", 0x123456789abcdefULL), "123456789abcdef");
	CHECK_STR(fmt("%hhd|%hhu|%hd|%hu", 300, 300, 70000, 70000),
	    "44|44|4464|4464");
	CHECK_STR(fmt("%zu|%zd", (size_t) 123, (ssize_t) -1), "123|-1");
	CHECK_STR(fmt("%*d|%-*d|%*d", 4, 1, 4, 2, -4, 3), "   1|2   |3   ");

	/* strings and characters */
	CHECK_STR(fmt("%s|%10s|%-6s|", "hi", "right", "left"),
	    "hi|     right|left  |");
	CHECK_STR(fmt("%.3s|%6.2s|%.*s", "abcdef", "xyz", 2, "pqrs"),
	    "abc|    xy|pq");
	const char *volatile none = NULL;      /* hidden from the checker */
	CHECK_STR(fmt("%s", none), "(null)");
	CHECK_STR(fmt("%c%c|%3c|%-3c|", 'o', 'k', 'a', 'b'), "ok|  a|b  |");
	CHECK_STR(fmt("100%%|%%d"), "100%|%d");
	CHECK_STR(fmt("%p", (void *) 0x1234), "0x00001234");

	/* a NUL from %c is output too */
	char nul[4] = "xxx";
	CHECK_EQ(snprintf(nul, sizeof(nul), "%c", 0), 1);
	CHECK(nul[0] == 0);

	/* cutting short */
	char buf[8];
	CHECK_EQ(snprintf(buf, sizeof(buf), "%s", "0123456789"), 10);
	CHECK_STR(buf, "0123456");
	CHECK_EQ(snprintf(buf, 1, "abc"), 3);
	CHECK_STR(buf, "");
	CHECK_EQ(snprintf(NULL, 0, "%d", 12345), 5);
	char big[64];
	CHECK_EQ(sprintf(big, "%s-%d-%x", "sp", 10, 10), 7);
	CHECK_STR(big, "sp-10-a");
}
