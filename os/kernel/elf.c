/* Loading an ELF32 executable image into a process's address space. */
#include "kernel.h"
#include <abi/errno.h>

#define EI_NIDENT 16
#define ET_EXEC   2
#define EM_386    3
#define PT_LOAD   1
#define PF_W      2

struct elf_header {
	uint8_t ident[EI_NIDENT];
	uint16_t type, machine;
	uint32_t version, entry, phoff, shoff, flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf_phdr {
	uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align;
};

/* Check one PT_LOAD header against the image and user space. */
static int check_segment(const struct elf_phdr *ph, size_t size)
{
	if (ph->filesz > ph->memsz || ph->offset > size ||
	    ph->filesz > size - ph->offset)
		return -ENOEXEC;
	if (ph->vaddr < USER_BASE || ph->memsz > USER_STACK_TOP ||
	    ph->vaddr > USER_STACK_TOP - ph->memsz)
		return -ENOEXEC;
	return 0;
}

/* elf_load: map and fill every loadable segment of IMAGE (SIZE bytes) into
 * P's address space and point P's entry registers at it; P->brk becomes the
 * end of the highest segment. Returns 0, -ENOEXEC for a malformed or foreign
 * image (nothing is half-trusted: every offset and address is checked), or
 * -ENOMEM. On error the pages already mapped stay for vm_free_space. */
int elf_load(struct proc *p, const uint8_t *image, size_t size)
{
	const struct elf_header *eh = (const struct elf_header *) image;

	if (size < sizeof(*eh) || memcmp(eh->ident, "\177ELF", 4) != 0 ||
	    eh->ident[4] != 1 /* 32-bit */ || eh->ident[5] != 1 /* LE */ ||
	    eh->type != ET_EXEC || eh->machine != EM_386 ||
	    eh->phentsize != sizeof(struct elf_phdr) ||
	    eh->phoff > size || eh->phnum > (size - eh->phoff) / sizeof(struct elf_phdr))
		return -ENOEXEC;

	const struct elf_phdr *ph = (const struct elf_phdr *) (image + eh->phoff);
	vir_bytes top = 0;
	for (int i = 0; i < eh->phnum; i++, ph++) {
		if (ph->type != PT_LOAD || ph->memsz == 0)
			continue;
		int r = check_segment(ph, size);
		if (r != 0)
			return r;
		for (vir_bytes va = ph->vaddr & PAGE_MASK; va < ph->vaddr + ph->memsz;
		     va += PAGE_SIZE) {
			r = vm_map_new(p->pgdir, va, ph->flags & PF_W);
			if (r != 0)
				return r;
		}
		r = vm_fill(p->pgdir, ph->vaddr, image + ph->offset,
		    ph->filesz);
		if (r != 0)
			return r;
		if (ph->vaddr + ph->memsz > top)
			top = ph->vaddr + ph->memsz;
	}
	if (top == 0 || eh->entry < USER_BASE || eh->entry >= top)
		return -ENOEXEC;
	p->regs.eip = eh->entry;
	p->brk = (top + PAGE_SIZE - 1) & PAGE_MASK;
	return 0;
}
