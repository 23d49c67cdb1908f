/* Phoenix's own calls (not POSIX): system information, power off and
 * reboot, the clock since boot. Includes the ABI headers that define their
 * constants and records: SI_* and struct pm_proc_info (abi/pm.h), struct
 * kinfo (abi/info.h), SHUTDOWN_POWEROFF and SHUTDOWN_REBOOT
 * (abi/message.h, which also defines the type `message`). */
#ifndef _PHOENIX_H
#define _PHOENIX_H

#include <stddef.h>
#include <sys/types.h>
#include <signal.h>
#include <abi/pm.h>
#include <abi/info.h>
#include <abi/message.h>

/* getsysinfo: PM_GETSYSINFO: WHAT (SI_PROCTAB, SI_KINFO, SI_KLOG) into BUF
 * of LEN bytes. Returns the number of bytes written, or -1 with errno. */
int getsysinfo(int what, void *buf, size_t len);
/* reboot: PM_REBOOT with HOW = SHUTDOWN_POWEROFF or SHUTDOWN_REBOOT. Does
 * not return on success; -1 with errno (EPERM, EINVAL) otherwise. */
int reboot(int how);
/* uptime: clock ticks since boot (sysconf(_SC_CLK_TCK) per second), or -1
 * with errno. */
clock_t uptime(void);

#endif
