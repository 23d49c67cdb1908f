/* dma_alloc, dma_free, mmio_map: see dma.h. Memory for DMA and device
 * registers comes from MM (MM_MMAP with MAP_CONTIG or MAP_PHYS), so that
 * MM knows every mapping of the address space and never hands the same
 * addresses out again; the kernel does the checks (SYS_VMMAP). */
#include <abi/boot.h>
#include <abi/mm.h>
#include "syslib.h"

#define PAGE 4096u

/* mm_call: send M to MM as request TYPE; the reply code. */
static int mm_call(int type, message *m)
{
	m->m_type = type;
	int r = ipc_sendrec(MM_EP, m);
	return r != 0 ? r : m->m_type;
}

int dma_alloc(size_t len, void **addr, phys_bytes *phys)
{
	if (len == 0 || len > MM_DATA_MAX)
		return -EINVAL;
	message m = { 0 };
	m.u.mm_mmap.len = (len + PAGE - 1) & ~(PAGE - 1);
	m.u.mm_mmap.prot = PROT_READ | PROT_WRITE;
	m.u.mm_mmap.flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_CONTIG;
	int r = mm_call(MM_MMAP, &m);
	if (r != 0)
		return r;
	*addr = (void *) m.u.mm_mmap.addr;
	*phys = m.u.mm_mmap.phys;
	return 0;
}

int dma_free(void *addr, size_t len)
{
	if (len == 0 || ((vir_bytes) addr & (PAGE - 1)))
		return -EINVAL;
	message m = { 0 };
	m.u.mm_mmap.addr = (vir_bytes) addr;
	m.u.mm_mmap.len = len;
	return mm_call(MM_MUNMAP, &m);
}

int mmio_map(phys_bytes base, size_t len, volatile void **addr)
{
	phys_bytes first = base & ~(PAGE - 1);
	if (len == 0 || len > 0u - base)
		return -EINVAL;
	uint32_t span = (uint32_t) ((base - first) + len + PAGE - 1) & ~(PAGE - 1);
	message m = { 0 };
	m.u.mm_mmap.len = span;
	m.u.mm_mmap.prot = PROT_READ | PROT_WRITE;
	m.u.mm_mmap.flags = MAP_SHARED | MAP_PHYS;
	m.u.mm_mmap.phys = first;
	int r = mm_call(MM_MMAP, &m);
	if (r != 0)
		return r;
	*addr = (volatile void *) (m.u.mm_mmap.addr + (base - first));
	return 0;
}
