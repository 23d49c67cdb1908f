/* open() and fcntl(): the O_*, F_* and FD_* values of abi/fcntl.h. */
#ifndef _FCNTL_H
#define _FCNTL_H

#include <sys/types.h>
#include <abi/fcntl.h>

int open(const char *path, int flags, ...);
int creat(const char *path, mode_t mode);
int fcntl(int fd, int cmd, ...);

#endif
