/* Error numbers (the values of abi/errno.h) and errno, the error of the
 * last libc call that failed. */
#ifndef _ERRNO_H
#define _ERRNO_H

#include <abi/errno.h>

#define EWOULDBLOCK EAGAIN

/* errno: set by a failing call (which then returns -1 or NULL); never
 * cleared by a successful one. A plain global: programs are
 * single-threaded. */
extern int errno;

#endif
