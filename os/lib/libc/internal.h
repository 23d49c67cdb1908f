/* libc's private helpers: talking to the servers (posix/call.c) and the
 * state shared between files. Not installed for programs. */
#ifndef LIBC_INTERNAL_H
#define LIBC_INTERNAL_H

#include <errno.h>
#include <stdarg.h>
#include <signal.h>        /* before syslib.h: SIG_DFL stays a handler */
#include <stdint.h>
#include <sys/types.h>
#include "syslib.h"
#include <abi/boot.h>      /* PM_EP, MM_EP, VFS_EP */

/* __libc_call: send M to EP as request TYPE with sendrec and wait for the
 * reply (written into M). Returns the reply's m_type (a value >= 0 or a
 * negative error number), or the negative IPC error when the request did
 * not get through. */
long __libc_call(endpoint_t ep, int type, message *m);

/* __libc_ret: the POSIX convention for a result R of __libc_call: R when
 * R >= 0; otherwise errno = -R and -1. */
long __libc_ret(long r);

/* __libc_path: prepare PATH for a request: 0 and *LEN = PATH_LEN_NUL (the
 * server copies the NUL-terminated string and answers -EFAULT or
 * -ENAMETOOLONG itself, so libc never reads a bad pointer); -EFAULT for
 * NULL. */
int __libc_path(const char *path, uint32_t *len);

/* __libc_hz: the clock ticks per second (PM_GETSYSINFO SI_KINFO, asked
 * once; 100 when PM cannot say). */
unsigned __libc_hz(void);

/* __libc_ticks: SECONDS and NANOSECONDS as clock ticks, rounded up and
 * capped at UINT32_MAX. */
uint32_t __libc_ticks(uint32_t seconds, uint32_t nanoseconds);

/* __libc_write: one VFS_WRITE of LEN bytes of BUF to FD. Returns the bytes
 * written or a negative error number; *IPC gets the IPC result (0 when VFS
 * answered, so the result is VFS's). -EPIPE from VFS raises SIGPIPE on the
 * caller first. */
long __libc_write(int fd, const void *buf, size_t len, int *ipc);

/* __libc_arg_count: how many arguments the list ARG and the rest of AP
 * (the execl calling convention, ending in NULL) holds, without the NULL.
 * AP is not used up. */
size_t __libc_arg_count(const char *arg, va_list ap);

/* __libc_arg_fill: ARGV (room for N + 1, N from __libc_arg_count) gets
 * the N arguments of ARG and AP and a NULL; *AFTER (if not NULL) gets the
 * argument after the terminating NULL (execle's envp). The exec family
 * keeps ARGV on its stack: no heap is used to start a program. */
void __libc_arg_fill(char **argv, size_t n, const char *arg, va_list ap,
    char ***after);

#endif
