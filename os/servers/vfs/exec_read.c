/* Reading a program file for PM's exec: of an ELF executable only what
 * the kernel loads (the headers and the PT_LOAD segments' file bytes, not
 * the symbols and sections after them); any other file whole. */
#include <string.h>
#include <abi/elf.h>
#include "syslib.h"
#include "vfs_server.h"

#define EXEC_HEAD     4096   /* the first read: the headers, often more */
#define HEADERS_AT_ONCE 512  /* the ELF header and 14 program headers */

/* The end of the file bytes an ELF image of SIZE bytes needs, whose first
 * HEAD bytes are at BUF in EP's memory: the program headers and every
 * PT_LOAD segment's file bytes. SIZE (everything) when the file is not an
 * ELF32 image whose headers can be read, or when any offset is out of the
 * file: the kernel then judges the whole file, as it always did. The
 * headers come in one copy when they lie in the first HEADERS_AT_ONCE
 * bytes (as the linker puts them). */
static uint32_t elf_extent(endpoint_t ep, vir_bytes buf, uint32_t head,
    uint32_t size)
{
	static union {
		struct elf32_ehdr eh;
		uint8_t bytes[sizeof(struct elf32_ehdr) +
		    ELF_PHNUM_MAX * sizeof(struct elf32_phdr)];
	} hd;
	const struct elf32_ehdr *eh = &hd.eh;
	uint32_t first = head < HEADERS_AT_ONCE ? head : HEADERS_AT_ONCE;
	if (first < sizeof(*eh) ||
	    sys_vircopy(ep, buf, SELF, (vir_bytes) hd.bytes, first) != 0 ||
	    memcmp(eh->ident, "\177ELF", 4) != 0 || eh->ident[4] != 1 ||
	    eh->phentsize != sizeof(struct elf32_phdr) ||
	    eh->phnum > ELF_PHNUM_MAX)
		return size;
	uint32_t phoff = eh->phoff, phnum = eh->phnum;
	uint32_t table = phnum * (uint32_t) sizeof(struct elf32_phdr);
	if (phoff > head || table > head - phoff)
		return size;
	static struct elf32_phdr far[ELF_PHNUM_MAX];
	const struct elf32_phdr *ph = far;
	if (phoff >= sizeof(*eh) && phoff + table <= first &&
	    phoff % 4 == 0)
		ph = (const struct elf32_phdr *) (hd.bytes + phoff);
	else if (table && sys_vircopy(ep, buf + phoff, SELF, (vir_bytes) far,
	    table) != 0)
		return size;
	uint32_t end = phoff + table > sizeof(*eh) ? phoff + table :
	    sizeof(*eh);
	for (uint32_t i = 0; i < phnum; i++) {
		if (ph[i].type != ELF_PT_LOAD)
			continue;
		if (ph[i].offset > size || ph[i].filesz > size - ph[i].offset)
			return size;
		if (ph[i].offset + ph[i].filesz > end)
			end = ph[i].offset + ph[i].filesz;
	}
	return end;
}

/* exec_read: read the program file VN (at most BUF_LEN bytes long, checked
 * by the caller) into BUF in EP's memory: the first EXEC_HEAD bytes, then
 * of an ELF image only up to the end of its last loaded byte (a file
 * whose symbols come after its segments is read without them), of
 * anything else the rest of the file. The bytes land at their file
 * offsets. Returns how many bytes from the start are there (what the
 * kernel may use), or the error of the file system's read. */
int exec_read(struct vnode *vn, endpoint_t ep, vir_bytes buf)
{
	uint32_t size = (uint32_t) vn->size;
	uint32_t head = size < EXEC_HEAD ? size : EXEC_HEAD;
	int r = fs_io(vn->fs, FS_READ, vn->ino, 0, head, ep, buf, NULL);
	if (r < 0 || (uint32_t) r < head || head == size)
		return r;
	uint32_t end = elf_extent(ep, buf, head, size);
	if (end <= head)
		return (int) head;
	r = fs_io(vn->fs, FS_READ, vn->ino, (int32_t) head, end - head, ep,
	    buf + head, NULL);
	return r < 0 ? r : (int) head + r;
}
