/* sh: the shift builtin, for scripts that walk their arguments. */
#include <stdio.h>
#include <stdlib.h>
#include "sh.h"

/* shift [N]: drop the first N positional parameters (default 1): $N+1
 * becomes $1 and $# goes down by N; $0 stays. Shifting more than $#
 * fails with status 1 (`sh: shift: N: too many`), a bad N with 2. */
int builtin_shift(int argc, char **argv)
{
	long n = 1;
	if (argc > 1) {
		char *end;
		n = strtol(argv[1], &end, 10);
		if (argv[1][0] == '\0' || *end != '\0' || n < 0 || argc > 2) {
			fprintf(stderr, "sh: shift: %s: numeric argument required\n",
			    argv[1]);
			return 2;
		}
	}
	int have = shell.argc > 0 ? shell.argc - 1 : 0;
	if (n > have) {
		fprintf(stderr, "sh: shift: %ld: too many\n", n);
		return 1;
	}
	for (int i = 1; i + n < shell.argc; i++)
		shell.argv[i] = shell.argv[i + n];
	shell.argc -= (int) n;
	return 0;
}
