/* The kernel's fast look-up of a message in user memory: the IPC and
 * kernel-call paths reach a 64-byte message through the identity mapping
 * after one page-table walk, with the same checks as every user copy. */
#ifndef UACCESS_H
#define UACCESS_H

#include "kernel.h"

#define PTE_P   0x001
#define PTE_W   0x002
#define PTE_U   0x004
#define PDE_SHIFT 22
#define PTE_SHIFT 12

/* The kernel address of user byte VA in PGDIR if its page has every bit of
 * NEED (PTE_P | PTE_U, plus PTE_W to write), else NULL. Kernel page tables
 * lack PTE_U and nothing above USER_TOP is mapped, so the user bit of the
 * directory entry alone rejects every non-user address. */
static inline uint8_t *user_byte(uint32_t pgdir, vir_bytes va, uint32_t need)
{
	uint32_t pde = ((const uint32_t *) pgdir)[va >> PDE_SHIFT];
	if ((pde & (PTE_P | PTE_U)) != (PTE_P | PTE_U))
		return NULL;
	uint32_t pte = ((const uint32_t *) (pde & PAGE_MASK))[(va >> PTE_SHIFT)
	    & 0x3ff];
	if ((pte & need) != need)
		return NULL;
	return (uint8_t *) (pte & PAGE_MASK) + (va & ~PAGE_MASK);
}

/* vm_msg_ptr: the kernel address of the message at user address UVA in
 * PGDIR, when it sits whole in one user page at a 4-byte boundary and the
 * page is mapped user (and writable with WRITE); NULL otherwise (a bad
 * address, or a message that straddles pages or is misaligned: the caller
 * then takes the general copy path, which tells the two apart). */
static inline message *vm_msg_ptr(uint32_t pgdir, vir_bytes uva, int write)
{
	if ((uva & ~PAGE_MASK) > PAGE_SIZE - sizeof(message) || (uva & 3))
		return NULL;
	return (message *) user_byte(pgdir, uva,
	    PTE_P | PTE_U | (write ? PTE_W : 0));
}

/* msg_copy: copy one whole message (16 words) from SRC to DST. */
static inline void msg_copy(message *dst, const message *src)
{
	uint32_t n = sizeof(message) / 4;
	__asm__ volatile("rep movsl"
	    : "+D"(dst), "+S"(src), "+c"(n) : : "memory");
}

#endif
