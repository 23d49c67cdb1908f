/* RS's own program image: its boot module, read into RS's memory once
 * (kept across its restarts), for `service update self -label rs`, for
 * the layout check of a new binary (the kernel's keep-state exec needs
 * the same PT_LOAD layout), and for `fi rs patch` (the range must lie in
 * the code). */
#include <stdlib.h>
#include <string.h>
#include "rs.h"

#define SELF_MAX_SEGS 16

struct seg {
	uint32_t vaddr, memsz, flags;
};

/* self_image: RS's boot image into *IMAGE, *LEN. Returns 0, -ENOENT (no
 * boot module "rs") or -ENOMEM. */
int self_image(void **image, uint32_t *len)
{
	if (!rs_self.image) {
		static struct boot_image_info info[PRIV_SLOTS];
		int n = sys_getinfo(GET_BOOTIMAGE, NONE, info, sizeof(info));
		n = n < 0 ? 0 : n / (int) sizeof(info[0]);
		int k = 0;
		while (k < n && (strcmp(info[k].name, RS_SELF_LABEL) != 0 ||
		    info[k].endpoint != RS_EP))
			k++;
		if (k == n)
			return -ENOENT;
		uint32_t size = info[k].size;
		char *buf = malloc(size);
		if (!buf)
			return -ENOMEM;
		for (uint32_t off = 0; off < size; ) {
			int got = sys_getmodule(k, off, buf + off, size - off);
			if (got <= 0) {
				free(buf);
				return -ENOENT;
			}
			off += (uint32_t) got;
		}
		rs_self.image = buf;
		rs_self.image_len = size;
	}
	*image = rs_self.image;
	*len = rs_self.image_len;
	return 0;
}

/* The PT_LOAD segments (vaddr, memsz, flags) of IMAGE into SEGS (at most
 * SELF_MAX_SEGS); returns how many, or -1 for a malformed image. */
static int layout(const uint8_t *image, uint32_t len, struct seg *segs)
{
	uint32_t phoff;
	uint16_t phentsize, phnum;
	if (len < 52 || memcmp(image, "\177ELF", 4) != 0)
		return -1;
	memcpy(&phoff, image + 28, 4);
	memcpy(&phentsize, image + 42, 2);
	memcpy(&phnum, image + 44, 2);
	if (phentsize != 32 || phoff > len || phnum > (len - phoff) / 32)
		return -1;
	int n = 0;
	for (uint32_t i = 0; i < phnum; i++) {
		uint32_t ph[8];
		memcpy(ph, image + phoff + i * 32, sizeof(ph));
		if (ph[0] != 1 || ph[5] == 0)        /* PT_LOAD, memsz */
			continue;
		if (n == SELF_MAX_SEGS)
			return -1;
		segs[n].vaddr = ph[2];
		segs[n].memsz = ph[5];
		segs[n].flags = ph[6];
		n++;
	}
	return n;
}

/* self_same_layout: whether IMAGE (LEN bytes) has exactly the PT_LOAD
 * layout of the program RS runs (its boot image's: a live update never
 * changes it). */
int self_same_layout(const void *image, uint32_t len)
{
	void *mine;
	uint32_t mine_len;
	struct seg a[SELF_MAX_SEGS], b[SELF_MAX_SEGS];
	if (self_image(&mine, &mine_len) != 0)
		return 0;
	int na = layout(mine, mine_len, a);
	int nb = layout(image, len, b);
	return na > 0 && na == nb && memcmp(a, b, (size_t) na * sizeof(a[0])) == 0;
}

/* self_image_in_text: whether [ADDR, ADDR+LEN) lies in RS's code. */
int self_image_in_text(vir_bytes addr, uint32_t len)
{
	void *mine;
	uint32_t mine_len;
	return self_image(&mine, &mine_len) == 0 &&
	    image_text_has(mine, mine_len, addr, len);
}
