/* sys_getcred: see syslib.h. */
#include "syslib.h"
#include <abi/info.h>

int sys_getcred(endpoint_t ep, struct proc_cred *cred)
{
	struct proc_info info;
	int r = sys_getinfo(GET_PROC, ep, &info, sizeof(info));
	if (r < 0)
		return r;
	*cred = info.cred;
	return 0;
}
