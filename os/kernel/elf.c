/* Loading an ELF32 executable into an address space, from kernel memory
 * (a boot module) or from a process's memory (SYS_EXEC). */
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

/* Read LEN bytes at OFF of SRC into BUF. Returns 0 or -ENOEXEC/-EFAULT. */
static int src_read(const struct elf_source *src, uint32_t off, void *buf,
    size_t len)
{
	if (off > src->size || len > src->size - off)
		return -ENOEXEC;
	if (!src->pgdir) {
		memcpy(buf, src->kaddr + off, len);
		return 0;
	}
	return vm_copy_from_user(src->pgdir, buf, src->uaddr + off, len);
}

/* Copy LEN bytes at OFF of SRC to VA in PGDIR (pages already mapped). */
static int src_copy(const struct elf_source *src, uint32_t off, uint32_t pgdir,
    vir_bytes va, size_t len)
{
	uint8_t bounce[512];
	while (len > 0) {
		size_t n = len < sizeof(bounce) ? len : sizeof(bounce);
		int r = src_read(src, off, bounce, n);
		if (r == 0)
			r = vm_fill(pgdir, va, bounce, n);
		if (r != 0)
			return r;
		off += n;
		va += n;
		len -= n;
	}
	return 0;
}

/* elf_load: map and fill every loadable segment of the image SRC into
 * PGDIR; *ENTRY gets the entry point and *BRK the page-aligned end of the
 * highest segment. Returns 0, -ENOEXEC for a malformed or foreign image
 * (every offset and address is checked), -EFAULT for an unreadable source,
 * or -ENOMEM. On error, pages already mapped stay for vm_free_space. */
int elf_load(uint32_t pgdir, const struct elf_source *src, vir_bytes *entry,
    vir_bytes *brk)
{
	struct elf_header eh;
	int r = src_read(src, 0, &eh, sizeof(eh));
	if (r != 0)
		return r;
	if (memcmp(eh.ident, "\177ELF", 4) != 0 ||
	    eh.ident[4] != 1 /* 32-bit */ || eh.ident[5] != 1 /* LE */ ||
	    eh.type != ET_EXEC || eh.machine != EM_386 ||
	    eh.phentsize != sizeof(struct elf_phdr) || eh.phnum > 64)
		return -ENOEXEC;

	vir_bytes top = 0;
	for (uint32_t i = 0; i < eh.phnum; i++) {
		struct elf_phdr ph;
		r = src_read(src, eh.phoff + i * sizeof(ph), &ph, sizeof(ph));
		if (r != 0)
			return r;
		if (ph.type != PT_LOAD || ph.memsz == 0)
			continue;
		if (ph.filesz > ph.memsz || ph.vaddr < USER_BASE ||
		    ph.memsz > USER_MAP_TOP || ph.vaddr > USER_MAP_TOP - ph.memsz)
			return -ENOEXEC;
		for (vir_bytes va = ph.vaddr & PAGE_MASK; va < ph.vaddr + ph.memsz;
		     va += PAGE_SIZE) {
			r = vm_map_new(pgdir, va, ph.flags & PF_W);
			if (r != 0)
				return r;
		}
		r = src_copy(src, ph.offset, pgdir, ph.vaddr, ph.filesz);
		if (r != 0)
			return r;
		if (ph.vaddr + ph.memsz > top)
			top = ph.vaddr + ph.memsz;
	}
	if (top == 0 || eh.entry < USER_BASE || eh.entry >= top)
		return -ENOEXEC;
	*entry = eh.entry;
	*brk = (top + PAGE_SIZE - 1) & PAGE_MASK;
	return 0;
}

/* elf_start: give P a new program: a fresh address space loaded from SRC,
 * the checked exec frame ARGS (args_check) on its stack, registers set to
 * enter it, and the basename of argv[0] as its name. The grant table
 * registration goes (it named memory of the old program). P's old address
 * space is freed only on success. Returns 0 or an error of elf_load or
 * args_setup; P is untouched on error. */
int elf_start(struct proc *p, const struct elf_source *src,
    const struct exec_args *args)
{
	vir_bytes entry, brk, esp;
	uint32_t pgdir = vm_new_user_space();
	if (!pgdir)
		return -ENOMEM;
	int r = elf_load(pgdir, src, &entry, &brk);
	if (r == 0)
		r = args_setup(pgdir, args, &esp);
	if (r != 0) {
		vm_free_space(pgdir);
		return r;
	}
	uint32_t old = p->pgdir;
	p->pgdir = pgdir;
	if (old) {
		if (proc_current == p)
			vm_switch(pgdir);
		vm_free_space(old);
	}
	uint32_t eflags = 0x202;                 /* IF and the reserved bit */
	memset(&p->regs, 0, sizeof(p->regs));
	p->regs.cs = SEL_UCODE;
	p->regs.ds = p->regs.es = p->regs.fs = p->regs.gs = SEL_UDATA;
	p->regs.ss = SEL_UDATA;
	p->regs.eflags = eflags;
	p->regs.eip = entry;
	p->regs.esp = esp;
	p->brk = brk;
	p->as_id = proc_new_as_id();
	p->grant_table = 0;
	p->grant_count = 0;
	args_name(args, p->name, sizeof(p->name));
	return 0;
}
