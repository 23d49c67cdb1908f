/* echo: print the arguments separated by blanks, then a newline (none with
 * -n). No backslash escapes. A failed write (`echo x > /dev/full`) is
 * said as cat says it, `echo: write error: REASON`, exit status 1. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	int i = 1, newline = 1;
	while (i < argc && strcmp(argv[i], "-n") == 0) {
		newline = 0;
		i++;
	}
	for (int first = i; i < argc; i++) {
		if (i > first)
			putchar(' ');
		fputs(argv[i], stdout);
	}
	if (newline)
		putchar('\n');
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "echo: write error: %s\n",
		    strerror(errno ? errno : EIO));
		return 1;
	}
	return 0;
}
