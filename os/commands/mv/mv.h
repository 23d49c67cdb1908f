/* mv: the copy that replaces a rename across file systems (copy.c: a
 * file; tree.c: a directory and what it holds). */
#ifndef MV_H
#define MV_H

#include <sys/stat.h>

/* mv_copy: copy the regular file SRC (status ST) to DST, replacing it:
 * its bytes, its permission bits, its owner and group when the caller may
 * give them (else the caller's), its access and modification times.
 * Returns 0, or 1 after saying why (DST removed again). */
int mv_copy(const char *src, const char *dst, const struct stat *st);

/* mv_copy_tree: copy SRC (status ST) to DST, which must not be a
 * directory already: a regular file as mv_copy does, a directory with
 * everything in it (each directory and file given its mode, owner when
 * allowed, and times). Other kinds of file are not copied (EXDEV).
 * Returns 0, or 1 after saying why (what was made of DST removed). */
int mv_copy_tree(const char *src, const char *dst, const struct stat *st);

/* mv_remove_tree: remove PATH and, when it is a directory, everything in
 * it. Returns 0, or 1 (said on stderr unless QUIET) when something could
 * not be removed. */
int mv_remove_tree(const char *path, int quiet);

#endif
