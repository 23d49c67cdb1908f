/* pwd: print the working directory. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <limits.h>
#include <unistd.h>

#ifndef CWD_MAX
#define CWD_MAX 1024           /* Phoenix's limit (abi/fcntl.h) */
#endif


int main(void)
{
	char cwd[CWD_MAX];
	if (!getcwd(cwd, sizeof(cwd))) {
		fprintf(stderr, "pwd: %s\n", strerror(errno));
		return 1;
	}
	printf("%s\n", cwd);
	return 0;
}
