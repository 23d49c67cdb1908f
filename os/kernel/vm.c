/* Paging: one page directory per process. Addresses below USER_BASE map
 * physical memory one to one for the kernel (supervisor only, page 0 left
 * out to catch null pointers); USER_BASE..USER_TOP is the process's own.
 * A user page is either owned (a frame from pmem, freed with the space) or
 * a device page (VMMAP_PHYS: legacy video/ROM memory, or a PCI BAR inside
 * the process's privilege memory ranges mapped uncached; marked
 * PTE_DEVICE, shared by fork and never freed). Owned pages may be
 * physically contiguous (VMMAP_CONTIG, for DMA); they are freed page by
 * page like the others. A read-only owned page may be shared (fork, the
 * text cache: pmem_share); freeing drops one holder, and the kernel
 * gives a process its own copy before it writes such a page or makes it
 * writable (own_page). The stack grows on demand (vm_stack_grow): a
 * missing page of the stack area above its guard page is mapped, zeroed,
 * when the process touches it or the kernel copies to or from it. */
#include "kernel.h"
#include "x86.h"
#include "uaccess.h"
#include <abi/errno.h>

#define PTE_PWT 0x008       /* write-through */
#define PTE_PCD 0x010       /* cache disabled: device registers */
#define PTE_DEVICE 0x200    /* an available bit: the frame is not ours */
#define KERNEL_PDES (USER_BASE >> PDE_SHIFT)
#define CR0_PG  0x80000000u
#define CR0_WP  0x00010000u

static uint32_t kernel_pdes[KERNEL_PDES];   /* shared by every space */
static uint32_t kernel_space;               /* a directory with no user part */

static void *phys(phys_bytes addr)
{
	return (void *) addr;
}

/* The index of the first non-zero entry of TABLE[FROM, N), or N. A
 * single repe scasl: QEMU counts one instruction per entry looked at, a
 * C loop four or five. Unused page-table and directory entries are 0. */
static inline uint32_t next_used(const uint32_t *table, uint32_t from,
    uint32_t n)
{
	if (from >= n)
		return n;
	const uint32_t *at = table + from;
	uint32_t left = n - from;
	uint8_t found;
	__asm__ volatile("repe scasl\n\tsetne %2"
	    : "+D"(at), "+c"(left), "=q"(found) : "a"(0) : "memory", "cc");
	return found ? (uint32_t) (at - table) - 1 : n;
}

static phys_bytes zeroed_frame(void)
{
	phys_bytes f = pmem_alloc();
	if (f)
		memset(phys(f), 0, PAGE_SIZE);
	return f;
}

/* vm_init: build the kernel's identity mapping of managed memory and turn
 * paging on with a first (empty-user) page directory. */
void vm_init(void)
{
	phys_bytes limit = pmem_limit();
	for (phys_bytes va = 0; va < limit; va += PAGE_SIZE) {
		uint32_t pde = va >> PDE_SHIFT;
		if (!kernel_pdes[pde]) {
			phys_bytes pt = zeroed_frame();
			if (!pt)
				panic("vm_init: out of memory for page tables");
			kernel_pdes[pde] = pt | PTE_P | PTE_W;
		}
		if (va == 0)
			continue;                      /* null page stays out */
		uint32_t *table = phys(kernel_pdes[pde] & PAGE_MASK);
		table[(va >> PTE_SHIFT) & 0x3ff] = va | PTE_P | PTE_W;
	}
	kernel_space = vm_new_space();
	if (!kernel_space)
		panic("vm_init: out of memory for the first page directory");
	write_cr3(kernel_space);
	write_cr0(read_cr0() | CR0_PG | CR0_WP);
}

/* vm_new_space: a fresh page directory with the kernel mapping and no user
 * pages. Returns its physical address, or 0 when memory is full. */
uint32_t vm_new_space(void)
{
	phys_bytes pd = pmem_alloc();
	if (pd) {
		memcpy(phys(pd), kernel_pdes, sizeof(kernel_pdes));
		memset((uint8_t *) phys(pd) + sizeof(kernel_pdes), 0,
		    PAGE_SIZE - sizeof(kernel_pdes));
	}
	return pd;
}

/* vm_free_space: free every user page, page table and the directory. The
 * directory must not be the one in use (switch away first). */
void vm_free_space(uint32_t pgdir)
{
	uint32_t *pd = phys(pgdir);
	const uint32_t top = USER_TOP >> PDE_SHIFT;
	for (uint32_t i = next_used(pd, KERNEL_PDES, top); i < top;
	     i = next_used(pd, i + 1, top)) {
		uint32_t *pt = phys(pd[i] & PAGE_MASK);
		for (uint32_t j = next_used(pt, 0, 1024); j < 1024;
		     j = next_used(pt, j + 1, 1024))
			if ((pt[j] & (PTE_P | PTE_DEVICE)) == PTE_P)
				pmem_free(pt[j] & PAGE_MASK);
		pmem_free(pd[i] & PAGE_MASK);
	}
	pmem_free(pgdir);
}

/* The PTE for user address VA in PGDIR; with CREATE, page tables are made
 * as needed. NULL when VA is outside user space or memory is full. */
static uint32_t *pte_of(uint32_t pgdir, vir_bytes va, int create)
{
	if (va < USER_BASE || va >= USER_TOP)
		return NULL;
	uint32_t *pd = phys(pgdir);
	uint32_t *pde = &pd[va >> PDE_SHIFT];
	if (!(*pde & PTE_P)) {
		if (!create)
			return NULL;
		phys_bytes pt = zeroed_frame();
		if (!pt)
			return NULL;
		*pde = pt | PTE_P | PTE_W | PTE_U;
	}
	uint32_t *pt = phys(*pde & PAGE_MASK);
	return &pt[(va >> PTE_SHIFT) & 0x3ff];
}

/* own_page: make the page PTE maps at VA in PGDIR the process's own
 * before the kernel writes into it or makes it writable: a frame with
 * other holders (a read-only program page shared by fork or the text
 * cache) is copied into a new one, which the PTE then maps. Returns 0 or
 * -ENOMEM. */
static int own_page(uint32_t pgdir, vir_bytes va, uint32_t *pte)
{
	phys_bytes old = *pte & PAGE_MASK;
	if (!(*pte & PTE_P) || (*pte & PTE_DEVICE) || !pmem_shared(old))
		return 0;
	phys_bytes f = pmem_alloc();
	if (!f)
		return -ENOMEM;
	memcpy(phys(f), phys(old), PAGE_SIZE);
	*pte = f | (*pte & ~PAGE_MASK);
	pmem_free(old);
	if (read_cr3() == pgdir)
		__asm__ volatile("invlpg (%0)" : : "r"(va & PAGE_MASK) : "memory");
	return 0;
}

/* vm_own_range: every mapped page of [ADDR, ADDR+LEN) in PGDIR the
 * process's own (own_page), before the kernel writes read-only pages
 * (elf_restart checks this first, so that it writes nothing when memory
 * is short). Returns 0 or -ENOMEM. */
int vm_own_range(uint32_t pgdir, vir_bytes addr, size_t len)
{
	for (vir_bytes va = addr & PAGE_MASK; va < addr + len; va += PAGE_SIZE) {
		uint32_t *pte = pte_of(pgdir, va, 0);
		if (pte && own_page(pgdir, va, pte) != 0)
			return -ENOMEM;
	}
	return 0;
}

/* vm_swap_frame: the page at VA (page-aligned, present) in PGDIR is
 * FRAME from now on, read-only (the caller made this mapping a holder of
 * FRAME: pmem_share); the frame it had is let go. */
void vm_swap_frame(uint32_t pgdir, vir_bytes va, phys_bytes frame)
{
	uint32_t *pte = pte_of(pgdir, va, 0);
	phys_bytes old = *pte & PAGE_MASK;
	*pte = frame | PTE_P | PTE_U;
	pmem_free(old);
	if (read_cr3() == pgdir)
		__asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

/* vm_map_new: back the user page at VA with a zeroed frame (user access,
 * writable if WRITABLE). A page already there is kept, and made writable
 * when asked. Returns 0, -EFAULT for a non-user address or -ENOMEM. */
int vm_map_new(uint32_t pgdir, vir_bytes va, int writable)
{
	if (va < USER_BASE || va >= USER_TOP)
		return -EFAULT;
	uint32_t *pte = pte_of(pgdir, va & PAGE_MASK, 1);
	if (!pte)
		return -ENOMEM;
	if (*pte & PTE_P) {
		if (writable) {
			if (own_page(pgdir, va & PAGE_MASK, pte) != 0)
				return -ENOMEM;
			*pte |= PTE_W;
		}
		return 0;
	}
	phys_bytes f = zeroed_frame();
	if (!f)
		return -ENOMEM;
	*pte = f | PTE_P | PTE_U | (writable ? PTE_W : 0);
	return 0;
}

/* vm_map_blank: back the user page at VA (page-aligned) with a frame
 * that is NOT zeroed, for a caller that fills all of it at once (fork's
 * copy, an ELF page). A page already there is kept (made writable when
 * asked). *FRESH says whether the frame is new (its bytes are garbage).
 * Returns the kernel address of the page, or NULL for a non-user address
 * or when memory is full. */
void *vm_map_blank(uint32_t pgdir, vir_bytes va, int writable, int *fresh)
{
	*fresh = 0;
	if (va < USER_BASE || va >= USER_TOP)
		return NULL;
	uint32_t *pte = pte_of(pgdir, va, 1);
	if (!pte)
		return NULL;
	if (!(*pte & PTE_P)) {
		phys_bytes f = pmem_alloc();
		if (!f)
			return NULL;
		*pte = f | PTE_P | PTE_U;
		*fresh = 1;
	} else if (own_page(pgdir, va, pte) != 0) {
		return NULL;
	}
	if (writable)
		*pte |= PTE_W;
	return phys(*pte & PAGE_MASK);
}

/* vm_stack_grow: map a zeroed writable page at VA in PGDIR when VA lies in
 * the growable stack area [USER_STACK_LIMIT, USER_STACK_TOP) and its page
 * is missing (the guard page below the limit never is). Returns 1 when a
 * page was mapped, 0 otherwise (outside the area, already mapped, or no
 * memory: the access then fails as any bad access does). */
__attribute__((noinline)) int vm_stack_grow(uint32_t pgdir, vir_bytes va)
{
	if (va < USER_STACK_LIMIT || va >= USER_STACK_TOP)
		return 0;
	uint32_t *pte = pte_of(pgdir, va & PAGE_MASK, 0);
	if (pte && (*pte & PTE_P))
		return 0;
	return vm_map_new(pgdir, va & PAGE_MASK, 1) == 0;
}

/* Copy LEN bytes between kernel memory KBUF and user address UVA in PGDIR,
 * page by page through the identity mapping, TO_USER or from it. NEED_W
 * requires writable pages. Returns 0 or -EFAULT (nothing is rolled back on a
 * partial copy). */
static int copy_user(uint32_t pgdir, vir_bytes uva, uint8_t *kbuf, size_t len,
    int to_user, int need_w)
{
	uint32_t need = PTE_P | PTE_U | (need_w ? PTE_W : 0);
	while (len > 0) {
		uint8_t *page = user_byte(pgdir, uva, need);
		if (!page && vm_stack_grow(pgdir, uva))
			page = user_byte(pgdir, uva, need);
		if (!page)
			return -EFAULT;
		if (to_user && !need_w) {     /* vm_fill: read-only pages too */
			if (own_page(pgdir, uva, pte_of(pgdir, uva, 0)) != 0)
				return -ENOMEM;
			page = user_byte(pgdir, uva, need);
		}
		size_t chunk = PAGE_SIZE - (uva & ~PAGE_MASK);
		if (chunk > len)
			chunk = len;
		if (to_user)
			memcpy(page, kbuf, chunk);
		else
			memcpy(kbuf, page, chunk);
		uva += chunk;
		kbuf += chunk;
		len -= chunk;
	}
	return 0;
}

/* Copy NWORDS 32-bit words. */
static inline void copy_words(void *dst, const void *src, size_t nwords)
{
	__asm__ volatile("rep movsl"
	    : "+D"(dst), "+S"(src), "+c"(nwords) : : "memory");
}

/* The messages the fast paths below do not take: across a page, not
 * word-aligned, or in a page that is not there (maybe a stack page to
 * grow). Out of line, so the fast paths stay short. Copies LEN bytes
 * between M and UVA, TO_USER or from it; 0 or -EFAULT. */
static __attribute__((noinline, cold)) int msg_slow(uint32_t pgdir,
    vir_bytes uva, void *m, size_t len, int to_user)
{
	return copy_user(pgdir, uva, m, len, to_user, to_user);
}

/* vm_msg_in: copy a message (LEN bytes, a multiple of 4) from user address
 * UVA in PGDIR into M. The hot path of every IPC and kernel call: one page
 * lookup and a word copy when the message sits in one page. Returns 0 or
 * -EFAULT. */
int vm_msg_in(uint32_t pgdir, vir_bytes uva, void *m, size_t len)
{
	if ((uva & ~PAGE_MASK) <= PAGE_SIZE - len && !(uva & 3)) {
		const uint8_t *src = user_byte(pgdir, uva, PTE_P | PTE_U);
		if (!src)
			return msg_slow(pgdir, uva, m, len, 0);
		copy_words(m, src, len / 4);
		return 0;
	}
	return msg_slow(pgdir, uva, m, len, 0);
}

/* vm_msg_out: copy LEN bytes (a multiple of 4) of message M to user
 * address UVA in PGDIR, which must be writable. Returns 0 or -EFAULT. */
int vm_msg_out(uint32_t pgdir, vir_bytes uva, const void *m, size_t len)
{
	if ((uva & ~PAGE_MASK) <= PAGE_SIZE - len && !(uva & 3)) {
		uint8_t *dst = user_byte(pgdir, uva, PTE_P | PTE_U | PTE_W);
		if (!dst)
			return msg_slow(pgdir, uva, (void *) m, len, 1);
		copy_words(dst, m, len / 4);
		return 0;
	}
	return msg_slow(pgdir, uva, (void *) m, len, 1);
}

/* vm_copy_to_user: LEN bytes from SRC to user address DST in PGDIR. */
int vm_copy_to_user(uint32_t pgdir, vir_bytes dst, const void *src, size_t len)
{
	return copy_user(pgdir, dst, (uint8_t *) src, len, 1, 1);
}

/* vm_fill: as vm_copy_to_user, but read-only pages are written too (for the
 * kernel loading a program image). */
int vm_fill(uint32_t pgdir, vir_bytes dst, const void *src, size_t len)
{
	return copy_user(pgdir, dst, (uint8_t *) src, len, 1, 0);
}

/* vm_copy_from_user: LEN bytes from user address SRC in PGDIR to DST. */
int vm_copy_from_user(uint32_t pgdir, void *dst, vir_bytes src, size_t len)
{
	return copy_user(pgdir, src, dst, len, 0, 0);
}

/* vm_user_ok: whether [ADDR, ADDR+LEN) is mapped user memory in PGDIR
 * (and writable, with WRITE). LEN 0 is always fine. Missing pages of the
 * growable stack area are mapped first (vm_stack_grow), as the process's
 * own access would. */
int vm_user_ok(uint32_t pgdir, vir_bytes addr, size_t len, int write)
{
	if (len == 0)
		return 1;
	if (addr < USER_BASE || addr >= USER_TOP || len > USER_TOP - addr)
		return 0;
	uint32_t need = PTE_P | PTE_U | (write ? PTE_W : 0);
	for (vir_bytes va = addr & PAGE_MASK; va < addr + len; va += PAGE_SIZE) {
		uint32_t *pte = pte_of(pgdir, va, 0);
		if (!pte || (*pte & need) != need) {
			if (!vm_stack_grow(pgdir, va))
				return 0;
			pte = pte_of(pgdir, va, 0);
			if (!pte || (*pte & need) != need)
				return 0;
		}
	}
	return 1;
}

/* vm_new_user_space: a new address space with the top
 * USER_STACK_INIT_PAGES of the stack mapped (the rest grows on demand), or
 * 0 when memory is full. */
uint32_t vm_new_user_space(void)
{
	uint32_t pgdir = vm_new_space();
	if (!pgdir)
		return 0;
	for (unsigned i = 1; i <= USER_STACK_INIT_PAGES; i++) {
		if (vm_map_new(pgdir, USER_STACK_TOP - i * PAGE_SIZE, 1) != 0) {
			vm_free_space(pgdir);
			return 0;
		}
	}
	return pgdir;
}

/* vm_copy_space: a new address space holding a copy of every user page of
 * SRC (same addresses, same access; only the stack pages mapped so far);
 * device pages and read-only pages are shared, not copied (a read-only
 * page is copied when the kernel first writes it: own_page). The new frames are not zeroed
 * first: the copy overwrites all of each. Returns 0 when memory runs out
 * (nothing is left allocated then). */
uint32_t vm_copy_space(uint32_t src)
{
	uint32_t dst = vm_new_space();
	if (!dst)
		return 0;
	uint32_t *pd = phys(src);
	const uint32_t top = USER_TOP >> PDE_SHIFT;
	for (uint32_t i = next_used(pd, KERNEL_PDES, top); i < top;
	     i = next_used(pd, i + 1, top)) {
		uint32_t *pt = phys(pd[i] & PAGE_MASK);
		for (uint32_t j = next_used(pt, 0, 1024); j < 1024;
		     j = next_used(pt, j + 1, 1024)) {
			if (!(pt[j] & PTE_P))
				continue;
			vir_bytes va = (i << PDE_SHIFT) | (j << PTE_SHIFT);
			if (!(pt[j] & PTE_W) || (pt[j] & PTE_DEVICE)) {
				uint32_t *pte = pte_of(dst, va, 1);
				if (!pte) {
					vm_free_space(dst);
					return 0;
				}
				if (!(pt[j] & PTE_DEVICE))
					pmem_share(pt[j] & PAGE_MASK);
				*pte = pt[j];
				continue;
			}
			int fresh;
			void *page = vm_map_blank(dst, va, pt[j] & PTE_W, &fresh);
			if (!page) {
				vm_free_space(dst);
				return 0;
			}
			memcpy(page, phys(pt[j] & PAGE_MASK), PAGE_SIZE);
		}
	}
	return dst;
}

/* copy_in_one_page: the short way of vm_copy_between for a copy that
 * stays inside one page on each side, both pages present with the access
 * it needs (the common small copy: a pipe's bytes, a path): 1 with
 * *DST_BYTE and *SRC_BYTE set to the kernel's view of the two ranges. 0
 * for anything else (a range that crosses a page, is outside user space,
 * is empty or needs its stack grown), which the long way then checks and
 * copies: whatever passes here passes there too. */
static int copy_in_one_page(uint32_t dst_pgdir, vir_bytes dst_addr,
    uint32_t src_pgdir, vir_bytes src_addr, size_t len,
    uint8_t **dst_byte, uint8_t **src_byte)
{
	if (len == 0 || len > PAGE_SIZE ||
	    (dst_addr & ~PAGE_MASK) + len > PAGE_SIZE ||
	    (src_addr & ~PAGE_MASK) + len > PAGE_SIZE ||
	    dst_addr < USER_BASE || dst_addr >= USER_TOP ||
	    src_addr < USER_BASE || src_addr >= USER_TOP)
		return 0;
	*dst_byte = user_byte(dst_pgdir, dst_addr, PTE_P | PTE_U | PTE_W);
	*src_byte = user_byte(src_pgdir, src_addr, PTE_P | PTE_U);
	return *dst_byte && *src_byte;
}

/* vm_copy_between: LEN bytes from SRC_ADDR in SRC_PGDIR to DST_ADDR in
 * DST_PGDIR. Both ranges are checked first (the destination must be
 * writable); returns 0 or -EFAULT with nothing copied. The bytes go
 * straight from frame to frame, in pieces that cross no page boundary of
 * either side. Overlapping ranges in one space are copied as by memmove. */
int vm_copy_between(uint32_t dst_pgdir, vir_bytes dst_addr,
    uint32_t src_pgdir, vir_bytes src_addr, size_t len)
{
	uint8_t *fast_dst, *fast_src;
	if (copy_in_one_page(dst_pgdir, dst_addr, src_pgdir, src_addr, len,
	    &fast_dst, &fast_src)) {
		memmove(fast_dst, fast_src, len);
		return 0;
	}
	if (!vm_user_ok(src_pgdir, src_addr, len, 0) ||
	    !vm_user_ok(dst_pgdir, dst_addr, len, 1))
		return -EFAULT;
	/* Copying forward would overwrite source bytes not yet read: go
	 * backward, piece by piece, each moved with memmove. */
	int backward = dst_pgdir == src_pgdir && dst_addr > src_addr &&
	    dst_addr - src_addr < len;
	size_t done = 0;
	while (done < len) {
		size_t left = len - done;
		vir_bytes s = backward ? src_addr + left - 1 : src_addr + done;
		vir_bytes d = backward ? dst_addr + left - 1 : dst_addr + done;
		size_t n = backward ?
		    ((s & ~PAGE_MASK) < (d & ~PAGE_MASK) ? s & ~PAGE_MASK :
		    d & ~PAGE_MASK) + 1 :
		    PAGE_SIZE - ((s & ~PAGE_MASK) > (d & ~PAGE_MASK) ?
		    s & ~PAGE_MASK : d & ~PAGE_MASK);
		if (n > left)
			n = left;
		if (backward) {
			s -= n - 1;
			d -= n - 1;
		}
		memmove(user_byte(dst_pgdir, d, PTE_P | PTE_U | PTE_W),
		    user_byte(src_pgdir, s, PTE_P | PTE_U), n);
		done += n;
	}
	return 0;
}

/* Whether the page table of user address VA in PGDIR maps nothing. */
static int table_empty(uint32_t pgdir, vir_bytes va)
{
	uint32_t pde = ((const uint32_t *) pgdir)[va >> PDE_SHIFT];
	const uint32_t *pt = phys(pde & PAGE_MASK);
	for (uint32_t j = next_used(pt, 0, 1024); j < 1024;
	     j = next_used(pt, j + 1, 1024))
		if (pt[j] & PTE_P)
			return 0;
	return 1;
}

/* Drop the page table of VA in PGDIR (it must map nothing). */
static void free_table(uint32_t pgdir, vir_bytes va)
{
	uint32_t *pde = &((uint32_t *) pgdir)[va >> PDE_SHIFT];
	pmem_free(*pde & PAGE_MASK);
	*pde = 0;
}

/* vm_unmap_range: unmap every mapped page of PGDIR in [ADDR, ADDR+LEN)
 * (page-aligned, inside user space), skipping holes. Owned frames go back
 * to pmem, device pages are just dropped, and a page table left empty is
 * freed. The TLB is flushed when PGDIR is the current space. Returns the
 * number of pages unmapped. */
uint32_t vm_unmap_range(uint32_t pgdir, vir_bytes addr, size_t len)
{
	uint32_t n = 0;
	vir_bytes end = addr + len;
	for (vir_bytes va = addr; va < end;) {
		vir_bytes table_end = (va | ((1u << PDE_SHIFT) - 1)) + 1;
		if (table_end > end || table_end == 0)
			table_end = end;
		if (!pte_of(pgdir, va, 0)) {          /* no page table here */
			va = table_end;
			continue;
		}
		uint32_t touched = 0;
		for (; va < table_end; va += PAGE_SIZE) {
			uint32_t *pte = pte_of(pgdir, va, 0);
			if (!(*pte & PTE_P))
				continue;
			if (!(*pte & PTE_DEVICE))
				pmem_free(*pte & PAGE_MASK);
			*pte = 0;
			touched++;
		}
		if (touched && table_empty(pgdir, va - PAGE_SIZE))
			free_table(pgdir, va - PAGE_SIZE);
		n += touched;
	}
	if (n && read_cr3() == pgdir)
		write_cr3(pgdir);                     /* flush the TLB */
	return n;
}

/* Map [ADDR, ADDR+LEN) (page-aligned, inside user space) in PGDIR,
 * user-accessible and writable if WRITABLE, with PTE bits EXTRA: fresh
 * zeroed frames when FIRST is 0, else the consecutive physical pages from
 * FIRST on. Returns 0; -EEXIST when a page of the range is mapped already
 * (nothing changes); -ENOMEM when a frame or a page table cannot be had:
 * everything this call mapped, page tables included, is undone (owned
 * frames freed), and *DONE (if not NULL) says how many bytes from ADDR had
 * been mapped before, so a caller that handed FIRST in owns the rest. */
static int map_range(uint32_t pgdir, vir_bytes addr, size_t len,
    int writable, phys_bytes first, uint32_t extra, size_t *done)
{
	vir_bytes end = addr + len;
	uint32_t had_table[1024 / 32] = { 0 };   /* PDEs present before */
	if (done)
		*done = 0;
	for (vir_bytes va = addr; va < end; va += PAGE_SIZE) {
		uint32_t *pte = pte_of(pgdir, va, 0);
		if (pte) {
			had_table[(va >> PDE_SHIFT) / 32] |=
			    1u << ((va >> PDE_SHIFT) % 32);
			if (*pte & PTE_P)
				return -EEXIST;
		}
	}
	uint32_t flags = PTE_P | PTE_U | (writable ? PTE_W : 0) | extra;
	for (vir_bytes va = addr; va < end; va += PAGE_SIZE) {
		uint32_t *pte = pte_of(pgdir, va, 1);
		phys_bytes f = 0;
		if (pte)
			f = first ? first + (va - addr) : zeroed_frame();
		if (!f) {
			if (done)
				*done = va - addr;
			/* Undo: our pages, then the page tables we made. */
			vm_unmap_range(pgdir, addr, va - addr);
			for (vir_bytes t = addr & ~((1u << PDE_SHIFT) - 1);
			     t < end; t += 1u << PDE_SHIFT) {
				uint32_t i = t >> PDE_SHIFT;
				if (!((had_table[i / 32] >> (i % 32)) & 1) &&
				    pte_of(pgdir, t, 0) && table_empty(pgdir, t))
					free_table(pgdir, t);
			}
			return -ENOMEM;
		}
		*pte = f | flags;
	}
	return 0;
}

/* vm_map_range: map [ADDR, ADDR+LEN) (page-aligned, inside user space) in
 * PGDIR, user-accessible and writable if WRITABLE: with fresh zeroed
 * frames when DEVICE is 0, else with the physical pages from DEVICE on
 * (device memory: marked PTE_DEVICE, never freed). Returns 0; -EEXIST when
 * a page of the range is mapped already (nothing changes); -ENOMEM when
 * frames run out (everything this call mapped, page tables included, is
 * undone). */
int vm_map_range(uint32_t pgdir, vir_bytes addr, size_t len, int writable,
    phys_bytes device)
{
	return map_range(pgdir, addr, len, writable, device,
	    device ? PTE_DEVICE : 0, NULL);
}

/* vm_map_uncached: as vm_map_range with DEVICE, but with caching off
 * (PCD and PWT): memory-mapped device registers (a PCI BAR), where every
 * read and write must reach the device. */
int vm_map_uncached(uint32_t pgdir, vir_bytes addr, size_t len, int writable,
    phys_bytes device)
{
	if (!device)
		return -EINVAL;
	return map_range(pgdir, addr, len, writable, device,
	    PTE_DEVICE | PTE_PWT | PTE_PCD, NULL);
}

/* vm_map_contig: map [ADDR, ADDR+LEN) (page-aligned, inside user space) in
 * PGDIR with fresh zeroed frames that are physically contiguous (for a
 * device's DMA); *FIRST gets the first frame's address. They are owned
 * pages like vm_map_range's: freed page by page with the space or by
 * vm_unmap_range, copied (not shared) by fork. Returns 0, -EEXIST (a page
 * is mapped already: nothing changes), -ENOMEM (no free run that long, or
 * no page table: nothing stays allocated). */
int vm_map_contig(uint32_t pgdir, vir_bytes addr, size_t len, int writable,
    phys_bytes *first)
{
	for (vir_bytes va = addr; va < addr + len; va += PAGE_SIZE) {
		uint32_t *pte = pte_of(pgdir, va, 0);
		if (pte && (*pte & PTE_P))
			return -EEXIST;
	}
	phys_bytes run = pmem_alloc_contig(len / PAGE_SIZE);
	if (!run)
		return -ENOMEM;
	memset(phys(run), 0, len);
	size_t done;
	int r = map_range(pgdir, addr, len, writable, run, 0, &done);
	if (r != 0) {
		for (size_t off = done; off < len; off += PAGE_SIZE)
			pmem_free(run + off);
		return r;
	}
	*first = run;
	return 0;
}

/* vm_umap: the physical address of user address ADDR in PGDIR, when
 * [ADDR, ADDR+LEN) (LEN > 0) is all mapped user memory of the process's
 * own (not device pages) and physically contiguous (missing stack pages
 * are mapped first, vm_stack_grow). Returns 0 and sets
 * *PHYS; -EFAULT when a page is missing, not the user's or a device page;
 * -EINVAL when the range is not contiguous; -ENOMEM when a shared
 * read-only page cannot be made the process's own (a device may write
 * what it is given: own_page). */
int vm_umap(uint32_t pgdir, vir_bytes addr, size_t len, phys_bytes *phys_out)
{
	if (len == 0 || addr < USER_BASE || addr >= USER_TOP ||
	    len > USER_TOP - addr)
		return len == 0 ? -EINVAL : -EFAULT;
	phys_bytes base = 0;
	int contiguous = 1;
	for (vir_bytes va = addr & PAGE_MASK; va < addr + len; va += PAGE_SIZE) {
		if (!user_byte(pgdir, va, PTE_P | PTE_U))
			vm_stack_grow(pgdir, va);  /* a stack page not there yet */
		uint32_t pde = ((const uint32_t *) pgdir)[va >> PDE_SHIFT];
		if ((pde & (PTE_P | PTE_U)) != (PTE_P | PTE_U))
			return -EFAULT;
		uint32_t *ptep = &((uint32_t *) (pde & PAGE_MASK))
		    [(va >> PTE_SHIFT) & 0x3ff];
		if (own_page(pgdir, va, ptep) != 0)   /* a device may write it */
			return -ENOMEM;
		uint32_t pte = *ptep;
		if ((pte & (PTE_P | PTE_U)) != (PTE_P | PTE_U) ||
		    (pte & PTE_DEVICE))
			return -EFAULT;
		phys_bytes frame = pte & PAGE_MASK;
		if (va == (addr & PAGE_MASK))
			base = frame;
		else if (frame != base + (va - (addr & PAGE_MASK)))
			contiguous = 0;
	}
	if (!contiguous)
		return -EINVAL;
	*phys_out = base + (addr & ~PAGE_MASK);
	return 0;
}

/* vm_kernel_space: the page directory with only the kernel mapping, for
 * when no process is current. */
uint32_t vm_kernel_space(void)
{
	return kernel_space;
}

/* vm_switch: make PGDIR the current address space. */
void vm_switch(uint32_t pgdir)
{
	if (read_cr3() != pgdir)
		write_cr3(pgdir);
}
