/* Program images: RS keeps every service's binary in its own memory, so
 * it restarts a service without any file system (or MM: the boot
 * services' images are loaded as soon as MM is up). `service` passes the
 * image in its memory; boot services' images are the boot modules. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <abi/elf.h>
#include "rs.h"

/* rs_mm_up: whether RS may allocate memory now: MM (which backs RS's heap)
 * is up, or there is no mm service to wait for. While MM is down or
 * restarting, a malloc would block RS in a sendrec to it. */
int rs_mm_up(void)
{
	const struct service *mm = svc_by_label("mm");
	return !mm || mm->state == RS_STATE_UP;
}

/* image_fetch: copy LEN bytes at ADDR in WHO into new memory. Returns 0
 * and sets *OUT, -EINVAL (bad length), -EAGAIN (MM is not up: RS may not
 * allocate), -ENOMEM or a copy error. */
int image_fetch(endpoint_t who, vir_bytes addr, uint32_t len, void **out)
{
	if (len == 0 || len > 16 * 1024 * 1024)
		return -EINVAL;
	if (!rs_mm_up())
		return -EAGAIN;
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

/* Read LEN bytes at OFF of boot module MODULE into BUF. Returns 0 or
 * -ENOENT. */
static int module_read(int module, uint32_t off, void *buf, uint32_t len)
{
	uint32_t done = 0;
	while (done < len) {
		int got = sys_getmodule(module, off + done, (char *) buf + done,
		    len - done);
		if (got <= 0)
			return -ENOENT;
		done += (uint32_t) got;
	}
	return 0;
}

/* The bytes of a boot module of SIZE bytes a program needs: up to the end
 * of its program headers and of its last loadable segment's file bytes
 * (the debug sections after them are left out). SIZE when the headers
 * cannot be read or make no sense (the kernel judges the image then). */
static uint32_t module_needed(int module, uint32_t size)
{
	struct elf32_ehdr eh;
	if (size < sizeof(eh) || module_read(module, 0, &eh, sizeof(eh)) != 0 ||
	    memcmp(eh.ident, "\177ELF", 4) != 0 ||
	    eh.phentsize != sizeof(struct elf32_phdr) || eh.phnum > ELF_PHNUM_MAX ||
	    eh.phoff > size ||
	    eh.phnum * sizeof(struct elf32_phdr) > size - eh.phoff)
		return size;
	uint32_t need = eh.phoff + eh.phnum * sizeof(struct elf32_phdr);
	for (uint32_t i = 0; i < eh.phnum; i++) {
		struct elf32_phdr ph;
		if (module_read(module, eh.phoff + i * sizeof(ph), &ph,
		    sizeof(ph)) != 0)
			return size;
		if (ph.type != ELF_PT_LOAD)
			continue;
		if (ph.offset > size || ph.filesz > size - ph.offset)
			return size;
		if (ph.offset + ph.filesz > need)
			need = ph.offset + ph.filesz;
	}
	return need > sizeof(eh) ? need : size;
}

/* image_ensure: S's image is in memory (a boot service's is read from its
 * boot module the first time: its headers and loadable segments). Returns
 * 0, -EAGAIN (MM is not up), -ENOMEM or -ENOENT. */
int image_ensure(struct service *s)
{
	if (s->image)
		return 0;
	if (!s->boot || s->module < 0)
		return -ENOENT;
	if (!rs_mm_up())
		return -EAGAIN;
	static struct boot_image_info info[PRIV_SLOTS];
	int n = sys_getinfo(GET_BOOTIMAGE, NONE, info, sizeof(info));
	if (n < 0 || s->module >= n / (int) sizeof(info[0]))
		return -ENOENT;
	uint32_t size = module_needed(s->module, info[s->module].size);
	char *buf = malloc(size);
	if (!buf)
		return -ENOMEM;
	if (module_read(s->module, 0, buf, size) != 0) {
		free(buf);
		return -ENOENT;
	}
	s->image = buf;
	s->image_len = size;
	return 0;
}

/* image_preload: load every boot service's image now (MM is up): a
 * restart in place of any of them, MM and the file servers included, then
 * needs nothing but the kernel. */
void image_preload(void)
{
	for (int i = 0; i < RS_MAX_SERVICES; i++) {
		struct service *s = &rs_services[i];
		if (!s->in_use || !s->boot || s->image)
			continue;
		int r = image_ensure(s);
		if (r != 0)
			printf("rs: %s: image not loaded (%d)\n", s->label, r);
	}
}

#define LAYOUT_MAX 8          /* PT_LOAD segments compared (the kernel's
                              * PROC_MAX_SEGS) */

/* The PT_LOAD layout of image IMG (LEN bytes): vaddr, memsz and flags
 * (R W X) of each loadable segment with memory, into SEGS (3 words each,
 * LAYOUT_MAX segments). Returns the count, or -1 for a malformed image or
 * one with more segments. */
static int image_layout(const uint8_t *img, uint32_t len, uint32_t *segs)
{
	struct elf32_ehdr eh;
	if (len < sizeof(eh))
		return -1;
	memcpy(&eh, img, sizeof(eh));
	if (memcmp(eh.ident, "\177ELF", 4) != 0 ||
	    eh.phentsize != sizeof(struct elf32_phdr) || eh.phnum > ELF_PHNUM_MAX ||
	    eh.phoff > len ||
	    eh.phnum * sizeof(struct elf32_phdr) > len - eh.phoff)
		return -1;
	int n = 0;
	for (uint32_t i = 0; i < eh.phnum; i++) {
		struct elf32_phdr ph;
		memcpy(&ph, img + eh.phoff + i * sizeof(ph), sizeof(ph));
		if (ph.type != ELF_PT_LOAD || ph.memsz == 0)
			continue;
		if (n == LAYOUT_MAX)
			return -1;
		segs[3 * n] = ph.vaddr;
		segs[3 * n + 1] = ph.memsz;
		segs[3 * n + 2] = ph.flags & 7;
		n++;
	}
	return n;
}

/* image_same_layout: whether images A (ALEN bytes) and B have the same
 * PT_LOAD layout (the condition of a keep-state exec: the new program
 * finds its data where the old one left it). 0 also for a malformed
 * image. */
int image_same_layout(const void *a, uint32_t alen, const void *b,
    uint32_t blen)
{
	uint32_t sa[3 * LAYOUT_MAX], sb[3 * LAYOUT_MAX];
	int na = image_layout(a, alen, sa), nb = image_layout(b, blen, sb);
	return na > 0 && na == nb &&
	    memcmp(sa, sb, (size_t) na * 3 * sizeof(uint32_t)) == 0;
}

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
	if (image_len < sizeof(struct elf32_ehdr))
		return 0;
	const uint8_t *img = image;
	struct elf32_ehdr eh;
	memcpy(&eh, img, sizeof(eh));
	if (memcmp(eh.ident, "\177ELF", 4) != 0 ||
	    eh.phentsize != sizeof(struct elf32_phdr))
		return 0;
	for (uint32_t i = 0; i < eh.phnum; i++) {
		uint32_t off = eh.phoff + i * sizeof(struct elf32_phdr);
		if (off < eh.phoff || off > image_len ||
		    image_len - off < sizeof(struct elf32_phdr))
			return 0;
		struct elf32_phdr ph;
		memcpy(&ph, img + off, sizeof(ph));
		if (ph.type != ELF_PT_LOAD || !(ph.flags & ELF_PF_X))
			continue;
		if (addr >= ph.vaddr && addr - ph.vaddr < ph.filesz &&
		    len <= ph.filesz - (addr - ph.vaddr))
			return 1;
	}
	return 0;
}
