/* Data transfer between a block driver and the pieces of a request: the
 * caller's grants (the caller is always the grant's owner, never a third
 * process) or the driver's own memory (BLOCKDRIVER_LOCAL). */
#include <string.h>
#include "blockdriver.h"
#include "syslib.h"
#include <abi/errno.h>

/* inside: whether OFFSET + LEN bytes fit in piece IOV. */
static int inside(const struct blockdriver_iov *iov, size_t offset,
    size_t len)
{
	return offset <= iov->size && len <= iov->size - offset;
}

/* blockdriver_copyin: see blockdriver.h. */
int blockdriver_copyin(const struct blockdriver_req *req,
    const struct blockdriver_iov *iov, size_t offset, void *buf, size_t len)
{
	if (!inside(iov, offset, len))
		return -EINVAL;
	if (iov->grant == BLOCKDRIVER_LOCAL) {
		memcpy(buf, (const char *) iov->addr + offset, len);
		return 0;
	}
	return sys_safecopyfrom(req->caller, iov->grant, offset, buf, len);
}

/* blockdriver_copyout: see blockdriver.h. */
int blockdriver_copyout(const struct blockdriver_req *req,
    const struct blockdriver_iov *iov, size_t offset, const void *buf,
    size_t len)
{
	if (!inside(iov, offset, len))
		return -EINVAL;
	if (iov->grant == BLOCKDRIVER_LOCAL) {
		memcpy((char *) iov->addr + offset, buf, len);
		return 0;
	}
	return sys_safecopyto(req->caller, iov->grant, offset, buf, len);
}
