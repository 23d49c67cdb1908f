/* placeholder */
#include "syslib.h"
int main(void)
{
	sys_shutdown(SHUTDOWN_POWEROFF);
	return 0;
}
