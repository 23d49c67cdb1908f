/* Data transfer through the grants VFS makes for a character driver's
 * requests. */
#include "chardriver.h"
#include "syslib.h"

/* chardriver_copyin: see chardriver.h. */
int chardriver_copyin(uint32_t grant, size_t offset, void *buf, size_t len)
{
	return sys_safecopyfrom(chardriver_vfs(), grant, offset, buf, len);
}

/* chardriver_copyout: see chardriver.h. */
int chardriver_copyout(uint32_t grant, size_t offset, const void *buf,
    size_t len)
{
	return sys_safecopyto(chardriver_vfs(), grant, offset, buf, len);
}
