/* FS_GETDENTS, FS_UNLINK, FS_RMDIR, FS_RENAME: reading and changing
 * directories. */
#include <string.h>
#include "syslib.h"
#include "rootfs.h"

#define DENTS_BATCH 8      /* records built before each copy out */

/* dirent_type: the DT_* of MODE. */
static uint8_t dirent_type(uint32_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFDIR: return DT_DIR;
	case S_IFREG: return DT_REG;
	case S_IFCHR: return DT_CHR;
	case S_IFBLK: return DT_BLK;
	case S_IFIFO: return DT_FIFO;
	default: return DT_UNKNOWN;
	}
}

/* entry_at: the entry of DIR at GETDENTS index *POS or after it (index 0
 * is ".", 1 "..", 2 + i slot i); fills *D and moves *POS past it.
 * Returns 0 when there is none left. */
static int entry_at(const struct rfs_inode *dir, uint32_t *pos,
    struct dirent *d)
{
	const struct rfs_inode *ip = NULL;
	const char *name = NULL;
	memset(d, 0, sizeof(*d));
	if (!dir->links && dir->ino != FS_ROOT_INO)
		return 0;                 /* a removed directory lists nothing */
	if (*pos == 0) {
		ip = dir;
		name = ".";
	} else if (*pos == 1) {
		ip = rfs_inode_get(dir->parent);
		name = "..";
	} else {
		uint32_t i = *pos - 2;
		while (i < dir->nents && !dir->ents[i].ino)
			i++;
		if (i >= dir->nents)
			return 0;
		*pos = i + 2;
		ip = rfs_inode_get(dir->ents[i].ino);
		name = dir->ents[i].name;
	}
	if (!ip)
		return 0;
	d->d_ino = ip->ino;
	d->d_type = dirent_type(ip->mode);
	strlcpy(d->d_name, name, sizeof(d->d_name));
	(*pos)++;
	return 1;
}

/* do_getdents: FS_GETDENTS. Reads fs_io .ino, .pos (an entry index), .len,
 * .ep, .addr: copies as many struct dirent records as fit in LEN bytes to
 * EP's ADDR, "." and ".." first; writes .pos (the index to continue
 * from). Replies the bytes copied (0 at the end), -EINVAL (bad inode or
 * pos, LEN below one record), -ENOTDIR, -EFAULT (.pos unchanged). */
int do_getdents(message *m)
{
	struct mess_fs_io req = m->u.fs_io;
	struct rfs_inode *dir;
	struct dirent batch[DENTS_BATCH];
	int r = rfs_get_dir(req.ino, &dir);
	if (r != 0)
		return r;
	if (req.pos < 0 || req.len < sizeof(struct dirent))
		return -EINVAL;
	uint32_t pos = (uint32_t) req.pos, max = req.len / sizeof(struct dirent);
	uint32_t done = 0, n = 0;
	while (done + n < max && entry_at(dir, &pos, &batch[n])) {
		if (++n == DENTS_BATCH || done + n == max) {
			r = sys_vircopy(SELF, (vir_bytes) batch, req.ep,
			    req.addr + done * sizeof(struct dirent),
			    n * sizeof(struct dirent));
			if (r != 0)
				return r;
			done += n;
			n = 0;
		}
	}
	if (n) {
		r = sys_vircopy(SELF, (vir_bytes) batch, req.ep,
		    req.addr + done * sizeof(struct dirent),
		    n * sizeof(struct dirent));
		if (r != 0)
			return r;
		done += n;
	}
	m->u.fs_io.pos = (int32_t) pos;
	return (int) (done * sizeof(struct dirent));
}

/* find_entry: the directory DIR_INO and NAME (from the request) and the
 * entry it names: *DIR, *SLOT, *IP. Errors of rfs_get_dir and
 * rfs_get_name; -ENOENT when the name is not there. NAME "." or ".."
 * gives -EISDIR (unlink) through *DOTS = 1 or 2 without looking. */
static int find_entry(message *m, uint32_t dir_ino, vir_bytes addr,
    uint32_t len, char *name, struct rfs_inode **dir, uint32_t *slot,
    struct rfs_inode **ip, int *dots)
{
	int r = rfs_get_dir(dir_ino, dir);
	if (r == 0)
		r = rfs_get_name(m->m_source, addr, len, name);
	if (r != 0)
		return r;
	*dots = rfs_is_dot(name) ? 1 : rfs_is_dotdot(name) ? 2 : 0;
	if (*dots)
		return 0;
	*ip = rfs_inode_get(rfs_dir_find(*dir, name, len, slot));
	return *ip ? 0 : -ENOENT;
}

/* do_unlink: FS_UNLINK. Reads fs_name .dir, .name, .name_len: removes
 * the name of a file that is not a directory (the inode lives on while VFS
 * holds references). Replies 0, -EINVAL, -ENOTDIR, -ENAMETOOLONG,
 * -EFAULT, -ENOENT, -EISDIR. */
int do_unlink(message *m)
{
	struct mess_fs_name req = m->u.fs_name;
	struct rfs_inode *dir, *ip;
	uint32_t slot;
	char name[NAME_MAX + 1];
	int dots;
	int r = find_entry(m, req.dir, req.name, req.name_len, name, &dir,
	    &slot, &ip, &dots);
	if (r != 0)
		return r;
	if (dots || S_ISDIR(ip->mode))
		return -EISDIR;
	rfs_dir_remove(dir, slot);
	ip->ctime = rfs_now();
	rfs_inode_release(ip);
	return 0;
}

/* do_rmdir: FS_RMDIR. Reads fs_name .dir, .name, .name_len: removes an
 * empty directory. Replies 0, -EINVAL (also for "."), -ENOTDIR,
 * -ENAMETOOLONG, -EFAULT, -ENOENT, -ENOTEMPTY (also for ".."). */
int do_rmdir(message *m)
{
	struct mess_fs_name req = m->u.fs_name;
	struct rfs_inode *dir, *ip;
	uint32_t slot;
	char name[NAME_MAX + 1];
	int dots;
	int r = find_entry(m, req.dir, req.name, req.name_len, name, &dir,
	    &slot, &ip, &dots);
	if (r != 0)
		return r;
	if (dots)
		return dots == 1 ? -EINVAL : -ENOTEMPTY;
	if (!S_ISDIR(ip->mode))
		return -ENOTDIR;
	if (!rfs_dir_empty(ip))
		return -ENOTEMPTY;
	rfs_dir_remove(dir, slot);
	rfs_inode_release(ip);
	return 0;
}

/* inside: whether directory DIR is ANCESTOR or lies below it. */
static int inside(const struct rfs_inode *dir, uint32_t ancestor)
{
	for (;;) {
		if (dir->ino == ancestor)
			return 1;
		if (dir->ino == FS_ROOT_INO || dir->parent == dir->ino)
			return 0;
		dir = rfs_inode_get(dir->parent);
		if (!dir)
			return 0;
	}
}

/* check_target: may OLD replace TARGET (an existing name)? 0, -EISDIR (a
 * file over a directory), -ENOTDIR (a directory over a file),
 * -ENOTEMPTY. */
static int check_target(const struct rfs_inode *old,
    const struct rfs_inode *target)
{
	if (S_ISDIR(old->mode) && !S_ISDIR(target->mode))
		return -ENOTDIR;
	if (!S_ISDIR(old->mode) && S_ISDIR(target->mode))
		return -EISDIR;
	if (S_ISDIR(target->mode) && !rfs_dir_empty(target))
		return -ENOTEMPTY;
	return 0;
}

/* do_rename: FS_RENAME. Reads fs_rename .old_dir, .old_name, .old_len,
 * .new_dir, .new_name, .new_len: moves the entry; an existing target
 * (a file, or an empty directory when a directory moves) is replaced.
 * Replies 0, -EINVAL (bad inode or name, "." or "..", a directory moved
 * into itself or below), -ENOTDIR, -ENAMETOOLONG, -EFAULT, -ENOENT (no
 * such name, or the target directory was removed), -EISDIR, -ENOTEMPTY,
 * -ENOSPC. Renaming a file onto itself does nothing. */
int do_rename(message *m)
{
	struct mess_fs_rename req = m->u.fs_rename;
	struct rfs_inode *odir, *ndir, *ip, *target = NULL;
	uint32_t oslot, nslot = 0;
	char oname[NAME_MAX + 1], nname[NAME_MAX + 1];
	int dots;
	int r = find_entry(m, req.old_dir, req.old_name, req.old_len, oname,
	    &odir, &oslot, &ip, &dots);
	if (r != 0)
		return r;
	if (dots)
		return -EINVAL;
	r = rfs_get_dir(req.new_dir, &ndir);
	if (r == 0)
		r = rfs_get_name(m->m_source, req.new_name, req.new_len, nname);
	if (r != 0)
		return r;
	if (rfs_is_dot(nname) || rfs_is_dotdot(nname))
		return -EINVAL;
	if (!ndir->links && ndir->ino != FS_ROOT_INO)
		return -ENOENT;
	if (S_ISDIR(ip->mode) && inside(ndir, ip->ino))
		return -EINVAL;
	uint32_t tino = rfs_dir_find(ndir, nname, req.new_len, &nslot);
	if (tino == ip->ino)
		return 0;
	if (tino) {
		target = rfs_inode_get(tino);
		r = check_target(ip, target);
		if (r != 0)
			return r;
	} else {
		r = rfs_dir_add(ndir, nname, req.new_len, ip);
		if (r != 0)
			return r;
	}
	if (target) {                /* take over the target's slot */
		rfs_dir_remove(ndir, nslot);
		ndir->ents[nslot].ino = ip->ino;
		strlcpy(ndir->ents[nslot].name, nname, NAME_MAX + 1);
		rfs_inode_release(target);
	}
	/* The old slot is still ip's: clear it; ip keeps the link count it
	 * had (rfs_dir_add counted the new name, the old one goes). */
	odir->ents[oslot].ino = 0;
	odir->ents[oslot].name[0] = '\0';
	if (!target)
		ip->links--;
	if (S_ISDIR(ip->mode))
		ip->parent = ndir->ino;
	ip->ctime = rfs_now();
	rfs_touch(odir);
	rfs_touch(ndir);
	return 0;
}
