/* The request helpers every POSIX wrapper uses: sendrec to a server and the
 * errno convention (see internal.h). */
#include <limits.h>
#include <string.h>
#include "../internal.h"

/* __libc_call: see internal.h. */
long __libc_call(endpoint_t ep, int type, message *m)
{
	m->m_type = type;
	int r = ipc_sendrec(ep, m);
	if (r < 0)
		return r;
	return m->m_type;
}

/* __libc_ret: see internal.h. */
long __libc_ret(long r)
{
	if (r < 0) {
		errno = (int) -r;
		return -1;
	}
	return r;
}

/* __libc_path: see internal.h. */
int __libc_path(const char *path, uint32_t *len)
{
	uintptr_t a = (uintptr_t) path;
	if (a < LIBC_USER_BASE || a >= LIBC_USER_TOP)
		return -EFAULT;
	size_t n = strnlen(path, PATH_MAX);
	if (n >= PATH_MAX)
		return -ENAMETOOLONG;
	*len = (uint32_t) n;
	return 0;
}
