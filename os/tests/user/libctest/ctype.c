/* Case ctype: the character classes against their definitions. */
#include <ctype.h>
#include <stdio.h>
#include "libctest.h"

/* test_ctype: every ASCII character, EOF and a byte above 127. */
TEST(ctype)
{
	for (int c = 0; c < 128; c++) {
		int upper = c >= 'A' && c <= 'Z', lower = c >= 'a' && c <= 'z';
		int digit = c >= '0' && c <= '9';
		int space = c == ' ' || c == '\t' || c == '\n' || c == '\v' ||
		    c == '\f' || c == '\r';
		int print = c >= 32 && c < 127;
		int xdigit = digit || (c >= 'a' && c <= 'f') ||
		    (c >= 'A' && c <= 'F');
		if (!!isupper(c) != upper || !!islower(c) != lower ||
		    !!isalpha(c) != (upper || lower) || !!isdigit(c) != digit ||
		    !!isalnum(c) != (upper || lower || digit) ||
		    !!isspace(c) != space || !!isprint(c) != print ||
		    !!isgraph(c) != (print && c != ' ') ||
		    !!iscntrl(c) != !print ||
		    !!ispunct(c) != (print && c != ' ' && !upper && !lower &&
		    !digit) || !!isxdigit(c) != xdigit ||
		    !!isblank(c) != (c == ' ' || c == '\t') || !isascii(c))
			FAIL("classes of %d", c);
		if (toupper(c) != (lower ? c - 32 : c) ||
		    tolower(c) != (upper ? c + 32 : c))
			FAIL("case of %d", c);
	}
	CHECK(!isalpha(EOF) && !isspace(EOF) && !isprint(EOF));
	CHECK_EQ(toupper(EOF), EOF);
	CHECK(!isalpha(200) && !isascii(200));
	CHECK_EQ(tolower(200), 200);
}
