/* Requests to the file systems (abi/fs.h): one sendrec each to the file
 * server FS a vnode belongs to (ROOTFS_EP, or a mounted file system's
 * server, mount.c). Names stay in VFS's memory; the file system copies
 * them. A server that cannot be reached (it died) makes the call -EIO. */
#include <string.h>
#include "syslib.h"
#include "vfs_server.h"

/* fs_call: see vfs_server.h. -EIO when FS cannot be reached (or is
 * NONE: a pipe has no file system). */
int fs_call(endpoint_t fs, message *m)
{
	if (fs == NONE || fs == 0)
		return -EIO;
	int r = ipc_sendrec(fs, m);
	return r != 0 ? -EIO : m->m_type;
}

/* name_msg: a request TYPE about NAME in directory DIR. */
static void name_msg(message *m, int type, uint32_t dir, const char *name)
{
	memset(m, 0, sizeof(*m));
	m->m_type = type;
	m->u.fs_name.dir = dir;
	m->u.fs_name.name = (vir_bytes) name;
	m->u.fs_name.name_len = strlen(name);
}

/* fs_lookup: FS_LOOKUP of NAME in DIR into *OUT (a reference taken). */
int fs_lookup(endpoint_t fs, uint32_t dir, const char *name,
    struct mess_fs_node *out)
{
	message m;
	name_msg(&m, FS_LOOKUP, dir, name);
	int r = fs_call(fs, &m);
	if (r == 0)
		*out = m.u.fs_node;
	return r;
}

/* fs_create: FS_CREATE of NAME in DIR with MODE (and DEV), owned by UID
 * and GID, into *OUT. */
int fs_create(endpoint_t fs, uint32_t dir, const char *name, uint32_t mode,
    uint32_t dev, uint32_t uid, uint32_t gid, struct mess_fs_node *out)
{
	message m;
	name_msg(&m, FS_CREATE, dir, name);
	m.u.fs_name.mode = mode;
	m.u.fs_name.dev = dev;
	m.u.fs_name.uid = uid;
	m.u.fs_name.gid = gid;
	int r = fs_call(fs, &m);
	if (r == 0)
		*out = m.u.fs_node;
	return r;
}

/* fs_link: FS_LINK: NAME in DIR for the inode INO. */
int fs_link(endpoint_t fs, uint32_t dir, const char *name, uint32_t ino)
{
	message m;
	name_msg(&m, FS_LINK, dir, name);
	m.u.fs_name.ino = ino;
	return fs_call(fs, &m);
}

/* fs_symlink: see vfs_server.h. */
int fs_symlink(endpoint_t fs, uint32_t dir, const char *name,
    const char *target, uint32_t uid, uint32_t gid)
{
	message m;
	name_msg(&m, FS_CREATE, dir, name);
	m.u.fs_name.mode = S_IFLNK | 0777;
	m.u.fs_name.uid = uid;
	m.u.fs_name.gid = gid;
	m.u.fs_name.target = (vir_bytes) target;
	m.u.fs_name.target_len = strlen(target);
	int r = fs_call(fs, &m);
	if (r == 0 && m.u.fs_node.ino)
		fs_putnode(fs, m.u.fs_node.ino, 1);
	return r;
}

/* fs_putnode: give COUNT references of INO back. */
int fs_putnode(endpoint_t fs, uint32_t ino, uint32_t count)
{
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = FS_PUTNODE;
	m.u.fs_node.ino = ino;
	m.u.fs_node.count = count;
	return fs_call(fs, &m);
}

/* attr_call: FS_CHMOD or FS_CHOWN (TYPE) of INO with the fields of *IN;
 * *OUT gets the inode's new state. */
static int attr_call(endpoint_t fs, int type, uint32_t ino,
    const struct mess_fs_node *in, struct mess_fs_node *out)
{
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = type;
	m.u.fs_node = *in;
	m.u.fs_node.ino = ino;
	int r = fs_call(fs, &m);
	if (r == 0)
		*out = m.u.fs_node;
	return r;
}

/* fs_chmod: see vfs_server.h. */
int fs_chmod(endpoint_t fs, uint32_t ino, uint32_t perm,
    struct mess_fs_node *out)
{
	struct mess_fs_node in = { .mode = perm };
	return attr_call(fs, FS_CHMOD, ino, &in, out);
}

/* fs_chown: see vfs_server.h. */
int fs_chown(endpoint_t fs, uint32_t ino, uint32_t uid, uint32_t gid,
    struct mess_fs_node *out)
{
	struct mess_fs_node in = { .uid = uid, .gid = gid };
	return attr_call(fs, FS_CHOWN, ino, &in, out);
}

/* fs_utime: see vfs_server.h. */
int fs_utime(endpoint_t fs, uint32_t ino, int now, uint32_t atime,
    uint32_t mtime)
{
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = FS_UTIME;
	m.u.fs_utime.ino = ino;
	m.u.fs_utime.now = now ? 1 : 0;
	m.u.fs_utime.atime = atime;
	m.u.fs_utime.mtime = mtime;
	return fs_call(fs, &m);
}

/* fs_io: see vfs_server.h. */
int fs_io(endpoint_t fs, int type, uint32_t ino, int32_t pos, uint32_t len,
    endpoint_t ep, vir_bytes addr, int32_t *pos_out)
{
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = type;
	m.u.fs_io.ino = ino;
	m.u.fs_io.pos = pos;
	m.u.fs_io.len = len;
	m.u.fs_io.ep = ep;
	m.u.fs_io.addr = addr;
	int r = fs_call(fs, &m);
	if (r >= 0 && pos_out)
		*pos_out = m.u.fs_io.pos;
	return r;
}

/* fs_name_op: FS_UNLINK or FS_RMDIR of NAME in DIR. */
int fs_name_op(endpoint_t fs, int type, uint32_t dir, const char *name)
{
	message m;
	name_msg(&m, type, dir, name);
	return fs_call(fs, &m);
}

/* fs_rename: FS_RENAME of ONAME in ODIR to NNAME in NDIR. */
int fs_rename(endpoint_t fs, uint32_t odir, const char *oname, uint32_t ndir,
    const char *nname)
{
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = FS_RENAME;
	m.u.fs_rename.old_dir = odir;
	m.u.fs_rename.old_name = (vir_bytes) oname;
	m.u.fs_rename.old_len = strlen(oname);
	m.u.fs_rename.new_dir = ndir;
	m.u.fs_rename.new_name = (vir_bytes) nname;
	m.u.fs_rename.new_len = strlen(nname);
	return fs_call(fs, &m);
}
