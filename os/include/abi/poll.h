/* poll(2): the descriptor set VFS_POLL (abi/vfs.h) reads and writes back,
 * and its event bits (Linux's values). select(2) is built on it in libc. */
#ifndef ABI_POLL_H
#define ABI_POLL_H

#include <abi/types.h>

#define POLLIN     0x001    /* data to read (or end of file) */
#define POLLPRI    0x002    /* urgent data (never set here) */
#define POLLOUT    0x004    /* a write would not wait */
#define POLLERR    0x008    /* an error is pending (always reported) */
#define POLLHUP    0x010    /* the other end is gone (always reported) */
#define POLLNVAL   0x020    /* the descriptor is not open (always) */
#define POLLRDNORM 0x040    /* = POLLIN */
#define POLLWRNORM 0x100    /* = POLLOUT */

#define POLL_MAX   256      /* the most entries one call may pass */

struct pollfd {
	int32_t fd;             /* < 0: skipped (revents 0) */
	int16_t events;         /* what the caller waits for */
	int16_t revents;        /* out: what is ready */
};

#endif
