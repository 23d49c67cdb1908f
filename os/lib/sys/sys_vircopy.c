/* sys_vircopy: see syslib.h. */
#include "syslib.h"

int sys_vircopy(endpoint_t src, vir_bytes src_addr, endpoint_t dst,
    vir_bytes dst_addr, size_t bytes)
{
	message m;      /* the kernel reads only these fields: no zeroing */
	m.u.kc_vircopy.src_ep = src;
	m.u.kc_vircopy.src_addr = src_addr;
	m.u.kc_vircopy.dst_ep = dst;
	m.u.kc_vircopy.dst_addr = dst_addr;
	m.u.kc_vircopy.bytes = bytes;
	return _kernel_call(SYS_VIRCOPY, &m);
}
