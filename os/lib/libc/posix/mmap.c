/* Anonymous memory mappings: mmap, munmap (MM_MMAP, MM_MUNMAP). */
#include <sys/mman.h>
#include "../internal.h"

/* mmap: LEN bytes of fresh zeroed memory (MAP_PRIVATE | MAP_ANONYMOUS;
 * ADDR is a hint, exact with MAP_FIXED). FD and OFF are ignored. Returns
 * the address, or MAP_FAILED with errno: ENODEV for a file mapping (not
 * supported), EINVAL for MAP_SHARED, LEN 0 or an unaligned MAP_FIXED
 * address, ENOMEM when memory runs out. */
void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	(void) fd;
	(void) off;
	if (!(flags & MAP_ANONYMOUS)) {
		__libc_ret(-ENODEV);
		return MAP_FAILED;
	}
	if ((flags & MAP_SHARED) || !(flags & MAP_PRIVATE) || len == 0) {
		__libc_ret(-EINVAL);
		return MAP_FAILED;
	}
	message m = { 0 };
	m.u.mm_mmap.addr = (vir_bytes) addr;
	m.u.mm_mmap.len = len;
	m.u.mm_mmap.prot = prot;
	m.u.mm_mmap.flags = flags;
	long r = __libc_call(MM_EP, MM_MMAP, &m);
	if (r < 0) {
		__libc_ret(r);
		return MAP_FAILED;
	}
	return (void *) m.u.mm_mmap.addr;
}

/* munmap: remove the mappings in [ADDR, ADDR + LEN). Returns 0, or -1 with
 * errno (EINVAL). */
int munmap(void *addr, size_t len)
{
	message m = { 0 };
	m.u.mm_mmap.addr = (vir_bytes) addr;
	m.u.mm_mmap.len = len;
	return (int) __libc_ret(__libc_call(MM_EP, MM_MUNMAP, &m));
}
