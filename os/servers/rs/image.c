/* Program images: RS keeps every service's binary in its own memory, so
 * it restarts a driver without any file system. `service` passes the
 * image in its memory; boot services' images are the boot modules. */
#include <stdlib.h>
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
