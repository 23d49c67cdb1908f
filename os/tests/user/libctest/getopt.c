/* Case getopt: option parsing as POSIX describes it. */
#include <stdio.h>
#include <unistd.h>
#include "libctest.h"

#define ARGC(v) ((int) (sizeof(v) / sizeof((v)[0])) - 1)

/* test_getopt: separate and grouped flags, attached and separate
 * arguments, "--", "-", unknown options and missing arguments. */
TEST(getopt)
{
	char *v1[] = { "prog", "-a", "-b", "val", "-cfoo", "file", "-a", NULL };
	optind = 1;
	opterr = 0;
	CHECK_EQ(getopt(ARGC(v1), v1, "ab:c:"), 'a');
	CHECK_EQ(getopt(ARGC(v1), v1, "ab:c:"), 'b');
	CHECK_STR(optarg, "val");
	CHECK_EQ(getopt(ARGC(v1), v1, "ab:c:"), 'c');
	CHECK_STR(optarg, "foo");
	CHECK_EQ(getopt(ARGC(v1), v1, "ab:c:"), -1);
	CHECK_EQ(optind, 5);                /* "file": operands start */

	char *v2[] = { "prog", "-xvf", "archive", "--", "-n", NULL };
	optind = 1;
	CHECK_EQ(getopt(ARGC(v2), v2, "xvf:n"), 'x');
	CHECK_EQ(getopt(ARGC(v2), v2, "xvf:n"), 'v');
	CHECK_EQ(getopt(ARGC(v2), v2, "xvf:n"), 'f');
	CHECK_STR(optarg, "archive");
	CHECK_EQ(getopt(ARGC(v2), v2, "xvf:n"), -1);
	CHECK_EQ(optind, 4);                /* past "--" */

	char *v3[] = { "prog", "-", "-a", NULL };
	optind = 1;
	CHECK_EQ(getopt(ARGC(v3), v3, "a"), -1);
	CHECK_EQ(optind, 1);                /* "-" is an operand */

	char *v4[] = { "prog", "-q", "-b", NULL };
	optind = 1;
	CHECK_EQ(getopt(ARGC(v4), v4, "ab:"), '?');
	CHECK_EQ(optopt, 'q');
	CHECK_EQ(getopt(ARGC(v4), v4, "ab:"), '?');   /* -b lacks its argument */
	CHECK_EQ(optopt, 'b');
	CHECK_EQ(getopt(ARGC(v4), v4, "ab:"), -1);
	optind = 1;
	CHECK_EQ(getopt(ARGC(v4), v4, ":ab:"), '?');
	CHECK_EQ(getopt(ARGC(v4), v4, ":ab:"), ':');
	CHECK_EQ(optopt, 'b');

	char *v5[] = { "prog", "-a", NULL };
	optind = 1;
	CHECK_EQ(getopt(ARGC(v5), v5, "a"), 'a');
	CHECK_EQ(getopt(ARGC(v5), v5, "a"), -1);
	CHECK_EQ(optind, 2);
	optind = 1;                          /* starting over */
	CHECK_EQ(getopt(ARGC(v5), v5, "a"), 'a');
	opterr = 1;
	optind = 1;
}
