/* Reading directories: opendir, readdir, closedir, rewinddir, dirfd. A DIR
 * is an open descriptor and a batch of struct dirent records fetched with
 * VFS_GETDENTS. */
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>
#include "../internal.h"

#define BATCH 16     /* records fetched per VFS_GETDENTS */

struct __dir {
	int fd;
	size_t next, count;          /* records [next, count) not yet returned */
	struct dirent ents[BATCH];
};

/* opendir: open the directory PATH for reading. Returns NULL with errno
 * (ENOENT, ENOTDIR, ENOMEM, ...). */
DIR *opendir(const char *path)
{
	DIR *d = malloc(sizeof(*d));
	if (!d)
		return NULL;
	d->fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (d->fd < 0) {
		free(d);
		return NULL;
	}
	d->next = d->count = 0;
	return d;
}

/* readdir: the next entry of D (into D's memory, valid until the next call
 * on D), or NULL at the end (errno unchanged) or on error (errno set). */
struct dirent *readdir(DIR *d)
{
	if (d->next == d->count) {
		message m = { 0 };
		m.u.vfs_io.fd = d->fd;
		m.u.vfs_io.buf = (vir_bytes) d->ents;
		m.u.vfs_io.len = sizeof(d->ents);
		long r = __libc_call(VFS_EP, VFS_GETDENTS, &m);
		if (r <= 0) {
			if (r < 0)
				__libc_ret(r);
			return NULL;
		}
		d->next = 0;
		d->count = (size_t) r / sizeof(struct dirent);
		if (d->count == 0)
			return NULL;
	}
	return &d->ents[d->next++];
}

/* closedir: close D and free it. Returns 0, or -1 with errno. */
int closedir(DIR *d)
{
	int r = close(d->fd);
	free(d);
	return r;
}

/* rewinddir: start D over from its first entry. */
void rewinddir(DIR *d)
{
	lseek(d->fd, 0, SEEK_SET);
	d->next = d->count = 0;
}

/* dirfd: D's descriptor. */
int dirfd(DIR *d)
{
	return d->fd;
}
