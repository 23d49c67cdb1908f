/* mv: the copy that replaces a rename across file systems (copy.c). */
#ifndef MV_H
#define MV_H

#include <sys/stat.h>

/* mv_copy: copy the regular file SRC (status ST) to DST, replacing it:
 * its bytes, its permission bits, its owner and group when the caller may
 * give them (else the caller's), its access and modification times.
 * Returns 0, or 1 after saying why (DST removed again). */
int mv_copy(const char *src, const char *dst, const struct stat *st);

#endif
