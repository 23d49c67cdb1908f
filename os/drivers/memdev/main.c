/* The memory-device driver: /dev/null, /dev/zero, /dev/full. */
#include <stdio.h>
#include "memdev.h"

/* main: arguments are the library's (chardriver_args: vfs=NAME, for test
 * programs). */
int main(int argc, char *argv[])
{
	int r = chardriver_args(argc, argv);
	if (r != 0)
		printf("memdev: bad arguments (%d); serving VFS\n", r);
	printf("memdev: /dev/null, /dev/zero and /dev/full ready\n");
	chardriver_task(&memdev_ops);
}
