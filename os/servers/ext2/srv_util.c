/* What the ext2 server's handlers share: inodes named in requests (nodes
 * VFS holds references to), names copied out of VFS's memory, node
 * replies, and copies to and from a user's memory that stop at the first
 * page that faults. */
#include <string.h>
#include "syslib.h"
#include "srv.h"

#define PAGE 4096u

uint8_t e2s_bounce[E2S_BOUNCE];

/* e2s_node: see srv.h. */
int e2s_node(uint32_t ino, struct ext2_node **out)
{
	struct ext2_node *n = ino ? ext2_find(&e2s_fs, ino) : NULL;
	if (!n)
		return -EINVAL;
	*out = n;
	return 0;
}

/* e2s_dir: see srv.h. */
int e2s_dir(uint32_t ino, struct ext2_node **out)
{
	int r = e2s_node(ino, out);
	if (r == 0 && !S_ISDIR((*out)->d.i_mode))
		return -ENOTDIR;
	return r;
}

/* e2s_get_name: see srv.h. */
int e2s_get_name(endpoint_t from, vir_bytes addr, uint32_t len, char *buf)
{
	if (len > NAME_MAX)
		return -ENAMETOOLONG;
	if (len == 0)
		return -EINVAL;
	int r = sys_vircopy(from, addr, SELF, (vir_bytes) buf, len);
	if (r != 0)
		return r;
	buf[len] = '\0';
	if (strlen(buf) != len || memchr(buf, '/', len))
		return -EINVAL;
	return 0;
}

/* e2s_size32: see srv.h. */
int32_t e2s_size32(uint64_t size)
{
	return size > 0x7fffffffu ? 0x7fffffff : (int32_t) size;
}

/* e2s_node_reply: see srv.h. */
void e2s_node_reply(message *m, const struct ext2_node *n)
{
	struct ext2_stat st;
	ext2_stat(&e2s_fs, n, &st);
	memset(&m->u.fs_node, 0, sizeof(m->u.fs_node));
	m->u.fs_node.ino = st.ino;
	m->u.fs_node.mode = st.mode;
	m->u.fs_node.size = e2s_size32(st.size);
	m->u.fs_node.dev = S_ISCHR(st.mode) || S_ISBLK(st.mode) ? st.rdev : 0;
	m->u.fs_node.uid = st.uid;
	m->u.fs_node.gid = st.gid;
}

/* copy: LEN bytes from (SEP, SADDR) to (DEP, DADDR); USER_ADDR is the
 * user's side, whose pages may fault. As e2s_copy_out. */
static int copy(endpoint_t sep, vir_bytes saddr, endpoint_t dep,
    vir_bytes daddr, uint32_t len, vir_bytes user_addr)
{
	if (len == 0)
		return 0;
	int r = sys_vircopy(sep, saddr, dep, daddr, len);
	if (r == 0)
		return (int) len;
	if (r != -EFAULT)
		return r;
	/* Page by page up to the first page that faults. */
	uint32_t done = 0;
	while (done < len) {
		uint32_t n = PAGE - (uint32_t) ((user_addr + done) % PAGE);
		if (n > len - done)
			n = len - done;
		if (sys_vircopy(sep, saddr + done, dep, daddr + done, n) != 0)
			break;
		done += n;
	}
	return done ? (int) done : -EFAULT;
}

/* e2s_copy_out: see srv.h. */
int e2s_copy_out(const void *buf, endpoint_t ep, vir_bytes addr,
    uint32_t len)
{
	return copy(SELF, (vir_bytes) buf, ep, addr, len, addr);
}

/* e2s_copy_in: see srv.h. */
int e2s_copy_in(endpoint_t ep, vir_bytes addr, void *buf, uint32_t len)
{
	return copy(ep, addr, SELF, (vir_bytes) buf, len, addr);
}
