/* ktest-payload: the tiny program the exec cases of ktest run. It prints
 * one line with its arguments and exits with the status given as its first
 * argument (42 without one), so the test sees that exec started it with
 * the right argv. */
#include <stdio.h>
#include "syslib.h"

/* parse_status: the decimal number in S, or 42 when S is NULL or not a
 * number. */
static int parse_status(const char *s)
{
	int v = 0;
	if (!s || !*s)
		return 42;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return 42;
		v = v * 10 + (*s - '0');
	}
	return v;
}

/* main: say hello with argc and argv[0], exit with the requested status. */
int main(int argc, char **argv)
{
	int status = parse_status(argc > 1 ? argv[1] : NULL);
	printf("ktest-payload: hello (argc %d, argv[0] %s, exiting with %d)\n",
	    argc, argc > 0 ? argv[0] : "(none)", status);
	return status;
}
