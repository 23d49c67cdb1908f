/* RS's own program image: its boot module, read into RS's memory once
 * (kept across its restarts), for `service update self -label rs`, for
 * the layout check of a new binary (the kernel's keep-state exec needs
 * the same PT_LOAD layout), and for `fi rs patch` (the range must lie in
 * the code). */
#include <stdlib.h>
#include <string.h>
#include "rs.h"

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

/* self_same_layout: whether IMAGE (LEN bytes) has exactly the PT_LOAD
 * layout of the program RS runs (its boot image's: a live update never
 * changes it); image_same_layout, image.c. */
int self_same_layout(const void *image, uint32_t len)
{
	void *mine;
	uint32_t mine_len;
	return self_image(&mine, &mine_len) == 0 &&
	    image_same_layout(mine, mine_len, image, len);
}

/* self_image_in_text: whether [ADDR, ADDR+LEN) lies in RS's code. */
int self_image_in_text(vir_bytes addr, uint32_t len)
{
	void *mine;
	uint32_t mine_len;
	return self_image(&mine, &mine_len) == 0 &&
	    image_text_has(mine, mine_len, addr, len);
}
