/* File contents: one malloc'd buffer per file that grows on demand, with
 * everything past the end kept zero (holes read as zeros). */
#include <stdlib.h>
#include <string.h>
#include "rootfs.h"

#define DATA_MIN 256

/* rfs_data_reserve: see rootfs.h. Grows the buffer to at least SIZE
 * bytes (doubling, so appends are cheap); the new bytes are zero. */
int rfs_data_reserve(struct rfs_inode *ip, uint32_t size)
{
	if (size <= ip->cap)
		return 0;
	uint32_t cap = ip->cap < DATA_MIN ? DATA_MIN : ip->cap;
	while (cap < size)
		cap = cap > 0x7fffffffu / 2 ? size : cap * 2;
	uint8_t *d = realloc(ip->data, cap);
	if (!d && cap > size) {
		cap = size;
		d = realloc(ip->data, cap);
	}
	if (!d)
		return -ENOSPC;
	memset(d + ip->cap, 0, cap - ip->cap);
	ip->data = d;
	ip->cap = cap;
	return 0;
}

/* rfs_data_resize: see rootfs.h. Shrinking zeroes the cut-off bytes (and
 * gives the buffer back when the file becomes empty). */
int rfs_data_resize(struct rfs_inode *ip, uint32_t size)
{
	if (size > ip->size) {
		int r = rfs_data_reserve(ip, size);
		if (r != 0)
			return r;
	} else if (size == 0) {
		free(ip->data);
		ip->data = NULL;
		ip->cap = 0;
	} else {
		memset(ip->data + size, 0, ip->size - size);
	}
	rfs_bytes_add((int32_t) (size - ip->size));
	ip->size = size;
	return 0;
}
