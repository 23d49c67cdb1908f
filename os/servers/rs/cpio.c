/* Reading one file of the root file-system archive (a cpio "newc" boot
 * module) without a file system: RS walks the headers with
 * SYS_GETINFO GET_MODULE. */
#include <string.h>
#include "rs.h"

#define CPIO_HDR 110                  /* "070701" and 13 8-digit hex fields */

/* The hex field number I (0 = ino) of header H. */
static uint32_t field(const char *h, int i)
{
	uint32_t v = 0;
	const char *p = h + 6 + 8 * i;
	for (int k = 0; k < 8; k++) {
		char c = p[k];
		int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ?
		    c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : 0;
		v = v * 16 + (uint32_t) d;
	}
	return v;
}

/* Read exactly LEN bytes of MODULE at OFF into BUF; 0 or -ENOENT. */
static int read_at(int module, uint32_t off, void *buf, uint32_t len)
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

/* Whether archive name NAME is PATH (both without leading "./" or "/"). */
static int same_path(const char *name, const char *path)
{
	while (*name == '.' && name[1] == '/')
		name += 2;
	while (*name == '/')
		name++;
	while (*path == '/')
		path++;
	return strcmp(name, path) == 0;
}

/* cpio_read_file: the contents of PATH in the cpio archive MODULE into
 * BUF (at most SIZE bytes). Returns the length, -ENOENT (no such file,
 * or a damaged archive) or -E2BIG (longer than SIZE). */
int cpio_read_file(int module, const char *path, char *buf, size_t size)
{
	uint32_t off = 0;
	for (;;) {
		char h[CPIO_HDR];
		char name[RS_PATH_MAX];
		if (read_at(module, off, h, CPIO_HDR) != 0 ||
		    memcmp(h, "070701", 6) != 0)
			return -ENOENT;
		uint32_t file_size = field(h, 6), name_size = field(h, 11);
		uint32_t data = (off + CPIO_HDR + name_size + 3) & ~3u;
		if (name_size == 0)
			return -ENOENT;
		int fits = name_size <= sizeof(name);
		if (fits && read_at(module, off + CPIO_HDR, name, name_size) != 0)
			return -ENOENT;
		if (fits) {
			name[name_size - 1] = '\0';
			if (strcmp(name, "TRAILER!!!") == 0)
				return -ENOENT;
			if (same_path(name, path)) {
				if (file_size > size)
					return -E2BIG;
				if (read_at(module, data, buf, file_size) != 0)
					return -ENOENT;
				return (int) file_size;
			}
		}
		off = (data + file_size + 3) & ~3u;
	}
}
