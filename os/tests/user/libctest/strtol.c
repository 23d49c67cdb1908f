/* Case strtol: number parsing, bases and range errors (for i386: long is
 * 32 bits). */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include "libctest.h"

_Static_assert(sizeof(long) == 4, "libctest expects i386 (-m32)");

/* sl: strtol of S in BASE, with *END_OFFSET (chars used) and *ERR (errno
 * afterwards, 0 before). */
static long sl(const char *s, int base, int *end_offset, int *err)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, base);
	*err = errno;
	*end_offset = (int) (end - s);
	return v;
}

/* test_strtol: the strto* family and ato*. */
TEST(strtol)
{
	int used, err;

	CHECK_EQ(sl("123", 10, &used, &err), 123);
	CHECK(used == 3 && err == 0);
	CHECK_EQ(sl("  -42xyz", 10, &used, &err), -42);
	CHECK_EQ(used, 5);
	CHECK_EQ(sl("+7", 10, &used, &err), 7);
	CHECK_EQ(sl("0x1A", 0, &used, &err), 26);
	CHECK_EQ(used, 4);
	CHECK_EQ(sl("0X1a", 16, &used, &err), 26);
	CHECK_EQ(sl("1a", 16, &used, &err), 26);
	CHECK_EQ(sl("0x", 16, &used, &err), 0);
	CHECK_EQ(used, 1);                         /* just the "0" */
	CHECK_EQ(sl("0xg", 0, &used, &err), 0);
	CHECK_EQ(used, 1);
	CHECK_EQ(sl("017", 0, &used, &err), 15);
	CHECK_EQ(sl("019", 0, &used, &err), 1);    /* octal stops at 9 */
	CHECK_EQ(sl("017", 10, &used, &err), 17);
	CHECK_EQ(sl("101", 2, &used, &err), 5);
	CHECK_EQ(sl("zZ", 36, &used, &err), 35 * 36 + 35);
	CHECK_EQ(sl("777", 8, &used, &err), 511);
	CHECK_EQ(sl("", 10, &used, &err), 0);
	CHECK_EQ(used, 0);
	CHECK_EQ(sl("   ", 10, &used, &err), 0);
	CHECK_EQ(used, 0);
	CHECK_EQ(sl("-", 10, &used, &err), 0);
	CHECK_EQ(used, 0);
	CHECK_EQ(sl("+x", 10, &used, &err), 0);
	CHECK_EQ(used, 0);

	/* range */
	CHECK_EQ(sl("2147483647", 10, &used, &err), LONG_MAX);
	CHECK_EQ(err, 0);
	CHECK_EQ(sl("2147483648", 10, &used, &err), LONG_MAX);
	CHECK_EQ(err, ERANGE);
	CHECK_EQ(sl("-2147483648", 10, &used, &err), LONG_MIN);
	CHECK_EQ(err, 0);
	CHECK_EQ(sl("-2147483649", 10, &used, &err), LONG_MIN);
	CHECK_EQ(err, ERANGE);
	CHECK_EQ(sl("99999999999999999999x", 10, &used, &err), LONG_MAX);
	CHECK(err == ERANGE && used == 20);
	CHECK_EQ(sl("0x7fffffff", 0, &used, &err), LONG_MAX);
	CHECK_EQ(sl("0x80000000", 0, &used, &err), LONG_MAX);
	CHECK_EQ(err, ERANGE);

	char *end;
	errno = 0;
	CHECK_EQ(strtoul("4294967295", &end, 10), ULONG_MAX);
	CHECK_EQ(errno, 0);
	CHECK_EQ(strtoul("4294967296", &end, 10), ULONG_MAX);
	CHECK_EQ(errno, ERANGE);
	errno = 0;
	CHECK_EQ(strtoul("-1", &end, 10), ULONG_MAX);
	CHECK_EQ(errno, 0);
	CHECK_EQ(strtoul("0xffffffff", NULL, 16), ULONG_MAX);
	errno = 0;
	CHECK(strtoll("9223372036854775807", NULL, 10) == LLONG_MAX && !errno);
	CHECK(strtoll("9223372036854775808", NULL, 10) == LLONG_MAX &&
	    errno == ERANGE);
	errno = 0;
	CHECK(strtoll("-9223372036854775808", NULL, 10) == LLONG_MIN && !errno);
	CHECK(strtoll("-9223372036854775809", NULL, 10) == LLONG_MIN &&
	    errno == ERANGE);
	errno = 0;
	CHECK(strtoull("18446744073709551615", NULL, 10) == ULLONG_MAX &&
	    !errno);
	CHECK(strtoull("18446744073709551616", NULL, 0) == ULLONG_MAX &&
	    errno == ERANGE);
	errno = 0;
	CHECK(strtoull("-2", NULL, 10) == ULLONG_MAX - 1 && !errno);

	/* bad bases */
	errno = 0;
	CHECK_EQ(strtol("10", &end, 1), 0);
	CHECK_EQ(errno, EINVAL);
	errno = 0;
	CHECK_EQ(strtol("10", &end, 37), 0);
	CHECK_EQ(errno, EINVAL);

	CHECK_EQ(atoi("  12abc"), 12);
	CHECK_EQ(atoi("-0"), 0);
	CHECK_EQ(atol("-123456"), -123456);
	CHECK_EQ(atoll("123456789012"), 123456789012LL);
	CHECK_EQ(abs(-5), 5);
	CHECK_EQ(labs(-5L), 5);
	CHECK_EQ(llabs(-5LL), 5);
	div_t q = div(-7, 2);
	CHECK(q.quot == -3 && q.rem == -1);
}
