/* Process exit. */
#include <stdlib.h>
#include "syslib.h"

void exit(int status)
{
	sys_exit(status);
}
