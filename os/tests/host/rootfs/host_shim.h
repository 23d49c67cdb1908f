/* Forced into every file of the rootfs host test (-include): what the
 * Phoenix libc has and the host C library lacks. */
#include <stddef.h>
size_t strlcpy(char *dst, const char *src, size_t size);
