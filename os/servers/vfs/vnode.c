/* Vnodes: one per file in use (an inode of a file server, shared by
 * everyone who has it open or as working directory), or per pipe; and the
 * root directory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "vfs_server.h"

static struct vnode vnodes[NR_VNODES];
static struct vnode *root;

/* vnode_free_slot: an unused vnode, or NULL. */
static struct vnode *vnode_free_slot(void)
{
	for (int i = 0; i < NR_VNODES; i++)
		if (vnodes[i].refs == 0)
			return &vnodes[i];
	return NULL;
}

/* vnode_from_fs: see vfs_server.h. */
struct vnode *vnode_from_fs(endpoint_t fs, const struct mess_fs_node *n)
{
	for (int i = 0; i < NR_VNODES; i++) {
		struct vnode *vn = &vnodes[i];
		if (vn->refs && !vn->pipe && vn->fs == fs && vn->ino == n->ino) {
			vn->refs++;
			vn->fs_refs++;
			vn->size = n->size;
			vn->mode = n->mode;
			vn->uid = n->uid;
			vn->gid = n->gid;
			return vn;
		}
	}
	struct vnode *vn = vnode_free_slot();
	if (!vn) {
		fs_putnode(fs, n->ino, 1);
		return NULL;
	}
	memset(vn, 0, sizeof(*vn));
	vn->refs = 1;
	vn->fs = fs;
	vn->fs_refs = 1;
	vn->ino = n->ino;
	vn->mode = n->mode;
	vn->uid = n->uid;
	vn->gid = n->gid;
	vn->size = n->size;
	vn->rdev = n->dev;
	return vn;
}

/* vnode_new_pipe: see vfs_server.h. */
struct vnode *vnode_new_pipe(int *err)
{
	struct vnode *vn = vnode_free_slot();
	if (!vn) {
		*err = -ENFILE;
		return NULL;
	}
	struct pipe *pp = calloc(1, sizeof(*pp));
	char *buf = malloc(PIPE_BUF);
	if (!pp || !buf) {
		free(pp);
		free(buf);
		*err = -ENOMEM;
		return NULL;
	}
	memset(vn, 0, sizeof(*vn));
	vn->fs = NONE;
	pp->buf = buf;
	vn->refs = 1;
	vn->mode = S_IFIFO | 0600;
	vn->pipe = pp;
	return vn;
}

/* vnode_new_clone: see vfs_server.h. */
struct vnode *vnode_new_clone(const struct vnode *dev, int minor)
{
	struct vnode *vn = vnode_free_slot();
	if (!vn)
		return NULL;
	memset(vn, 0, sizeof(*vn));
	vn->refs = 1;
	vn->fs = NONE;
	vn->mode = dev->mode;
	vn->uid = dev->uid;
	vn->gid = dev->gid;
	vn->rdev = DEV_MAKE(DEV_MAJOR(dev->rdev), (uint32_t) minor);
	vn->clone_ino = dev->ino;
	return vn;
}

void vnode_ref(struct vnode *vn)
{
	vn->refs++;
}

/* vnode_put: see vfs_server.h. */
void vnode_put(struct vnode *vn)
{
	if (--vn->refs > 0)
		return;
	if (vn->pipe) {
		free(vn->pipe->buf);
		free(vn->pipe);
		vn->pipe = NULL;
	} else if (vn->fs_refs) {
		fs_putnode(vn->fs, vn->ino, vn->fs_refs);
		vn->fs_refs = 0;
	}
}

/* vnode_fs_refs: see vfs_server.h. */
int vnode_fs_refs(endpoint_t fs)
{
	int n = 0;
	for (int i = 0; i < NR_VNODES; i++)
		if (vnodes[i].refs && !vnodes[i].pipe && vnodes[i].fs == fs)
			n += vnodes[i].refs;
	return n;
}

/* vnode_slot: see vfs_server.h. */
struct vnode *vnode_slot(int i)
{
	return &vnodes[i];
}

/* vnode_index: see vfs_server.h. */
int vnode_index(const struct vnode *vn)
{
	vir_bytes a = (vir_bytes) vn, base = (vir_bytes) vnodes;
	if (a < base || a >= base + sizeof(vnodes) ||
	    (a - base) % sizeof(vnodes[0]) != 0)
		return -1;
	return (int) ((a - base) / sizeof(vnodes[0]));
}

/* vnode_is_tty: see vfs_server.h. */
int vnode_is_tty(const struct vnode *vn)
{
	return S_ISCHR(vn->mode) && DEV_MAJOR(vn->rdev) == TTY_MAJOR;
}

/* vfs_root: see vfs_server.h. The first success prints that the root
 * file system is mounted and makes it mount 0; the root vnode is then
 * kept for good. */
struct vnode *vfs_root(void)
{
	static int said;
	if (root)
		return root;
	struct mess_fs_node n;
	int r = fs_lookup(ROOTFS_EP, FS_ROOT_INO, ".", &n);
	if (r != 0) {
		if (!said)
			printf("vfs: cannot reach the root file system (%d)\n", r);
		said = 1;
		return NULL;
	}
	root = vnode_from_fs(ROOTFS_EP, &n);
	if (root)
		mount_init(root);
	if (root)
		printf("vfs: root file system mounted (rootfs)\n");
	return root;
}
