/* The memory-device driver: /dev/null, /dev/zero, /dev/full. */
#include <stdio.h>
#include "memdev.h"
#include "sef.h"

/* memdev_init: SEF init callback (every start, a restart in place too:
 * memdev keeps no state of its own): nothing to set up but the
 * announcement. Returns 0. */
static int memdev_init(const struct sef_init_info *info)
{
	if (info->flags & SEF_INIT_KEPT)
		chardriver_kept();
	printf("memdev: /dev/null, /dev/zero and /dev/full ready\n");
	return 0;
}

/* main: arguments are the library's (chardriver_args: vfs=NAME, for test
 * programs). */
int main(int argc, char *argv[])
{
	int r = chardriver_args(argc, argv);
	if (r != 0)
		printf("memdev: bad arguments (%d); serving VFS\n", r);
	sef_setcb_init_fresh(memdev_init);
	/* Restarted in place: the library's kept requests must make sense. */
	sef_setcb_state_check(chardriver_state_check);
	/* memdev keeps no state of its own: a fresh start loses nothing, so
	 * `service fi memdev corrupt` is offered. */
	sef_setcb_state_corrupt(chardriver_state_corrupt);
	sef_startup();
	chardriver_task(&memdev_ops);
}
