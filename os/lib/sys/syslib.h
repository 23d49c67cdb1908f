/* Kernel-call wrappers for ring-3 code: one function per kernel call. */
#ifndef SYSLIB_H
#define SYSLIB_H

#include <abi/types.h>
#include <abi/message.h>
#include <abi/kcalls.h>

/* _kernel_call: send M as kernel call CALL to SYSTEM and wait for the reply
 * (written back into M). Returns the reply code: 0 or a negative error. */
int _kernel_call(int call, message *m);

/* sys_diagctl: print LEN bytes at BUF on the kernel console.
 * Returns 0, -EFAULT for a bad buffer, -EINVAL when LEN is over 4096. */
int sys_diagctl(const char *buf, size_t len);

/* sys_exit: end the calling process with STATUS. Does not return. */
void sys_exit(int status) __attribute__((noreturn));

/* sys_shutdown: power off (SHUTDOWN_POWEROFF), reboot or panic. Returns
 * only on error: -EINVAL for an unknown HOW, -EPERM when not allowed. */
int sys_shutdown(int how);

#endif
