/* The test kit (os/tests/kit/kit.h) for a host test of OS code: kit.h
 * brings the host's errno.h, and the host's values of the errno names
 * below differ from Phoenix's (abi/errno.h, which the OS code under test
 * includes), which a -Werror build refuses ("redefined"); they are taken
 * away here, so that Phoenix's stand. Include it first. */
#ifndef HOST_KIT_ERRNO_H
#define HOST_KIT_ERRNO_H

#include "../kit/kit.h"
#undef ENOSYS
#undef ENOTEMPTY
#undef ERESTART
#undef ENETUNREACH
#undef ECONNRESET
#undef ENOBUFS

#endif
