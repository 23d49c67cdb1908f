/* errno: the error number of the last libc call that failed. */
#include <errno.h>

int errno;
