/* init: the first user program. For now it proves that ring-3 code runs in
 * its own address space and reaches the kernel only through its trap
 * gates, then asks the kernel to power off. */
#include <stdio.h>
#include "syslib.h"

int main(void)
{
	unsigned cs;
	int local;
	__asm__ volatile("mov %%cs, %0" : "=r"(cs));
	printf("init: hello from user mode (ring %u, stack at %p, code at %p)\n",
	    cs & 3, (void *) &local, (void *) main);
	printf("init: all done, powering off\n");
	sys_shutdown(SHUTDOWN_POWEROFF);
	printf("init: power-off refused\n");
	return 1;
}
