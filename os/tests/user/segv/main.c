/* segv: a test program that dereferences a null pointer, so that the shell
 * can be seen to survive a child killed by SIGSEGV. */
#include <stdio.h>

int main(void)
{
	volatile int *volatile p = NULL;
	printf("segv: writing through a null pointer\n");
	fflush(stdout);
	*p = 42;
	printf("segv: still alive (the write did not fault)\n");
	return 1;
}
