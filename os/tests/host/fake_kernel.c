/* Fake kernel calls for the host tests of the servers (fake_kernel.h):
 * copies within the host process, a fixed clock, no boot modules, and the
 * strlcpy the servers get from os/lib/common in the guest. */
#include <string.h>
#include "syslib.h"
#include "fake_kernel.h"

static int bad_range(vir_bytes a, size_t n)
{
	return a < BAD_END || n > 0xffffffffu - a;
}

int sys_vircopy(endpoint_t src, vir_bytes src_addr, endpoint_t dst,
    vir_bytes dst_addr, size_t bytes)
{
	(void) src;
	(void) dst;
	if (bytes == 0)
		return 0;
	if (bad_range(src_addr, bytes) || bad_range(dst_addr, bytes))
		return -EFAULT;
	memmove((void *) dst_addr, (const void *) src_addr, bytes);
	return 0;
}

int sys_times(endpoint_t ep, struct mess_kc_times *out)
{
	(void) ep;
	memset(out, 0, sizeof(*out));
	out->hz = 100;
	out->uptime = 1234;
	out->boottime = 1700000000;    /* 2023-11-14 22:13:20 UTC */
	return 0;
}

int sys_getmodule(int index, uint32_t offset, void *buf, size_t len)
{
	(void) index; (void) offset; (void) buf; (void) len;
	return -ENOSYS;
}

int sys_getmodule_map(int index, vir_bytes addr, size_t len)
{
	(void) index; (void) addr; (void) len;
	return -ENOSYS;
}

/* sys_getinfo: none (weak: a test's fake that answers replaces it). */
__attribute__((weak))
int sys_getinfo(int request, endpoint_t ep, void *buf, size_t len)
{
	(void) request; (void) ep; (void) buf; (void) len;
	return -ENOSYS;
}

size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t n = strlen(src);
	if (size) {
		size_t c = n < size - 1 ? n : size - 1;
		memcpy(dst, src, c);
		dst[c] = '\0';
	}
	return n;
}
