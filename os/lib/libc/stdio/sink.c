/* Where stdio output goes: __stdio_sink, by default write() to VFS, or the
 * kernel console (SYS_DIAGCTL) in a boot image without VFS; and whether a
 * descriptor is a console (for the buffering mode). Servers and drivers
 * link their own __stdio_sink (os/lib/server/stdio_sink.c), which replaces
 * this weak one. */
#include <termios.h>
#include "../internal.h"
#include "file.h"

static int no_vfs;    /* VFS proved unreachable: use the kernel console */

/* unreachable: whether IPC result R says VFS is not there for us (no such
 * process, not allowed to talk to it, or we are VFS). */
static int unreachable(int r)
{
	return r == -EDEADSRCDST || r == -ECALLDENIED || r == -EINVAL;
}

/* console_write: LEN bytes of BUF on the kernel console. Returns LEN or a
 * negative error. */
static long console_write(const char *buf, size_t len)
{
	for (size_t done = 0; done < len;) {
		size_t n = len - done > 4096 ? 4096 : len - done;
		int r = sys_diagctl(buf + done, n);
		if (r < 0)
			return r;
		done += n;
	}
	return (long) len;
}

/* __stdio_sink_default: libc's sink: write all LEN bytes of BUF to FD,
 * through as many writes as it takes; on the kernel console when VFS is
 * unreachable. Returns LEN or a negative error number (-EPIPE after
 * SIGPIPE was raised). */
long __stdio_sink_default(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	size_t done = 0;
	while (done < len && !no_vfs) {
		int ipc;
		long r = __libc_write(fd, p + done, len - done, &ipc);
		if (ipc < 0 && unreachable(ipc)) {
			no_vfs = 1;
			break;
		}
		if (r < 0)
			return r;
		if (r == 0)
			return -EIO;
		done += (size_t) r;
	}
	if (done < len && console_write(p + done, len - done) < 0)
		return -EIO;
	return (long) len;
}

long __stdio_sink(int fd, const void *buf, size_t len)
	__attribute__((weak, alias("__stdio_sink_default")));

/* __stdio_console: see file.h. With a sink of its own (a server) the
 * program prints on the kernel console; without VFS libc does too. */
int __stdio_console(int fd)
{
	if (__stdio_sink != __stdio_sink_default || no_vfs)
		return 1;
	struct termios t;
	message m = { 0 };
	m.u.vfs_ioctl.fd = fd;
	m.u.vfs_ioctl.request = TCGETS;
	m.u.vfs_ioctl.arg = (vir_bytes) &t;
	m.m_type = VFS_IOCTL;
	int r = ipc_sendrec(VFS_EP, &m);
	if (r < 0 && unreachable(r))
		no_vfs = 1;
	return no_vfs || (r == 0 && m.m_type >= 0);
}
