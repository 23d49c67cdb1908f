/* FS_READ, FS_WRITE, FS_TRUNCATE: file contents, copied straight between
 * the file's buffer and the memory of the process the data belongs to. */
#include <string.h>
#include "syslib.h"
#include "rootfs.h"

/* get_file: the inode INO if it holds bytes (a regular file or a symbolic
 * link): -EINVAL (none, or a device), -EISDIR. */
static int get_file(uint32_t ino, struct rfs_inode **file)
{
	struct rfs_inode *ip = rfs_inode_get(ino);
	if (!ip)
		return -EINVAL;
	if (S_ISDIR(ip->mode))
		return -EISDIR;
	if (!S_ISREG(ip->mode) && (ip->mode & S_IFMT) != S_IFLNK)
		return -EINVAL;
	*file = ip;
	return 0;
}

/* do_read: FS_READ. Reads fs_io .ino, .pos, .len, .ep, .addr: copies up
 * to LEN bytes from offset POS to EP's ADDR. Replies the bytes copied (0
 * at or past the end; fewer when EP's buffer ends partway), -EINVAL (bad
 * inode or negative pos), -EISDIR, -EFAULT (nothing copied). */
int do_read(message *m)
{
	struct mess_fs_io req = m->u.fs_io;
	struct rfs_inode *ip;
	int r = get_file(req.ino, &ip);
	if (r != 0)
		return r;
	if (req.pos < 0)
		return -EINVAL;
	if ((uint32_t) req.pos >= ip->size)
		return 0;
	uint32_t n = ip->size - (uint32_t) req.pos;
	if (n > req.len)
		n = req.len;
	return rfs_data_copy(ip, (uint32_t) req.pos, n, req.ep, req.addr, 0);
}

/* do_write: FS_WRITE. Reads fs_io .ino, .pos, .len, .ep, .addr: copies
 * LEN bytes from EP's ADDR to offset POS, growing the file (a gap reads as
 * zeros). Replies LEN (fewer when EP's buffer ends partway: what was
 * copied is written), -EINVAL (bad inode, negative pos, past 2 GiB),
 * -EISDIR, -EFAULT (nothing copied: the file is unchanged), -ENOSPC (out
 * of memory: the file is unchanged). */
int do_write(message *m)
{
	struct mess_fs_io req = m->u.fs_io;
	struct rfs_inode *ip;
	int r = get_file(req.ino, &ip);
	if (r != 0)
		return r;
	if (req.pos < 0 || req.len > 0x7fffffffu - (uint32_t) req.pos)
		return -EINVAL;
	if (req.len == 0)
		return 0;
	uint32_t end = (uint32_t) req.pos + req.len;
	r = rfs_data_reserve(ip, (uint32_t) req.pos, end);
	if (r != 0)
		return r;
	r = rfs_data_copy(ip, (uint32_t) req.pos, req.len, req.ep, req.addr, 1);
	if (r < 0)
		return r;
	end = (uint32_t) req.pos + (uint32_t) r;
	if (end > ip->size) {
		rfs_bytes_add((int32_t) (end - ip->size));
		ip->size = end;
	}
	rfs_touch(ip);
	return r;
}

/* do_truncate: FS_TRUNCATE. Reads fs_io .ino, .pos (the new size): cuts
 * or extends (with zeros) a regular file. Replies 0, -EINVAL (bad inode,
 * not a regular file, negative size), -EISDIR, -ENOSPC. */
int do_truncate(message *m)
{
	struct mess_fs_io req = m->u.fs_io;
	struct rfs_inode *ip;
	int r = get_file(req.ino, &ip);
	if (r != 0)
		return r;
	if (!S_ISREG(ip->mode) || req.pos < 0)
		return -EINVAL;
	r = rfs_data_resize(ip, (uint32_t) req.pos);
	if (r == 0)
		rfs_touch(ip);
	return r;
}
