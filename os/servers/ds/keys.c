/* Copying keys out of the caller's memory (SYS_VIRCOPY, a page at a time,
 * so a bad pointer is -EFAULT and not a crash). */
#include "syslib.h"
#include "ds_server.h"

/* key_copy: see ds_server.h. */
int key_copy(endpoint_t ep, vir_bytes addr, uint32_t key_len, char *buf)
{
	if (key_len == 0)
		return -EINVAL;
	if (key_len > DS_KEY_MAX)
		key_len = DS_KEY_MAX;
	int r = sys_vircopy_str(ep, addr, buf, key_len);
	if (r == -ENAMETOOLONG || r == 0)
		return -EINVAL;           /* no NUL within reach, or empty */
	return r < 0 ? r : 0;
}
