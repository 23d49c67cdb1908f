/* File status: struct stat and the S_IF* and POSIX permission bits of
 * abi/stat.h, and the calls that read or make file metadata. */
#ifndef _SYS_STAT_H
#define _SYS_STAT_H

#include <sys/types.h>
#include <abi/stat.h>

#define S_ISLNK(m) (((m) & S_IFMT) == S_IFLNK)


int stat(const char *path, struct stat *st);
int lstat(const char *path, struct stat *st);
int fstat(int fd, struct stat *st);
int mkdir(const char *path, mode_t mode);
int mknod(const char *path, mode_t mode, dev_t dev);
int chmod(const char *path, mode_t mode);
int fchmod(int fd, mode_t mode);
mode_t umask(mode_t mask);

#endif
