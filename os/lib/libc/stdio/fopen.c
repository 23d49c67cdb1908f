/* Opening streams: fopen, fdopen, freopen. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "file.h"

/* __stdio_mode_flags: see file.h. MODE is "r", "w" or "a", then any of
 * '+' (read and write), 'b' (ignored), 'x' (O_EXCL), 'e' (O_CLOEXEC). */
int __stdio_mode_flags(const char *mode)
{
	int flags;
	switch (mode ? *mode : 0) {
	case 'r': flags = O_RDONLY; break;
	case 'w': flags = O_WRONLY | O_CREAT | O_TRUNC; break;
	case 'a': flags = O_WRONLY | O_CREAT | O_APPEND; break;
	default:
		errno = EINVAL;
		return -1;
	}
	for (const char *m = mode + 1; *m; m++) {
		if (*m == '+')
			flags = (flags & ~O_ACCMODE) | O_RDWR;
		else if (*m == 'x')
			flags |= O_EXCL;
		else if (*m == 'e')
			flags |= O_CLOEXEC;
		else if (*m != 'b') {
			errno = EINVAL;
			return -1;
		}
	}
	return flags;
}

/* stream_flags: the F_READ/F_WRITE bits for open() FLAGS. */
static int stream_flags(int flags)
{
	switch (flags & O_ACCMODE) {
	case O_RDONLY: return F_READ;
	case O_WRONLY: return F_WRITE;
	default: return F_READ | F_WRITE;
	}
}

/* fdopen: a new stream on the open descriptor FD, for MODE (as fopen's;
 * "w" does not truncate). Returns NULL with errno EINVAL (bad MODE) or
 * ENOMEM. */
FILE *fdopen(int fd, const char *mode)
{
	int flags = __stdio_mode_flags(mode);
	if (flags < 0)
		return NULL;
	if (fd < 0) {
		errno = EBADF;
		return NULL;
	}
	FILE *f = calloc(1, sizeof(*f));
	if (!f)
		return NULL;
	f->fd = fd;
	f->flags = stream_flags(flags) | F_ALLOC;
	f->ungot = EOF;
	__stdio_link(f);
	return f;
}

/* fopen: open the file PATH as a stream. MODE: "r" read, "w" write (made
 * or truncated), "a" append (made if missing); with '+' both read and
 * write; 'x' fails if the file exists; 'b' means nothing. New files get
 * mode 0666. Returns NULL with errno on failure. */
FILE *fopen(const char *path, const char *mode)
{
	int flags = __stdio_mode_flags(mode);
	if (flags < 0)
		return NULL;
	int fd = open(path, flags, 0666);
	if (fd < 0)
		return NULL;
	FILE *f = fdopen(fd, mode);
	if (!f)
		close(fd);
	return f;
}

/* freopen: close F's file (errors ignored) and open PATH in its place with
 * MODE, keeping the FILE (and its buffering mode). Returns F, or NULL with
 * errno when PATH cannot be opened (F is then closed). A NULL PATH (a mode
 * change) is not supported: EINVAL. */
FILE *freopen(const char *path, const char *mode, FILE *f)
{
	fflush(f);
	if (f->fd >= 0)
		close(f->fd);
	f->fd = -1;
	f->rpos = f->rlen = f->wlen = 0;
	f->ungot = EOF;
	f->flags &= ~(F_READ | F_WRITE | F_EOF | F_ERR);
	if (!path) {
		errno = EINVAL;
		return NULL;
	}
	int flags = __stdio_mode_flags(mode);
	if (flags < 0)
		return NULL;
	int fd = open(path, flags, 0666);
	if (fd < 0)
		return NULL;
	f->fd = fd;
	f->flags |= stream_flags(flags);
	return f;
}
