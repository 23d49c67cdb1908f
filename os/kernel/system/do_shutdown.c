/* SYS_SHUTDOWN: power off, reboot, or panic the machine on request.
 *
 * Reads:  kc_shutdown.how (SHUTDOWN_POWEROFF, SHUTDOWN_REBOOT, SHUTDOWN_PANIC)
 * Writes: nothing
 * Reply:  -EINVAL for an unknown HOW; otherwise the call does not return. */
#include "kernel.h"
#include "x86.h"
#include <abi/errno.h>

#define KBC_CMD 0x64
#define KBC_RESET 0xfe

int do_shutdown(struct proc *caller, message *m)
{
	switch (m->u.kc_shutdown.how) {
	case SHUTDOWN_POWEROFF:
		kprintf("kernel: shutdown requested by %s\n", caller->name);
		power_off(POWER_OK);
	case SHUTDOWN_REBOOT:
		kprintf("kernel: reboot requested by %s\n", caller->name);
		outb(KBC_CMD, KBC_RESET);
		cpu_halt_forever();
	case SHUTDOWN_PANIC:
		panic("shutdown(panic) requested by %s", caller->name);
	default:
		return -EINVAL;
	}
}
