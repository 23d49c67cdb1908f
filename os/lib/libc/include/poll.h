/* poll(2): wait until descriptors are ready (VFS_POLL; abi/poll.h has
 * struct pollfd and the POLL* bits). */
#ifndef _POLL_H
#define _POLL_H

#include <abi/poll.h>

typedef unsigned int nfds_t;

int poll(struct pollfd *fds, nfds_t nfds, int timeout);

#endif
