/* sys_umap: see dma.h (SYS_UMAP). */
#include "syslib.h"

int sys_umap(const void *addr, size_t len, phys_bytes *phys)
{
	message m = { 0 };
	m.u.kc_umap.addr = (vir_bytes) addr;
	m.u.kc_umap.len = len;
	int r = _kernel_call(SYS_UMAP, &m);
	if (r == 0 && phys)
		*phys = m.u.kc_umap.phys;
	return r;
}
