/* FS_GETDENTS, FS_UNLINK, FS_RMDIR, FS_RENAME, FS_LINK: reading and
 * changing directories. */
#include <string.h>
#include <abi/dirent.h>
#include "syslib.h"
#include "srv.h"

#define DENTS_BATCH 8      /* records built before each copy out */

/* dirent_type: the DT_* of ext2 entry type FT, or of MODE when the
 * entry records none (no filetype feature): DT_UNKNOWN if neither says. */
static uint8_t dirent_type(uint8_t ft, uint32_t mode)
{
	switch (ft) {
	case EXT2_FT_REG_FILE: return DT_REG;
	case EXT2_FT_DIR: return DT_DIR;
	case EXT2_FT_CHRDEV: return DT_CHR;
	case EXT2_FT_BLKDEV: return DT_BLK;
	case EXT2_FT_FIFO: return DT_FIFO;
	}
	if (ft != EXT2_FT_UNKNOWN)
		return DT_UNKNOWN;             /* sockets, symbolic links */
	switch (mode & S_IFMT) {
	case S_IFREG: return DT_REG;
	case S_IFDIR: return DT_DIR;
	case S_IFCHR: return DT_CHR;
	case S_IFBLK: return DT_BLK;
	case S_IFIFO: return DT_FIFO;
	}
	return DT_UNKNOWN;
}

/* entry_type: the DT_* of entry E (its inode read when E records no
 * type). */
static uint8_t entry_type(const struct ext2_entry *e)
{
	struct ext2_node *n;
	if (e->type != EXT2_FT_UNKNOWN)
		return dirent_type(e->type, 0);
	if (ext2_iget(&e2s_fs, e->ino, &n) != 0)
		return DT_UNKNOWN;
	uint8_t t = dirent_type(EXT2_FT_UNKNOWN, n->d.i_mode);
	ext2_iput(&e2s_fs, n);
	return t;
}

/* do_getdents: FS_GETDENTS. Reads fs_io .ino, .pos (a byte offset in the
 * directory, 0 at the start: VFS hands back the .pos replied), .len,
 * .ep, .addr: copies as many struct dirent records (abi/dirent.h) as fit
 * in LEN bytes to EP's ADDR, in the directory's order ("." and ".." are
 * its first entries); names longer than NAME_MAX, which a struct dirent
 * cannot hold, are left out. Writes .pos (where to continue). Replies
 * the bytes copied (0 at the end), -EINVAL (no such inode referenced, a
 * negative pos, LEN below one record), -ENOTDIR, -EFAULT (.pos
 * unchanged), -EIO. */
int do_getdents(message *m)
{
	struct mess_fs_io req = m->u.fs_io;
	struct ext2_node *dir;
	struct dirent batch[DENTS_BATCH];
	struct ext2_entry e;
	int r = e2s_dir(req.ino, &dir);
	if (r != 0)
		return r;
	if (req.pos < 0 || req.len < sizeof(struct dirent))
		return -EINVAL;
	uint64_t pos = (uint64_t) req.pos;
	uint32_t max = req.len / sizeof(struct dirent), done = 0, n = 0;
	while (done + n < max) {
		uint64_t next = pos;
		r = ext2_readdir(&e2s_fs, dir, &next, &e);
		if (r < 0 && done + n == 0)
			return r;
		if (r <= 0)
			break;
		pos = next;
		if (e.name_len > NAME_MAX)
			continue;
		struct dirent *d = &batch[n];
		memset(d, 0, sizeof(*d));
		d->d_ino = e.ino;
		d->d_type = entry_type(&e);
		memcpy(d->d_name, e.name, e.name_len);
		if (++n == DENTS_BATCH) {
			r = e2s_copy_out(batch, req.ep,
			    req.addr + done * sizeof(struct dirent),
			    n * sizeof(struct dirent));
			if (r != (int) (n * sizeof(struct dirent)))
				return -EFAULT;
			done += n;
			n = 0;
		}
	}
	if (n) {
		r = e2s_copy_out(batch, req.ep,
		    req.addr + done * sizeof(struct dirent),
		    n * sizeof(struct dirent));
		if (r != (int) (n * sizeof(struct dirent)))
			return -EFAULT;
		done += n;
	}
	if (pos > 0x7fffffffu)
		pos = 0x7fffffffu;
	m->u.fs_io.pos = (int32_t) pos;
	return (int) (done * sizeof(struct dirent));
}

/* dir_and_name: the directory DIR_INO (referenced) and the name (ADDR,
 * LEN) of FROM's memory into NAME. Errors of e2s_dir and e2s_get_name. */
static int dir_and_name(endpoint_t from, uint32_t dir_ino, vir_bytes addr,
    uint32_t len, struct ext2_node **dir, char *name)
{
	int r = e2s_dir(dir_ino, dir);
	if (r == 0)
		r = e2s_get_name(from, addr, len, name);
	return r;
}

/* do_unlink: FS_UNLINK. Reads fs_name .dir, .name, .name_len: removes
 * the name of a file that is not a directory (its inode lives on while
 * VFS holds references). Replies 0, -EINVAL, -ENOTDIR, -ENAMETOOLONG,
 * -EFAULT, -ENOENT, -EISDIR, -EIO. */
int do_unlink(message *m)
{
	struct mess_fs_name req = m->u.fs_name;
	struct ext2_node *dir;
	char name[NAME_MAX + 1];
	int r = dir_and_name(m->m_source, req.dir, req.name, req.name_len, &dir,
	    name);
	if (r != 0)
		return r;
	return ext2_unlink(&e2s_fs, dir, name, req.name_len);
}

/* do_rmdir: FS_RMDIR. Reads fs_name .dir, .name, .name_len: removes an
 * empty directory. Replies 0, -EINVAL (also "."), -ENOTDIR,
 * -ENAMETOOLONG, -EFAULT, -ENOENT, -ENOTEMPTY (also ".."), -EIO. */
int do_rmdir(message *m)
{
	struct mess_fs_name req = m->u.fs_name;
	struct ext2_node *dir;
	char name[NAME_MAX + 1];
	int r = dir_and_name(m->m_source, req.dir, req.name, req.name_len, &dir,
	    name);
	if (r != 0)
		return r;
	return ext2_rmdir(&e2s_fs, dir, name, req.name_len);
}

/* do_rename: FS_RENAME. Reads fs_rename .old_dir, .old_name, .old_len,
 * .new_dir, .new_name, .new_len: moves the entry; an existing target (a
 * file, or an empty directory when a directory moves) is replaced.
 * Replies 0, -EINVAL (bad inode or name, "." or "..", a directory moved
 * into itself or below), -ENOTDIR, -ENAMETOOLONG, -EFAULT, -ENOENT,
 * -EISDIR, -ENOTEMPTY, -ENOSPC, -EIO. */
int do_rename(message *m)
{
	struct mess_fs_rename req = m->u.fs_rename;
	struct ext2_node *odir, *ndir;
	char oname[NAME_MAX + 1], nname[NAME_MAX + 1];
	int r = dir_and_name(m->m_source, req.old_dir, req.old_name,
	    req.old_len, &odir, oname);
	if (r == 0)
		r = dir_and_name(m->m_source, req.new_dir, req.new_name,
		    req.new_len, &ndir, nname);
	if (r != 0)
		return r;
	return ext2_rename(&e2s_fs, odir, oname, req.old_len, ndir, nname,
	    req.new_len);
}

/* do_link: FS_LINK. Reads fs_name .dir, .name, .name_len, .ino: enters
 * inode INO (referenced) in directory DIR as NAME. Replies 0, -EINVAL
 * (bad inode or name), -ENOTDIR, -ENAMETOOLONG, -EFAULT, -EEXIST,
 * -ENOENT (the directory or the file was removed), -EPERM (INO is a
 * directory), -ENOSPC, -EIO. */
int do_link(message *m)
{
	struct mess_fs_name req = m->u.fs_name;
	struct ext2_node *dir, *n;
	char name[NAME_MAX + 1];
	int r = dir_and_name(m->m_source, req.dir, req.name, req.name_len, &dir,
	    name);
	if (r == 0)
		r = e2s_node(req.ino, &n);
	if (r != 0)
		return r;
	return ext2_link(&e2s_fs, dir, name, req.name_len, n);
}
