/* FS_READ, FS_WRITE, FS_TRUNCATE: file contents, moved between the disk
 * (the core's cache) and the memory of the process the data belongs to
 * through the bounce buffer, E2S_BOUNCE bytes per SYS_VIRCOPY. */
#include "syslib.h"
#include "srv.h"

/* read_link: FS_READ of a symbolic link: its contents from POS, up to LEN
 * bytes, to EP's ADDR. */
static int read_link(struct ext2_node *n, uint32_t pos, uint32_t len,
    endpoint_t ep, vir_bytes addr)
{
	int size = ext2_readlink(&e2s_fs, n, (char *) e2s_bounce, E2S_BOUNCE);
	if (size < 0)
		return size;
	if (pos >= (uint32_t) size)
		return 0;
	if (len > (uint32_t) size - pos)
		len = (uint32_t) size - pos;
	return e2s_copy_out(e2s_bounce + pos, ep, addr, len);
}

/* do_read: FS_READ. Reads fs_io .ino, .pos, .len, .ep, .addr: copies up
 * to LEN bytes of the file (a regular file, or a symbolic link: its
 * contents) from offset POS to EP's ADDR; holes read as zeros. Replies
 * the bytes copied (0 at or past the end; fewer when EP's buffer ends
 * partway), -EINVAL (no such inode referenced, negative pos, a device,
 * FIFO or socket), -EISDIR, -EFAULT (nothing copied), -EIO (nothing
 * read). */
int do_read(message *m)
{
	struct mess_fs_io req = m->u.fs_io;
	struct ext2_node *n;
	int r = e2s_node(req.ino, &n);
	if (r != 0)
		return r;
	if (req.pos < 0)
		return -EINVAL;
	uint32_t type = n->d.i_mode & S_IFMT;
	if (type == S_IFDIR)
		return -EISDIR;
	if (type == S_IFLNK)
		return read_link(n, (uint32_t) req.pos, req.len, req.ep, req.addr);
	if (type != S_IFREG)
		return -EINVAL;
	uint32_t done = 0;
	while (done < req.len) {
		uint32_t want = req.len - done;
		if (want > E2S_BOUNCE)
			want = E2S_BOUNCE;
		r = ext2_read(&e2s_fs, n, (uint64_t) req.pos + done, e2s_bounce,
		    want);
		if (r <= 0)
			break;
		int c = e2s_copy_out(e2s_bounce, req.ep, req.addr + done,
		    (uint32_t) r);
		if (c < 0) {
			r = c;
			break;
		}
		done += (uint32_t) c;
		if ((uint32_t) c < (uint32_t) r || (uint32_t) r < want)
			break;       /* the user's buffer or the file ended */
	}
	return done > 0 ? (int) done : r;
}

/* do_write: FS_WRITE. Reads fs_io .ino, .pos, .len, .ep, .addr: copies
 * LEN bytes from EP's ADDR to offset POS of a regular file, growing it (a
 * gap reads as zeros). Replies LEN, or fewer when EP's buffer ends
 * partway or the disk fills (what was copied is written), -EINVAL (no
 * such inode referenced, negative pos, past 2 GiB, not a regular file),
 * -EISDIR, -EFAULT (nothing copied: the file is unchanged), -ENOSPC
 * (nothing written), -EIO. */
int do_write(message *m)
{
	struct mess_fs_io req = m->u.fs_io;
	struct ext2_node *n;
	int r = e2s_node(req.ino, &n);
	if (r != 0)
		return r;
	if (S_ISDIR(n->d.i_mode))
		return -EISDIR;
	if (!S_ISREG(n->d.i_mode) || req.pos < 0 ||
	    req.len > 0x7fffffffu - (uint32_t) req.pos)
		return -EINVAL;
	uint32_t done = 0;
	r = 0;
	while (done < req.len) {
		uint32_t want = req.len - done;
		if (want > E2S_BOUNCE)
			want = E2S_BOUNCE;
		int c = e2s_copy_in(req.ep, req.addr + done, e2s_bounce, want);
		if (c < 0) {
			r = c;
			break;
		}
		r = ext2_write(&e2s_fs, n, (uint64_t) req.pos + done, e2s_bounce,
		    (uint32_t) c);
		if (r <= 0)
			break;
		done += (uint32_t) r;
		if ((uint32_t) r < (uint32_t) c || (uint32_t) c < want)
			break;       /* the disk or the user's buffer ended */
	}
	return done > 0 || req.len == 0 ? (int) done : r;
}

/* do_truncate: FS_TRUNCATE. Reads fs_io .ino, .pos (the new size): cuts
 * a regular file (the blocks past the end freed) or extends it (a hole).
 * Replies 0, -EINVAL (no such inode referenced, not a regular file,
 * negative size), -EISDIR, -ENOSPC, -EIO. */
int do_truncate(message *m)
{
	struct mess_fs_io req = m->u.fs_io;
	struct ext2_node *n;
	int r = e2s_node(req.ino, &n);
	if (r != 0)
		return r;
	if (S_ISDIR(n->d.i_mode))
		return -EISDIR;
	if (!S_ISREG(n->d.i_mode) || req.pos < 0)
		return -EINVAL;
	return ext2_truncate(&e2s_fs, n, (uint64_t) req.pos);
}
