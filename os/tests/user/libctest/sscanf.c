/* Case sscanf: the conversions of the small sscanf. */
#include <stdio.h>
#include "libctest.h"

/* test_sscanf: numbers in every base and size, strings, characters,
 * widths, suppression, %n, literal matching and EOF. */
TEST(sscanf)
{
	int a = 0, b = 0, n = 0;
	unsigned u = 0;
	char s[16], c[8];

	CHECK_EQ(sscanf("12 -7", "%d %d", &a, &b), 2);
	CHECK(a == 12 && b == -7);
	CHECK_EQ(sscanf("  42", "%d", &a), 1);
	CHECK_EQ(a, 42);
	CHECK_EQ(sscanf("ff 0x1F", "%x %x", &u, &b), 2);
	CHECK(u == 255 && b == 31);
	CHECK_EQ(sscanf("0x10 010 10", "%i %i %i", &a, &b, &n), 3);
	CHECK(a == 16 && b == 8 && n == 10);
	CHECK_EQ(sscanf("4000000000", "%u", &u), 1);
	CHECK(u == 4000000000u);
	CHECK_EQ(sscanf("777", "%o", &a), 1);
	CHECK_EQ(a, 511);

	long l = 0;
	long long ll = 0;
	signed char hh = 0;
	short h = 0;
	CHECK_EQ(sscanf("-5 123456789012 -3 300", "%ld %lld %hhd %hd", &l, &ll,
	    &hh, &h), 4);
	CHECK(l == -5 && ll == 123456789012LL && hh == -3 && h == 300);

	CHECK_EQ(sscanf("hello world", "%s %s", s, c), 2);
	CHECK_STR(s, "hello");
	CHECK_STR(c, "world");
	CHECK_EQ(sscanf("abcdef", "%3s%s", s, c), 2);
	CHECK_STR(s, "abc");
	CHECK_STR(c, "def");
	CHECK_EQ(sscanf("12345", "%2d%3d", &a, &b), 2);
	CHECK(a == 12 && b == 345);

	char ch = 0;
	CHECK_EQ(sscanf(" x", "%c", &ch), 1);
	CHECK_EQ(ch, ' ');                  /* %c does not skip space */
	CHECK_EQ(sscanf(" x", " %c", &ch), 1);
	CHECK_EQ(ch, 'x');
	CHECK_EQ(sscanf("abcd", "%3c", c), 1);
	CHECK(c[0] == 'a' && c[2] == 'c');

	CHECK_EQ(sscanf("1 2 3", "%*d %d %n", &a, &n), 1);
	CHECK(a == 2 && n == 4);
	CHECK_EQ(sscanf("key=17;", "key=%d;", &a), 1);
	CHECK_EQ(a, 17);
	CHECK_EQ(sscanf("50%", "%d%%", &a), 1);
	CHECK_EQ(sscanf("val=5", "key=%d", &a), 0);
	CHECK_EQ(sscanf("x", "%d", &a), 0);
	CHECK_EQ(sscanf("", "%d", &a), EOF);
	CHECK_EQ(sscanf("   ", "%d", &a), EOF);
	CHECK_EQ(sscanf("abc", "abc"), 0);
	CHECK_EQ(sscanf("7", "%d %d", &a, &b), 1);
}
