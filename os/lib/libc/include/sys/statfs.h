/* A file system's size and use: statfs (VFS_STATFS) and struct statfs of
 * abi/stat.h (df). */
#ifndef _SYS_STATFS_H
#define _SYS_STATFS_H

#include <sys/types.h>
#include <abi/stat.h>

/* statfs: the size and use of the file system that holds PATH into *SF
 * (counts in f_bsize units; f_flags MNT_RDONLY for a read-only mount).
 * Returns 0, or -1 with errno (ENOENT, EFAULT, EIO, ...). */
int statfs(const char *path, struct statfs *sf);

#endif
