/* Error messages: one for every number of abi/errno.h. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

static const char *const messages[] = {
	[0]            = "Success",
	[EPERM]        = "Operation not permitted",
	[ENOENT]       = "No such file or directory",
	[ESRCH]        = "No such process",
	[EINTR]        = "Interrupted system call",
	[EIO]          = "Input/output error",
	[ENXIO]        = "No such device or address",
	[E2BIG]        = "Argument list too long",
	[ENOEXEC]      = "Exec format error",
	[EBADF]        = "Bad file descriptor",
	[ECHILD]       = "No child processes",
	[EAGAIN]       = "Resource temporarily unavailable",
	[ENOMEM]       = "Out of memory",
	[EACCES]       = "Permission denied",
	[EFAULT]       = "Bad address",
	[ENOTBLK]      = "Block device required",
	[EBUSY]        = "Device or resource busy",
	[EEXIST]       = "File exists",
	[EXDEV]        = "Invalid cross-device link",
	[ENODEV]       = "No such device",
	[ENOTDIR]      = "Not a directory",
	[EISDIR]       = "Is a directory",
	[EINVAL]       = "Invalid argument",
	[ENFILE]       = "Too many open files in system",
	[EMFILE]       = "Too many open files",
	[ENOTTY]       = "Not a terminal",
	[ENOSPC]       = "No space left on device",
	[ESPIPE]       = "Illegal seek",
	[EROFS]        = "Read-only file system",
	[EPIPE]        = "Broken pipe",
	[ERANGE]       = "Result out of range",
	[EDEADLK]      = "IPC would deadlock",
	[ENAMETOOLONG] = "File name too long",
	[ELOOP]        = "Too many levels of symbolic links",
	[ENOTEMPTY]    = "Directory not empty",
	[ENOSYS]       = "Function not implemented",
	[ELOCKED]      = "IPC destination cannot be reached now",
	[EBADCALL]     = "Bad IPC call number",
	[ECALLDENIED]  = "Call denied by privileges",
	[EDEADSRCDST]  = "IPC source or destination is dead",
	[ERESTART]     = "Restart",
	[ENOTREADY]    = "Not ready",
	[EDONTREPLY]   = "No reply (server internal)",
	[ENOTSOCK]     = "Socket operation on non-socket",
	[EDESTADDRREQ] = "Destination address required",
	[EMSGSIZE]     = "Message too long",
	[EPROTOTYPE]   = "Protocol wrong type for socket",
	[ENOPROTOOPT]  = "Protocol not available",
	[EPROTONOSUPPORT] = "Protocol not supported",
	[EOPNOTSUPP]   = "Operation not supported",
	[EAFNOSUPPORT] = "Address family not supported by protocol",
	[EADDRINUSE]   = "Address already in use",
	[EADDRNOTAVAIL] = "Cannot assign requested address",
	[ENETDOWN]     = "Network is down",
	[ENETUNREACH]  = "Network is unreachable",
	[ECONNABORTED] = "Software caused connection abort",
	[ECONNRESET]   = "Connection reset by peer",
	[ENOBUFS]      = "No buffer space available",
	[EISCONN]      = "Transport endpoint is already connected",
	[ENOTCONN]     = "Transport endpoint is not connected",
	[ETIMEDOUT]    = "Connection timed out",
	[ECONNREFUSED] = "Connection refused",
	[EHOSTUNREACH] = "No route to host",
	[EALREADY]     = "Operation already in progress",
	[EINPROGRESS]  = "Operation now in progress",
};

/* message: the text for ERR, or NULL when it has none. */
static const char *message(int err)
{
	if (err < 0 || (size_t) err >= sizeof(messages) / sizeof(messages[0]))
		return NULL;
	return messages[err];
}

/* strerror_r: the message for ERR into BUF of LEN bytes ("Unknown error
 * N" for a number without one), cut to fit. Returns 0, or ERANGE when it
 * had to be cut. */
int strerror_r(int err, char *buf, size_t len)
{
	const char *m = message(err);
	size_t n = m ? strlcpy(buf, m, len)
	    : (size_t) snprintf(buf, len, "Unknown error %d", err);
	return n >= len ? ERANGE : 0;
}

/* strerror: the message for ERR (see strerror_r). The string may be a
 * static buffer overwritten by the next call with an unknown number. */
char *strerror(int err)
{
	static char unknown[32];
	const char *m = message(err);
	if (m)
		return (char *) m;
	strerror_r(err, unknown, sizeof(unknown));
	return unknown;
}
