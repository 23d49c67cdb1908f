/* Program images: RS keeps every service's binary in its own memory, so
 * it restarts a driver without any file system. `service` passes the
 * image in its memory; boot services' images are the boot modules. */
#include <stdlib.h>
#include <string.h>
#include "rs.h"

/* image_fetch: copy LEN bytes at ADDR in WHO into new memory. Returns 0
 * and sets *OUT, -EINVAL (bad length), -ENOMEM or a copy error. */
int image_fetch(endpoint_t who, vir_bytes addr, uint32_t len, void **out)
{
	if (len == 0 || len > 16 * 1024 * 1024)
		return -EINVAL;
	void *buf = malloc(len);
	if (!buf)
		return -ENOMEM;
	int r = sys_vircopy(who, addr, SELF, (vir_bytes) buf, len);
	if (r != 0) {
		free(buf);
		return r;
	}
	*out = buf;
	return 0;
}

/* image_ensure: S's image is in memory (a boot service's is read from its
 * boot module the first time). Returns 0, -ENOMEM or -ENOENT. */
int image_ensure(struct service *s)
{
	if (s->image)
		return 0;
	if (!s->boot || s->module < 0)
		return -ENOENT;
	static struct boot_image_info info[PRIV_SLOTS];
	int n = sys_getinfo(GET_BOOTIMAGE, NONE, info, sizeof(info));
	if (n < 0 || s->module >= n / (int) sizeof(info[0]))
		return -ENOENT;
	uint32_t size = info[s->module].size;
	char *buf = malloc(size);
	if (!buf)
		return -ENOMEM;
	uint32_t off = 0;
	while (off < size) {
		int got = sys_getmodule(s->module, off, buf + off, size - off);
		if (got <= 0) {
			free(buf);
			return -ENOENT;
		}
		off += (uint32_t) got;
	}
	s->image = buf;
	s->image_len = size;
	return 0;
}

#define ELF_PT_LOAD 1
#define ELF_PF_X    1

struct rs_elf_header {
	uint8_t ident[16];
	uint16_t type, machine;
	uint32_t version, entry, phoff, shoff, flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct rs_elf_phdr {
	uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align;
};

/* image_in_text: whether [ADDR, ADDR+LEN) lies inside one executable
 * loadable segment (PT_LOAD with PF_X, its file-backed part) of S's image
 * as RS holds it, the program its instance runs. LEN must be > 0. Returns
 * 1 or 0 (also for a malformed image or one RS cannot get). */
int image_in_text(struct service *s, vir_bytes addr, uint32_t len)
{
	if (image_ensure(s) != 0)
		return 0;
	return image_text_has(s->image, s->image_len, addr, len);
}

/* image_text_has: as image_in_text, for the ELF image IMAGE of IMAGE_LEN
 * bytes (RS's own, for `fi rs patch`). */
int image_text_has(const void *image, uint32_t image_len, vir_bytes addr,
    uint32_t len)
{
	if (image_len < sizeof(struct rs_elf_header))
		return 0;
	const uint8_t *img = image;
	struct rs_elf_header eh;
	memcpy(&eh, img, sizeof(eh));
	if (memcmp(eh.ident, "\177ELF", 4) != 0 ||
	    eh.phentsize != sizeof(struct rs_elf_phdr))
		return 0;
	for (uint32_t i = 0; i < eh.phnum; i++) {
		uint32_t off = eh.phoff + i * sizeof(struct rs_elf_phdr);
		if (off < eh.phoff || off > image_len ||
		    image_len - off < sizeof(struct rs_elf_phdr))
			return 0;
		struct rs_elf_phdr ph;
		memcpy(&ph, img + off, sizeof(ph));
		if (ph.type != ELF_PT_LOAD || !(ph.flags & ELF_PF_X))
			continue;
		if (addr >= ph.vaddr && addr - ph.vaddr < ph.filesz &&
		    len <= ph.filesz - (addr - ph.vaddr))
			return 1;
	}
	return 0;
}
