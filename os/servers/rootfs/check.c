/* The check of rootfs's kept tree: a restart in place or a keep-state
 * live update (SEF_INIT_KEPT) hands the new instance the old one's memory,
 * and before it answers VFS again the whole tree must hold together: the
 * inode table, every directory entry (a live inode, a proper name, no
 * name twice), every link count (the names that really point at the
 * inode), every directory's parent, the file data (pages within the
 * table, zero past the end) and the totals (inodes, bytes, pages). An
 * inode nobody names and VFS holds no reference to is what a create cut
 * short leaves: accepted here, freed by rfs_check_repair. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "rootfs.h"

/* fail: write WHY (printf format) into OUT (LEN bytes); returns -EINVAL. */
static int fail(char *out, size_t len, const char *why, ...)
    __attribute__((format(printf, 3, 4)));
static int fail(char *out, size_t len, const char *why, ...)
{
	va_list ap;
	va_start(ap, why);
	vsnprintf(out, len, why, ap);
	va_end(ap);
	return -EINVAL;
}

/* zero: whether N bytes at P are all zero. */
static int zero(const uint8_t *p, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

/* check_data: IP's pages: a table exactly when it has slots, every byte
 * at or past the size zero (a borrowed page lies whole inside the file).
 * Adds the pages held (its own) to *PAGES. */
static int check_data(const struct rfs_inode *ip, uint32_t *pages,
    char *why, size_t len)
{
	int data = S_ISREG(ip->mode) || (ip->mode & S_IFMT) == S_IFLNK;
	if ((ip->npages != 0) != (ip->pages != NULL) || (!data && ip->npages) ||
	    (!data && ip->size))
		return fail(why, len, "inode %u: %u page slots at %p, size %u",
		    ip->ino, ip->npages, (void *) ip->pages, ip->size);
	for (uint32_t i = 0; i < ip->npages; i++) {
		const uint8_t *pg = ip->pages[i];
		if (!pg)
			continue;
		uint32_t start = i * RFS_PAGE;
		if (rfs_data_borrowed(pg)) {     /* a whole page of the file */
			if (ip->size < start + RFS_PAGE)
				return fail(why, len, "inode %u: borrowed page "
				    "%u past its size %u", ip->ino, i, ip->size);
			continue;
		}
		(*pages)++;
		uint32_t from = ip->size > start ? ip->size - start : 0;
		if (from < RFS_PAGE && !zero(pg + from, RFS_PAGE - from))
			return fail(why, len, "inode %u: data past its size %u",
			    ip->ino, ip->size);
	}
	return 0;
}

/* check_dir: DIR's entries: each names a live inode with a proper name,
 * once; a directory entered here has DIR as its parent. Counts the names
 * of each inode into LINKS (indexed by inode number, SLOTS long). */
static int check_dir(const struct rfs_inode *dir, uint32_t *links,
    uint32_t slots, char *why, size_t len)
{
	if ((dir->nents != 0) != (dir->ents != NULL))
		return fail(why, len, "directory %u: %u entries at %p", dir->ino,
		    dir->nents, (void *) dir->ents);
	struct rfs_inode *parent = rfs_inode_get(dir->parent);
	if (!parent || !S_ISDIR(parent->mode))
		return fail(why, len, "directory %u: parent %u is no directory",
		    dir->ino, dir->parent);
	for (uint32_t i = 0; i < dir->nents; i++) {
		const struct rfs_dirent *e = &dir->ents[i];
		if (!e->ino)
			continue;
		const char *name = e->name;
		if (!memchr(name, '\0', sizeof(e->name)) || !name[0] ||
		    strchr(name, '/') || rfs_is_dot(name) || rfs_is_dotdot(name))
			return fail(why, len, "directory %u: entry %u has a bad "
			    "name", dir->ino, i);
		struct rfs_inode *ip = e->ino < slots ? rfs_inode_get(e->ino) :
		    NULL;
		if (!ip || e->ino == FS_ROOT_INO)
			return fail(why, len, "directory %u: %s names inode %u",
			    dir->ino, name, e->ino);
		if (S_ISDIR(ip->mode) && ip->parent != dir->ino)
			return fail(why, len, "directory %u: %s has parent %u",
			    dir->ino, name, ip->parent);
		links[e->ino]++;
		for (uint32_t j = 0; j < i; j++)
			if (dir->ents[j].ino && strcmp(dir->ents[j].name, name) == 0)
				return fail(why, len, "directory %u: %s twice",
				    dir->ino, name);
	}
	return 0;
}

/* rfs_check: see rootfs.h. */
int rfs_check(char *why, size_t len)
{
	uint32_t slots = rfs_inode_slots();
	struct rfs_inode *root = rfs_inode_get(FS_ROOT_INO);
	if (!root || !S_ISDIR(root->mode) || root->parent != FS_ROOT_INO)
		return fail(why, len, "no root directory");
	if (rfs_inode_get(0))
		return fail(why, len, "inode 0 is in use");
	uint32_t *links = calloc(slots, sizeof(*links));
	if (!links)
		return fail(why, len, "no memory to check %u inodes", slots);
	uint32_t live = 0, pages = 0, bytes = 0;
	int r = 0;
	for (uint32_t i = 1; i < slots && r == 0; i++) {
		struct rfs_inode *ip = rfs_inode_get(i);
		if (!ip)
			continue;
		live++;
		bytes += ip->size;
		uint32_t type = ip->mode & S_IFMT;
		if (ip->ino != i)
			r = fail(why, len, "slot %u holds inode %u", i, ip->ino);
		else if (type != S_IFDIR && type != S_IFREG && type != S_IFLNK &&
		    type != S_IFCHR && type != S_IFBLK)
			r = fail(why, len, "inode %u: mode %o", i, ip->mode);
		else if (!S_ISDIR(ip->mode) && (ip->ents || ip->nents))
			r = fail(why, len, "inode %u: entries in a file", i);
		else
			r = check_data(ip, &pages, why, len);
		if (r == 0 && S_ISDIR(ip->mode))
			r = check_dir(ip, links, slots, why, len);
	}
	for (uint32_t i = 1; i < slots && r == 0; i++) {
		struct rfs_inode *ip = rfs_inode_get(i);
		/* The root is named by no entry; it counts itself once. */
		uint32_t want = links[i] + (i == FS_ROOT_INO);
		if (ip && ip->links != want && !(i == FS_ROOT_INO && !ip->links))
			r = fail(why, len, "inode %u: %u links, %u names", i,
			    ip->links, links[i]);
		else if (ip && S_ISDIR(ip->mode) && want > 1)
			r = fail(why, len, "directory %u has %u names", i,
			    links[i]);
	}
	free(links);
	if (r != 0)
		return r;
	if (live != rfs_inodes_used() || bytes != rfs_bytes_used() ||
	    pages != rfs_pages_held())
		return fail(why, len, "totals: %u inodes, %u bytes, %u pages; "
		    "counted %u, %u, %u", rfs_inodes_used(), rfs_bytes_used(),
		    rfs_pages_held(), live, bytes, pages);
	return 0;
}

/* rfs_check_repair: see rootfs.h. */
int rfs_check_repair(void)
{
	int freed = 0;
	for (uint32_t i = 1; i < rfs_inode_slots(); i++) {
		struct rfs_inode *ip = rfs_inode_get(i);
		if (ip && i != FS_ROOT_INO && ip->links == 0 && ip->refs == 0) {
			rfs_inode_release(ip);
			freed++;
		}
	}
	return freed;
}

/* rfs_corrupt: see rootfs.h. */
int rfs_corrupt(char *what, size_t len)
{
	for (uint32_t i = 1; i < rfs_inode_slots(); i++) {
		struct rfs_inode *ip = rfs_inode_get(i);
		if (!ip || !S_ISREG(ip->mode) || ip->links == 0)
			continue;
		ip->links++;
		snprintf(what, len, "inode %u: link count %u, one too many", i,
		    ip->links);
		return 0;
	}
	snprintf(what, len, "no regular file");
	return -ENOENT;
}
