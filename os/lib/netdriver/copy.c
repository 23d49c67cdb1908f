/* Frames between a network driver and its client's grants (the client,
 * the sender of the request, always owns the grant: never a third
 * process). */
#include "netdriver.h"
#include "syslib.h"
#include <abi/errno.h>

/* inside: whether OFFSET + LEN bytes fit in the grant of D. */
static int inside(const struct netdriver_data *d, size_t offset, size_t len)
{
	return offset <= d->size && len <= d->size - offset;
}

/* netdriver_copyin: see netdriver.h. */
int netdriver_copyin(const struct netdriver_data *data, size_t offset,
    void *buf, size_t len)
{
	if (!inside(data, offset, len))
		return -EINVAL;
	return sys_safecopyfrom(data->owner, data->grant, offset, buf, len);
}

/* netdriver_copyout: see netdriver.h. */
int netdriver_copyout(const struct netdriver_data *data, size_t offset,
    const void *buf, size_t len)
{
	if (!inside(data, offset, len))
		return -EINVAL;
	return sys_safecopyto(data->owner, data->grant, offset, buf, len);
}
