/* File contents: a table of RFS_PAGE-byte pages per file, each malloc'd
 * when first written. A page never written (a hole) reads as zeros, and
 * the bytes of a page past the end of the file are kept zero. Growing a
 * file never copies what it holds, so memory use stays the file's size
 * rounded up to pages (no doubling), and cutting a file frees the pages
 * past its new end.
 * A page may also be borrowed: a whole page of the boot archive, mapped
 * read-only (rfs_data_attach), read in place. The first write to it, or a
 * cut that zeroes part of it, gives the file its own copy
 * (rfs_data_page); freeing forgets it. Borrowed pages are never the
 * partial last page of a file, so the zero-tail invariant holds, and they
 * are not counted as held (they take no heap). */
#include <stdlib.h>
#include <string.h>
#include "syslib.h"
#include "rootfs.h"

#define TABLE_MIN 16             /* page slots of a file's first table */

static const uint8_t zero_page[RFS_PAGE];   /* what a hole reads */
static uint32_t pages_held;                  /* pages allocated, all files */
static const uint8_t *borrow_lo, *borrow_hi; /* the mapped archive */

/* rfs_data_borrow_area: see rootfs.h. */
void rfs_data_borrow_area(const uint8_t *lo, const uint8_t *hi)
{
	borrow_lo = lo;
	borrow_hi = hi;
}

/* rfs_data_borrowed: see rootfs.h. */
int rfs_data_borrowed(const uint8_t *pg)
{
	return pg && pg >= borrow_lo && pg < borrow_hi;
}

/* pages_for: how many pages SIZE bytes span. */
static uint32_t pages_for(uint32_t size)
{
	return size / RFS_PAGE + (size % RFS_PAGE != 0);
}

/* grow_table: make IP's page table hold at least N slots (new ones NULL);
 * 0 or -ENOSPC. The table grows by half again (it holds pointers only:
 * 4 KiB of table per 4 MiB of file). */
static int grow_table(struct rfs_inode *ip, uint32_t n)
{
	if (n <= ip->npages)
		return 0;
	uint32_t slots = ip->npages < TABLE_MIN ? TABLE_MIN : ip->npages;
	while (slots < n)
		slots += slots / 2;
	uint8_t **t = realloc(ip->pages, slots * sizeof(*t));
	if (!t)
		return -ENOSPC;
	memset(t + ip->npages, 0, (slots - ip->npages) * sizeof(*t));
	ip->pages = t;
	ip->npages = slots;
	return 0;
}

/* rfs_data_page: see rootfs.h. A borrowed page is copied into one of
 * the file's own first. */
uint8_t *rfs_data_page(struct rfs_inode *ip, uint32_t index)
{
	uint8_t *old = index < ip->npages ? ip->pages[index] : NULL;
	if (old && !rfs_data_borrowed(old))
		return old;
	if (!old && grow_table(ip, index + 1) != 0)
		return NULL;
	uint8_t *pg = old ? malloc(RFS_PAGE) : calloc(1, RFS_PAGE);
	if (!pg)
		return NULL;
	if (old)
		memcpy(pg, old, RFS_PAGE);
	ip->pages[index] = pg;
	pages_held++;
	return pg;
}

/* rfs_data_attach: see rootfs.h. */
int rfs_data_attach(struct rfs_inode *ip, uint32_t index, const uint8_t *src)
{
	if (grow_table(ip, index + 1) != 0)
		return -ENOSPC;
	if (ip->pages[index] && !rfs_data_borrowed(ip->pages[index])) {
		free(ip->pages[index]);
		pages_held--;
	}
	ip->pages[index] = (uint8_t *) src;
	return 0;
}

/* forget: drop page slot I of IP (freed when it is the file's own). */
static void forget(struct rfs_inode *ip, uint32_t i)
{
	if (ip->pages[i] && !rfs_data_borrowed(ip->pages[i])) {
		free(ip->pages[i]);
		pages_held--;
	}
	ip->pages[i] = NULL;
}

/* rfs_data_reserve: see rootfs.h. Allocates every page of [FROM, TO) that
 * is missing; on -ENOSPC the pages already allocated stay (zero, so
 * harmless: they read as the holes they replace). */
int rfs_data_reserve(struct rfs_inode *ip, uint32_t from, uint32_t to)
{
	if (to <= from)
		return 0;
	for (uint32_t i = from / RFS_PAGE; i < pages_for(to); i++)
		if (!rfs_data_page(ip, i))
			return -ENOSPC;
	return 0;
}

/* rfs_data_copy: see rootfs.h. Page by page; a hole sends zeros. */
int rfs_data_copy(struct rfs_inode *ip, uint32_t pos, uint32_t len,
    endpoint_t ep, vir_bytes addr, int to_file)
{
	uint32_t done = 0;
	while (done < len) {
		uint32_t at = pos + done, off = at % RFS_PAGE;
		uint32_t n = RFS_PAGE - off < len - done ? RFS_PAGE - off :
		    len - done;
		uint32_t i = at / RFS_PAGE;
		const uint8_t *pg = i < ip->npages && ip->pages[i] ?
		    ip->pages[i] : zero_page;
		int r = to_file ?
		    sys_vircopy(ep, addr + done, SELF, (vir_bytes) (pg + off), n) :
		    sys_vircopy(SELF, (vir_bytes) (pg + off), ep, addr + done, n);
		if (r != 0)
			return done ? (int) done : r;
		done += n;
	}
	return (int) done;
}

/* zero_range: zero [FROM, TO) of IP's pages (within the file). */
static void zero_range(struct rfs_inode *ip, uint32_t from, uint32_t to)
{
	while (from < to) {
		uint32_t i = from / RFS_PAGE, off = from % RFS_PAGE;
		uint32_t n = RFS_PAGE - off < to - from ? RFS_PAGE - off :
		    to - from;
		if (i < ip->npages && ip->pages[i])
			memset(ip->pages[i] + off, 0, n);
		from += n;
	}
}

/* rfs_data_resize: see rootfs.h. Growing only moves the end (the new bytes
 * are holes or zeroed page tails); shrinking zeroes the tail of the last
 * page kept (the file's own copy first, if it was borrowed: -ENOSPC, and
 * nothing changed, without memory for it) and frees the pages past it
 * (the table too, when empty). */
int rfs_data_resize(struct rfs_inode *ip, uint32_t size)
{
	if (size < ip->size) {
		uint32_t keep = pages_for(size), last = size / RFS_PAGE;
		if (size % RFS_PAGE && last < ip->npages &&
		    rfs_data_borrowed(ip->pages[last]) &&
		    !rfs_data_page(ip, last))
			return -ENOSPC;
		zero_range(ip, size, keep * RFS_PAGE < ip->size ?
		    keep * RFS_PAGE : ip->size);
		for (uint32_t i = keep; i < ip->npages; i++)
			forget(ip, i);
		if (size == 0)
			rfs_data_free(ip);
	}
	rfs_bytes_add((int32_t) (size - ip->size));
	ip->size = size;
	return 0;
}

/* rfs_data_free: see rootfs.h. */
void rfs_data_free(struct rfs_inode *ip)
{
	for (uint32_t i = 0; i < ip->npages; i++)
		forget(ip, i);
	free(ip->pages);
	ip->pages = NULL;
	ip->npages = 0;
}

/* rfs_pages_held: see rootfs.h. */
uint32_t rfs_pages_held(void)
{
	return pages_held;
}
