/* Reading directories: struct dirent (abi/dirent.h) records fetched from
 * VFS in batches. */
#ifndef _DIRENT_H
#define _DIRENT_H

#include <sys/types.h>
#include <abi/dirent.h>

typedef struct __dir DIR;

DIR *opendir(const char *path);
struct dirent *readdir(DIR *d);
int closedir(DIR *d);
void rewinddir(DIR *d);
int dirfd(DIR *d);

#endif
