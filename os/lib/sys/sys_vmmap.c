/* sys_vmmap, sys_vmmap_phys, sys_vmunmap, sys_vmmap_contig, sys_vmmap_dev:
 * see syslib.h. SYS_VMUNMAP uses
 * the kc_vmmap payload (endpoint, addr, len). */
#include "syslib.h"

int sys_vmmap(endpoint_t ep, vir_bytes addr, size_t len, int writable,
    uint32_t *free_kib)
{
	message m = { 0 };
	m.u.kc_vmmap.endpoint = ep;
	m.u.kc_vmmap.addr = addr;
	m.u.kc_vmmap.len = len;
	m.u.kc_vmmap.writable = writable;
	int r = _kernel_call(SYS_VMMAP, &m);
	if (free_kib)
		*free_kib = m.u.kc_vmmap.free_kib;
	return r;
}

int sys_vmmap_phys(vir_bytes addr, phys_bytes phys, size_t len)
{
	message m = { 0 };
	m.u.kc_vmmap.endpoint = SELF;
	m.u.kc_vmmap.addr = addr;
	m.u.kc_vmmap.len = len;
	m.u.kc_vmmap.writable = 1;
	m.u.kc_vmmap.flags = VMMAP_PHYS;
	m.u.kc_vmmap.phys = phys;
	return _kernel_call(SYS_VMMAP, &m);
}

int sys_vmunmap(endpoint_t ep, vir_bytes addr, size_t len)
{
	message m = { 0 };
	m.u.kc_vmmap.endpoint = ep;
	m.u.kc_vmmap.addr = addr;
	m.u.kc_vmmap.len = len;
	return _kernel_call(SYS_VMUNMAP, &m);
}

int sys_vmmap_contig(endpoint_t ep, vir_bytes addr, size_t len,
    phys_bytes *phys)
{
	message m = { 0 };
	m.u.kc_vmmap.endpoint = ep;
	m.u.kc_vmmap.addr = addr;
	m.u.kc_vmmap.len = len;
	m.u.kc_vmmap.writable = 1;
	m.u.kc_vmmap.flags = VMMAP_CONTIG;
	int r = _kernel_call(SYS_VMMAP, &m);
	if (r == 0 && phys)
		*phys = m.u.kc_vmmap.phys;
	return r;
}

int sys_vmmap_dev(endpoint_t ep, vir_bytes addr, phys_bytes phys,
    size_t len)
{
	message m = { 0 };
	m.u.kc_vmmap.endpoint = ep;
	m.u.kc_vmmap.addr = addr;
	m.u.kc_vmmap.len = len;
	m.u.kc_vmmap.writable = 1;
	m.u.kc_vmmap.flags = VMMAP_PHYS;
	m.u.kc_vmmap.phys = phys;
	return _kernel_call(SYS_VMMAP, &m);
}
