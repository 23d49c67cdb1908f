/* Moving a descriptor's position: lseek (VFS_LSEEK). */
#include <unistd.h>
#include "../internal.h"

/* lseek: set FD's position to OFFSET from WHENCE (SEEK_SET, SEEK_CUR,
 * SEEK_END). Returns the new position, or -1 with errno (ESPIPE for pipes
 * and terminals, EINVAL for a negative result). */
off_t lseek(int fd, off_t offset, int whence)
{
	message m = { 0 };
	m.u.vfs_lseek.fd = fd;
	m.u.vfs_lseek.offset = offset;
	m.u.vfs_lseek.whence = whence;
	long r = __libc_call(VFS_EP, VFS_LSEEK, &m);
	if (r < 0)
		return (off_t) __libc_ret(r);
	return m.u.vfs_lseek.offset;
}
