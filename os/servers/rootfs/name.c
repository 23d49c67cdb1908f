/* Names and directories named in requests: copying a name out of VFS's
 * memory and checking it, finding the directory inode a request names. */
#include <string.h>
#include "syslib.h"
#include "rootfs.h"

/* rfs_get_name: see rootfs.h. */
int rfs_get_name(endpoint_t from, vir_bytes addr, uint32_t len, char *buf)
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

int rfs_is_dot(const char *name)
{
	return strcmp(name, ".") == 0;
}

int rfs_is_dotdot(const char *name)
{
	return strcmp(name, "..") == 0;
}

/* rfs_get_dir: see rootfs.h. */
int rfs_get_dir(uint32_t ino, struct rfs_inode **dir)
{
	struct rfs_inode *ip = rfs_inode_get(ino);
	if (!ip)
		return -EINVAL;
	if (!S_ISDIR(ip->mode))
		return -ENOTDIR;
	*dir = ip;
	return 0;
}
