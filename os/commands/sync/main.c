/* sync: every mounted file system writes its changes back to its disk
 * (sync(2)); done when the command ends. Status 0; 2 for an argument. */
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	(void) argv;
	if (argc != 1) {
		fprintf(stderr, "usage: sync\n");
		return 2;
	}
	sync();
	return 0;
}
