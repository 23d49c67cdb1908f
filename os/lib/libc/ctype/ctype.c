/* Character classes of the "C" locale (ASCII), computed from ranges. */
#include <ctype.h>

#define C_CNTRL  0x01
#define C_SPACE  0x02
#define C_BLANK  0x04
#define C_PUNCT  0x08
#define C_DIGIT  0x10
#define C_XDIGIT 0x20
#define C_UPPER  0x40
#define C_LOWER  0x80

/* classes: the class bits of C (0 outside 0..127, EOF included). */
static unsigned classes(int c)
{
	if (c < 0 || c > 127)
		return 0;
	unsigned bits = 0;
	if (c < 32 || c == 127)
		bits |= C_CNTRL;
	if (c == ' ' || (c >= '\t' && c <= '\r'))
		bits |= C_SPACE;
	if (c == ' ' || c == '\t')
		bits |= C_BLANK;
	if (c >= '0' && c <= '9')
		bits |= C_DIGIT | C_XDIGIT;
	if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))
		bits |= C_XDIGIT;
	if (c >= 'A' && c <= 'Z')
		bits |= C_UPPER;
	if (c >= 'a' && c <= 'z')
		bits |= C_LOWER;
	if (c > ' ' && c < 127 && !(bits & (C_DIGIT | C_UPPER | C_LOWER)))
		bits |= C_PUNCT;
	return bits;
}

/* Each is*: nonzero when C (an unsigned char value or EOF) is in the
 * class. */
int isalnum(int c)  { return classes(c) & (C_DIGIT | C_UPPER | C_LOWER); }
int isalpha(int c)  { return classes(c) & (C_UPPER | C_LOWER); }
int isblank(int c)  { return classes(c) & C_BLANK; }
int iscntrl(int c)  { return classes(c) & C_CNTRL; }
int isdigit(int c)  { return classes(c) & C_DIGIT; }
int isgraph(int c)  { return c > ' ' && c < 127; }
int islower(int c)  { return classes(c) & C_LOWER; }
int isprint(int c)  { return c >= ' ' && c < 127; }
int ispunct(int c)  { return classes(c) & C_PUNCT; }
int isspace(int c)  { return classes(c) & C_SPACE; }
int isupper(int c)  { return classes(c) & C_UPPER; }
int isxdigit(int c) { return classes(c) & C_XDIGIT; }
int isascii(int c)  { return c >= 0 && c <= 127; }

/* tolower: the lower-case letter of an upper-case C; C otherwise. */
int tolower(int c)
{
	return isupper(c) ? c - 'A' + 'a' : c;
}

/* toupper: the upper-case letter of a lower-case C; C otherwise. */
int toupper(int c)
{
	return islower(c) ? c - 'a' + 'A' : c;
}
