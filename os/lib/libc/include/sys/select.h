/* select(2), built on poll(2): descriptor sets of FD_SETSIZE bits. */
#ifndef _SYS_SELECT_H
#define _SYS_SELECT_H

#include <stdint.h>
#include <sys/time.h>
#include <abi/fcntl.h>

#define FD_SETSIZE OPEN_MAX

typedef struct {
	uint32_t fds_bits[(FD_SETSIZE + 31) / 32];
} fd_set;

#define FD_ZERO(set) \
	do { for (unsigned __i = 0; __i < (FD_SETSIZE + 31) / 32; __i++) \
		(set)->fds_bits[__i] = 0; } while (0)
#define FD_SET(fd, set)   ((set)->fds_bits[(unsigned) (fd) / 32] |= \
	(uint32_t) 1 << ((unsigned) (fd) % 32))
#define FD_CLR(fd, set)   ((set)->fds_bits[(unsigned) (fd) / 32] &= \
	~((uint32_t) 1 << ((unsigned) (fd) % 32)))
#define FD_ISSET(fd, set) (((set)->fds_bits[(unsigned) (fd) / 32] >> \
	((unsigned) (fd) % 32)) & 1)

/* select: wait until a descriptor below NFDS in READ is readable, in
 * WRITE writable, or in EXCEPT has an exceptional condition (never
 * here), or TIMEOUT passes (NULL: no limit). The sets are rewritten to
 * what is ready; returns the number of bits set (0: timeout), or -1
 * with errno (EBADF: a descriptor in a set is not open, EINVAL, EINTR). */
int select(int nfds, fd_set *read, fd_set *write, fd_set *except,
    struct timeval *timeout);

#endif
