/* The ELF32 executable format, the parts Phoenix reads: the file header
 * and the program headers (the System V ABI's layout, i386 supplement).
 * One declaration for the kernel's loader (kernel/elf.c), VFS's reading of
 * a program for exec (vfs/exec_read.c) and RS's boot-module images
 * (rs/image.c). */
#ifndef ABI_ELF_H
#define ABI_ELF_H

#include <stdint.h>

#define ELF_NIDENT    16     /* bytes of ident: "\177ELF", class, ... */
#define ELF_ET_EXEC   2      /* type: an executable */
#define ELF_EM_386    3      /* machine: i386 */
#define ELF_PT_LOAD   1      /* a program header that is loaded */
#define ELF_PF_X      1      /* segment flags: executable, */
#define ELF_PF_W      2      /* writable, */
#define ELF_PF_RWX    7      /* every flag there is */
#define ELF_PHNUM_MAX 64     /* program headers the kernel accepts */

/* The file header, at offset 0. */
struct elf32_ehdr {
	uint8_t ident[ELF_NIDENT];
	uint16_t type, machine;
	uint32_t version, entry, phoff, shoff, flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

/* One program header (phnum of them at phoff). */
struct elf32_phdr {
	uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align;
};

_Static_assert(sizeof(struct elf32_ehdr) == 52, "ELF32 header size");
_Static_assert(sizeof(struct elf32_phdr) == 32, "ELF32 program header size");

#endif
