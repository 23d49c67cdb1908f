/* env: print the environment, or run a command in a changed one:
 * env [-i] [NAME=VALUE...] [COMMAND [ARG...]]. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv)
{
	static char *empty[] = { NULL };
	int i = 1;
	if (i < argc && strcmp(argv[i], "-i") == 0) {
		environ = empty;
		i++;
	}
	for (; i < argc && strchr(argv[i], '='); i++) {
		char *eq = strchr(argv[i], '=');
		*eq = '\0';
		if (argv[i][0] == '\0' || setenv(argv[i], eq + 1, 1) < 0) {
			*eq = '=';
			fprintf(stderr, "env: %s: bad assignment\n", argv[i]);
			return 125;
		}
	}
	if (i == argc) {
		for (char **e = environ; *e; e++)
			printf("%s\n", *e);
		return 0;
	}
	execvp(argv[i], argv + i);
	fprintf(stderr, "env: %s: %s\n", argv[i], strerror(errno));
	return errno == ENOENT ? 127 : 126;
}
