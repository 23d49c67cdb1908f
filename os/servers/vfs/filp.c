/* Open files: the table shared by every process's descriptors, and what
 * closing the last descriptor of one does (pipe ends, devices). */
#include <string.h>
#include "vfs_server.h"

static struct filp filps[NR_FILPS];

/* filp_new: see vfs_server.h. A pipe counts the new open file as a
 * reader and/or writer by its access mode. */
struct filp *filp_new(struct vnode *vn, int flags)
{
	for (int i = 0; i < NR_FILPS; i++) {
		struct filp *f = &filps[i];
		if (f->refs)
			continue;
		memset(f, 0, sizeof(*f));
		f->refs = 1;
		f->flags = flags;
		f->vn = vn;
		if (vn->pipe) {
			int acc = flags & O_ACCMODE;
			if (acc != O_WRONLY)
				vn->pipe->readers++;
			if (acc != O_RDONLY)
				vn->pipe->writers++;
		}
		return f;
	}
	return NULL;
}

/* filp_put: see vfs_server.h. */
void filp_put(struct filp *f)
{
	if (--f->refs > 0)
		return;
	struct vnode *vn = f->vn;
	if (vn->pipe) {
		int acc = f->flags & O_ACCMODE;
		if (acc != O_WRONLY)
			vn->pipe->readers--;
		if (acc != O_RDONLY)
			vn->pipe->writers--;
		pipe_wakeup(vn);       /* readers see EOF, writers EPIPE */
	} else if (S_ISCHR(vn->mode)) {
		cdev_close(f);
	} else if (S_ISBLK(vn->mode)) {
		bdev_close(f);
	}
	f->vn = NULL;
	vnode_put(vn);
}

/* filp_each: see vfs_server.h. */
void filp_each(void (*fn)(struct filp *f, void *arg), void *arg)
{
	for (int i = 0; i < NR_FILPS; i++)
		if (filps[i].refs)
			fn(&filps[i], arg);
}

/* filp_slot: see vfs_server.h. */
struct filp *filp_slot(int i)
{
	return &filps[i];
}

/* filp_index: see vfs_server.h. */
int filp_index(const struct filp *f)
{
	vir_bytes a = (vir_bytes) f, base = (vir_bytes) filps;
	if (a < base || a >= base + sizeof(filps) ||
	    (a - base) % sizeof(filps[0]) != 0)
		return -1;
	return (int) ((a - base) / sizeof(filps[0]));
}
