/* Loading an ELF32 executable into an address space, from kernel memory
 * (a boot module) or from a process's memory (SYS_EXEC). */
#include "kernel.h"
#include <abi/errno.h>
#include <abi/elf.h>

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

/* Read and check the ELF header of SRC into *EH. Returns 0, -ENOEXEC
 * (not an i386 executable we run) or -EFAULT. */
static int read_header(const struct elf_source *src, struct elf32_ehdr *eh)
{
	int r = src_read(src, 0, eh, sizeof(*eh));
	if (r != 0)
		return r;
	if (memcmp(eh->ident, "\177ELF", 4) != 0 ||
	    eh->ident[4] != 1 /* 32-bit */ || eh->ident[5] != 1 /* LE */ ||
	    eh->type != ELF_ET_EXEC || eh->machine != ELF_EM_386 ||
	    eh->phentsize != sizeof(struct elf32_phdr) || eh->phnum > ELF_PHNUM_MAX)
		return -ENOEXEC;
	return 0;
}

/* Read program header I of SRC (header EH) into *PH; *LOAD is whether it
 * is a loadable segment with memory, checked to lie in user space with
 * filesz <= memsz. Returns 0, -ENOEXEC or -EFAULT. */
static int read_phdr(const struct elf_source *src,
    const struct elf32_ehdr *eh, uint32_t i, struct elf32_phdr *ph, int *load)
{
	int r = src_read(src, eh->phoff + i * sizeof(*ph), ph, sizeof(*ph));
	if (r != 0)
		return r;
	*load = ph->type == ELF_PT_LOAD && ph->memsz != 0;
	if (*load && (ph->filesz > ph->memsz || ph->vaddr < USER_BASE ||
	    ph->memsz > USER_MAP_TOP || ph->vaddr > USER_MAP_TOP - ph->memsz))
		return -ENOEXEC;
	return 0;
}

/* elf_layout: the PT_LOAD layout of image SRC (vaddr, memsz, flags of every
 * loadable segment with memory, in header order) into SEGS (room for
 * PROC_MAX_SEGS); *N gets the count, -1 when there are more. Returns 0 or
 * the error of read_header/read_phdr. */
static int elf_layout(const struct elf_source *src, struct seg_layout *segs,
    int *n)
{
	struct elf32_ehdr eh;
	int r = read_header(src, &eh);
	if (r != 0)
		return r;
	*n = 0;
	for (uint32_t i = 0; i < eh.phnum; i++) {
		struct elf32_phdr ph;
		int load;
		if ((r = read_phdr(src, &eh, i, &ph, &load)) != 0)
			return r;
		if (!load)
			continue;
		if (*n < 0 || *n == PROC_MAX_SEGS) {
			*n = -1;
			continue;
		}
		segs[*n].vaddr = ph.vaddr;
		segs[*n].memsz = ph.memsz;
		segs[*n].flags = ph.flags & ELF_PF_RWX;
		++*n;
	}
	return 0;
}

/* shared_page: a read-only page at VA (page-aligned) of segment PH of
 * SRC, whose bytes in the page are [LO, HI), the file's part [LO, FHI),
 * when no page is there yet: filled in a new frame (the rest zeroed, as
 * load_segment does); when the text cache holds the same bytes, that
 * frame is mapped instead and the new one given back, else the new one
 * goes into the cache. Returns 1 (done), 0 when a page is there already
 * (another segment's: the caller fills its part), or a negative error. */
static int shared_page(uint32_t pgdir, const struct elf_source *src,
    const struct elf32_phdr *ph, vir_bytes va, vir_bytes lo, vir_bytes fhi)
{
	int fresh;
	uint8_t *page = vm_map_blank(pgdir, va, 0, &fresh);
	if (!page)
		return -ENOMEM;
	if (!fresh)
		return 0;
	memset(page, 0, lo - va);
	memset(page + (fhi - va), 0, va + PAGE_SIZE - fhi);
	if (fhi > lo) {
		int r = src_read(src, ph->offset + (lo - ph->vaddr),
		    page + (lo - va), fhi - lo);
		if (r != 0)
			return r;
	}
	phys_bytes frame = textcache_find(page);
	if (frame)
		vm_swap_frame(pgdir, va, frame);
	else
		textcache_add((phys_bytes) page);
	return 1;
}

/* Map and fill the loadable segment PH of SRC into PGDIR, page by page:
 * a new frame is not zeroed first; the file bytes are copied straight
 * into it and only the rest of the page (before the segment, the bss
 * tail, after the segment) is zeroed. A read-only segment's pages are
 * shared through the text cache (shared_page). A page another segment
 * mapped already keeps its bytes outside this segment. Returns 0,
 * -ENOEXEC (the file bytes are not in the image), -EFAULT or -ENOMEM. */
static int load_segment(uint32_t pgdir, const struct elf_source *src,
    const struct elf32_phdr *ph)
{
	if (ph->offset > src->size || ph->filesz > src->size - ph->offset)
		return -ENOEXEC;
	vir_bytes file_end = ph->vaddr + ph->filesz;
	vir_bytes mem_end = ph->vaddr + ph->memsz;
	for (vir_bytes va = ph->vaddr & PAGE_MASK; va < mem_end;
	     va += PAGE_SIZE) {
		/* This segment's bytes in the page are [lo, hi), the file's
		 * part of them [lo, fhi). */
		vir_bytes lo = va > ph->vaddr ? va : ph->vaddr;
		vir_bytes hi = mem_end < va + PAGE_SIZE ? mem_end : va + PAGE_SIZE;
		vir_bytes fhi = file_end < lo ? lo : file_end > hi ? hi : file_end;
		if (!(ph->flags & ELF_PF_W)) {
			int r = shared_page(pgdir, src, ph, va, lo, fhi);
			if (r < 0)
				return r;
			if (r > 0)
				continue;
		}
		int fresh;
		uint8_t *page = vm_map_blank(pgdir, va, ph->flags & ELF_PF_W, &fresh);
		if (!page)
			return -ENOMEM;
		if (fresh) {
			memset(page, 0, lo - va);
			memset(page + (hi - va), 0, va + PAGE_SIZE - hi);
		}
		if (fhi > lo) {
			int r = src_read(src, ph->offset + (lo - ph->vaddr),
			    page + (lo - va), fhi - lo);
			if (r != 0)
				return r;
		}
		memset(page + (fhi - va), 0, hi - fhi);
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
	struct elf32_ehdr eh;
	int r = read_header(src, &eh);
	if (r != 0)
		return r;

	vir_bytes top = 0;
	for (uint32_t i = 0; i < eh.phnum; i++) {
		struct elf32_phdr ph;
		int load;
		if ((r = read_phdr(src, &eh, i, &ph, &load)) != 0)
			return r;
		if (!load)
			continue;
		if ((r = load_segment(pgdir, src, &ph)) != 0)
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

/* Registers of a program entered at ENTRY with its stack at ESP. */
static void set_entry_regs(struct proc *p, vir_bytes entry, vir_bytes esp)
{
	memset(&p->regs, 0, sizeof(p->regs));
	p->regs.cs = SEL_UCODE;
	p->regs.ds = p->regs.es = p->regs.fs = p->regs.gs = SEL_UDATA;
	p->regs.ss = SEL_UDATA;
	p->regs.eflags = 0x202;                 /* IF and the reserved bit */
	p->regs.eip = entry;
	p->regs.esp = esp;
}

/* elf_start: give P a new program: a fresh address space loaded from SRC,
 * the checked exec frame ARGS (args_check) on its stack, registers set to
 * enter it, and the basename of argv[0] as its name. The image's PT_LOAD
 * layout is recorded (elf_restart compares it). The grant table
 * registration goes (it named memory of the old program). P's old address
 * space is freed only on success. Returns 0 or an error of elf_load or
 * args_setup; P is untouched on error. */
int elf_start(struct proc *p, const struct elf_source *src,
    const struct exec_args *args)
{
	vir_bytes entry, brk, esp;
	struct seg_layout segs[PROC_MAX_SEGS];
	int nsegs;
	uint32_t pgdir = vm_new_user_space();
	if (!pgdir)
		return -ENOMEM;
	int r = elf_load(pgdir, src, &entry, &brk);
	if (r == 0)
		r = elf_layout(src, segs, &nsegs);
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
	set_entry_regs(p, entry, esp);
	p->brk = brk;
	p->as_id = proc_new_as_id();
	p->fork_as_id = 0;
	p->nsegs = nsegs;
	memcpy(p->segs, segs, sizeof(segs));
	p->text_changed = 0;
	p->grant_table = 0;
	p->grant_count = 0;
	args_name(args, p->name, sizeof(p->name));
	return 0;
}

/* Zero LEN bytes at VA in PGDIR (mapped pages, read-only ones too). */
static int zero_fill(uint32_t pgdir, vir_bytes va, size_t len)
{
	static const uint8_t zeros[512];
	while (len > 0) {
		size_t n = len < sizeof(zeros) ? len : sizeof(zeros);
		int r = vm_fill(pgdir, va, zeros, n);
		if (r != 0)
			return r;
		va += n;
		len -= n;
	}
	return 0;
}

/* elf_restart: start the program of image SRC again in P's address space,
 * keeping its state (EXEC_KEEP_STATE): the image's PT_LOAD layout must
 * equal the one P runs (p->segs), else -EINVAL; every read-only segment is
 * written again from the image (a patched text is undone), writable
 * segments, the heap (brk) and every other mapping are left as they are,
 * the frame ARGS goes at the top of the stack, the registers enter the
 * image, and the name becomes argv[0]'s basename. The address-space
 * number stays (for a fork copy not exec'd since: that of the process it
 * was copied from). The grant table registration stays: the table is in
 * the kept memory, and a driver that finishes a request of the old
 * program's (a terminal read VFS was waiting for) must reach its grant
 * before the new one registers the table again. Everything is
 * checked before anything is written: on error (-EINVAL, -ENOEXEC,
 * -EFAULT: a segment page that is not mapped; -ENOMEM: no memory for its
 * own copy of a shared read-only page) P is untouched. */
int elf_restart(struct proc *p, const struct elf_source *src,
    const struct exec_args *args)
{
	struct elf32_ehdr eh;
	struct seg_layout segs[PROC_MAX_SEGS];
	int nsegs;
	if (!p->pgdir || p->nsegs <= 0)
		return -EINVAL;
	int r = read_header(src, &eh);
	if (r == 0)
		r = elf_layout(src, segs, &nsegs);
	if (r != 0)
		return r;
	if (nsegs != p->nsegs ||
	    memcmp(segs, p->segs, (size_t) nsegs * sizeof(segs[0])) != 0)
		return -EINVAL;

	/* Pass 0 checks (the entry lies in a segment, the read-only
	 * segments' bytes are in the image and their pages mapped, the stack
	 * is mapped); pass 1 writes the read-only segments. */
	int entry_ok = 0;
	for (int pass = 0; pass < 2; pass++) {
		for (uint32_t i = 0; i < eh.phnum; i++) {
			struct elf32_phdr ph;
			int load;
			if ((r = read_phdr(src, &eh, i, &ph, &load)) != 0)
				return r;
			if (!load)
				continue;
			if (eh.entry >= ph.vaddr && eh.entry < ph.vaddr + ph.memsz)
				entry_ok = 1;
			if (ph.flags & ELF_PF_W)
				continue;
			if (pass == 0) {
				if (ph.offset > src->size ||
				    ph.filesz > src->size - ph.offset)
					return -ENOEXEC;
				if (!vm_user_ok(p->pgdir, ph.vaddr, ph.memsz, 0))
					return -EFAULT;
				/* Shared pages made its own now: the writes
				 * of pass 1 then need no memory. */
				if (vm_own_range(p->pgdir, ph.vaddr, ph.memsz))
					return -ENOMEM;
				continue;
			}
			r = src_copy(src, ph.offset, p->pgdir, ph.vaddr, ph.filesz);
			if (r == 0)
				r = zero_fill(p->pgdir, ph.vaddr + ph.filesz,
				    ph.memsz - ph.filesz);
			if (r != 0)
				return r;   /* not reached: checked in pass 0 */
		}
		if (pass == 0 && (!entry_ok || eh.entry < USER_BASE))
			return -ENOEXEC;
		if (pass == 0 && !vm_user_ok(p->pgdir, USER_STACK_TOP -
		    USER_STACK_INIT_PAGES * PAGE_SIZE,
		    USER_STACK_INIT_PAGES * PAGE_SIZE, 1))
			return -EFAULT;
	}
	vir_bytes esp;
	if ((r = args_setup(p->pgdir, args, &esp)) != 0)
		return r;            /* not reached: the stack was checked */
	set_entry_regs(p, eh.entry, esp);
	p->text_changed = 0;
	if (p->fork_as_id) {
		/* A copy's memory is the state of the process it was copied
		 * from (a keep-state live update): it continues that address
		 * space, so MM's records of it still hold. */
		p->as_id = p->fork_as_id;
		p->fork_as_id = 0;
	}
	args_name(args, p->name, sizeof(p->name));
	return 0;
}
