/* Directory entries: finding, adding and removing names in a directory's
 * slot array (free slots are reused; used slots never move). */
#include <stdlib.h>
#include <string.h>
#include "rootfs.h"

#define DIR_GROW 16

/* rfs_dir_find: see rootfs.h. */
uint32_t rfs_dir_find(struct rfs_inode *dir, const char *name, uint32_t len,
    uint32_t *slot)
{
	for (uint32_t i = 0; i < dir->nents; i++) {
		struct rfs_dirent *e = &dir->ents[i];
		if (e->ino && strncmp(e->name, name, len) == 0 &&
		    e->name[len] == '\0') {
			if (slot)
				*slot = i;
			return e->ino;
		}
	}
	return 0;
}

/* rfs_dir_add: see rootfs.h. IP gains a link (and its parent, for a
 * directory). */
int rfs_dir_add(struct rfs_inode *dir, const char *name, uint32_t len,
    struct rfs_inode *ip)
{
	uint32_t i;
	for (i = 0; i < dir->nents; i++)
		if (!dir->ents[i].ino)
			break;
	if (i == dir->nents) {
		uint32_t n = dir->nents + DIR_GROW;
		struct rfs_dirent *e = realloc(dir->ents, n * sizeof(*e));
		if (!e)
			return -ENOSPC;
		memset(e + dir->nents, 0, DIR_GROW * sizeof(*e));
		dir->ents = e;
		dir->nents = n;
	}
	memcpy(dir->ents[i].name, name, len);
	dir->ents[i].name[len] = '\0';
	dir->ents[i].ino = ip->ino;
	ip->links++;
	if (S_ISDIR(ip->mode))
		ip->parent = dir->ino;
	rfs_touch(dir);
	return 0;
}

/* rfs_dir_remove: see rootfs.h. The named inode loses one link. */
void rfs_dir_remove(struct rfs_inode *dir, uint32_t slot)
{
	struct rfs_inode *ip = rfs_inode_get(dir->ents[slot].ino);
	if (ip && ip->links)
		ip->links--;
	dir->ents[slot].ino = 0;
	dir->ents[slot].name[0] = '\0';
	rfs_touch(dir);
}

/* rfs_dir_empty: 1 when DIR names nothing (but "." and ".."). */
int rfs_dir_empty(const struct rfs_inode *dir)
{
	for (uint32_t i = 0; i < dir->nents; i++)
		if (dir->ents[i].ino)
			return 0;
	return 1;
}

/* rfs_dir_subdirs: how many directories DIR names (for st_nlink). */
uint32_t rfs_dir_subdirs(const struct rfs_inode *dir)
{
	uint32_t n = 0;
	for (uint32_t i = 0; i < dir->nents; i++) {
		struct rfs_inode *ip = rfs_inode_get(dir->ents[i].ino);
		if (ip && S_ISDIR(ip->mode))
			n++;
	}
	return n;
}

/* rfs_mkdir_at: see rootfs.h. */
struct rfs_inode *rfs_mkdir_at(struct rfs_inode *dir, const char *name,
    uint32_t perm)
{
	struct rfs_inode *ip = rfs_inode_new(S_IFDIR | (perm & 07777), 0);
	if (!ip)
		return NULL;
	if (rfs_dir_add(dir, name, strlen(name), ip) != 0) {
		rfs_inode_free(ip);
		return NULL;
	}
	return ip;
}
