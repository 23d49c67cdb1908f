/* The inode table: inode number -> inode, allocation and the rule that
 * frees an inode once no directory names it and VFS holds no reference. */
#include <stdlib.h>
#include <string.h>
#include "syslib.h"
#include "rootfs.h"

#define TABLE_GROW 64

static struct rfs_inode **table;   /* table[ino], table[0] unused */
static uint32_t table_len;
static uint32_t used;              /* live inodes */
static uint32_t bytes;             /* file bytes stored */

/* rfs_inodes_init: forget every inode (the tree is rebuilt after it). */
void rfs_inodes_init(void)
{
	for (uint32_t i = 1; i < table_len; i++)
		if (table[i])
			rfs_inode_free(table[i]);
	used = 0;
	bytes = 0;
}

/* free_slot: the lowest unused inode number, growing the table when full;
 * 0 when memory runs out. */
static uint32_t free_slot(void)
{
	for (uint32_t i = 1; i < table_len; i++)
		if (!table[i])
			return i;
	uint32_t len = table_len ? table_len + TABLE_GROW : TABLE_GROW;
	struct rfs_inode **t = realloc(table, len * sizeof(*t));
	if (!t)
		return 0;
	memset(t + table_len, 0, (len - table_len) * sizeof(*t));
	uint32_t first = table_len ? table_len : 1;
	table = t;
	table_len = len;
	return first;
}

/* rfs_inode_new: see rootfs.h. */
struct rfs_inode *rfs_inode_new(uint32_t mode, uint32_t rdev)
{
	uint32_t ino = free_slot();
	if (!ino)
		return NULL;
	struct rfs_inode *ip = calloc(1, sizeof(*ip));
	if (!ip)
		return NULL;
	ip->ino = ino;
	ip->mode = mode;
	ip->rdev = rdev;
	ip->parent = ino;
	ip->atime = ip->mtime = ip->ctime = rfs_now();
	table[ino] = ip;
	used++;
	return ip;
}

/* rfs_inode_get: see rootfs.h. */
struct rfs_inode *rfs_inode_get(uint32_t ino)
{
	return ino < table_len ? table[ino] : NULL;
}

/* rfs_inode_free: drop IP, its data and entries, whatever refers to it
 * (the caller knows nothing does any more). */
void rfs_inode_free(struct rfs_inode *ip)
{
	bytes -= ip->size;
	table[ip->ino] = NULL;
	used--;
	rfs_data_free(ip);
	free(ip->ents);
	free(ip);
}

/* rfs_inode_release: see rootfs.h. */
void rfs_inode_release(struct rfs_inode *ip)
{
	if (ip->links == 0 && ip->refs == 0 && ip->ino != FS_ROOT_INO)
		rfs_inode_free(ip);
}

/* rfs_inode_slots: see rootfs.h. */
uint32_t rfs_inode_slots(void)
{
	return table_len;
}

uint32_t rfs_inodes_used(void)
{
	return used;
}

uint32_t rfs_bytes_used(void)
{
	return bytes;
}

/* rfs_bytes_add: account DELTA bytes of file data (negative: freed). */
void rfs_bytes_add(int32_t delta)
{
	bytes += (uint32_t) delta;
}

/* rfs_now: the wall clock, seconds since 1970 UTC: the kernel's boot time
 * (the CMOS clock at boot) plus the seconds since boot; only the seconds
 * since boot when the kernel has no boot time (0 if the clock cannot be
 * read). time() says the same. */
uint32_t rfs_now(void)
{
	return clock_time();
}

/* rfs_touch: IP's contents changed now. */
void rfs_touch(struct rfs_inode *ip)
{
	ip->atime = ip->mtime = ip->ctime = rfs_now();
}

/* rfs_inode_size: see rootfs.h. */
int32_t rfs_inode_size(const struct rfs_inode *ip)
{
	if (S_ISDIR(ip->mode)) {
		uint32_t n = 2;
		for (uint32_t i = 0; i < ip->nents; i++)
			if (ip->ents[i].ino)
				n++;
		return (int32_t) (n * sizeof(struct dirent));
	}
	if (S_ISREG(ip->mode) || (ip->mode & S_IFMT) == S_IFLNK)
		return (int32_t) ip->size;
	return 0;
}
