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
	if (!path)
		return -EFAULT;
	*len = PATH_LEN_NUL;    /* the server copies it: a bad pointer is EFAULT */
	return 0;
}
