/* Path names: copying them from a process, resolving them component by
 * component through FS_LOOKUP (across mount points, following symbolic
 * links), and the canonical working-directory path getcwd returns. */
#include <string.h>
#include "syslib.h"
#include "vfs_server.h"

/* path_copy: see vfs_server.h. A path with a NUL inside is -EINVAL. */
int path_copy(endpoint_t ep, vir_bytes addr, uint32_t len, char *buf)
{
	if (len == PATH_LEN_NUL) {
		int n = sys_vircopy_str(ep, addr, buf, PATH_MAX);
		if (n < 0)
			return n;
		return n == 0 ? -ENOENT : 0;
	}
	if (len >= PATH_MAX)
		return -ENAMETOOLONG;
	if (len == 0)
		return -ENOENT;
	int r = sys_vircopy(ep, addr, SELF, (vir_bytes) buf, len);
	if (r != 0)
		return r;
	buf[len] = '\0';
	return strlen(buf) == len ? 0 : -EINVAL;
}

/* path_lookup_user: see vfs_server.h. */
int path_lookup_user(struct vproc *p, vir_bytes addr, uint32_t len,
    char *buf, struct vnode **vn)
{
	int r = path_copy(p->ep, addr, len, buf);
	return r != 0 ? r : path_lookup(p, buf, vn);
}

/* next_component: the component of PATH at *I (slashes skipped) into NAME;
 * *I moves past it. Returns its length (0 at the end) or -ENAMETOOLONG. */
static int next_component(const char *path, size_t *i, char *name)
{
	while (path[*i] == '/')
		(*i)++;
	size_t start = *i;
	while (path[*i] && path[*i] != '/')
		(*i)++;
	size_t len = *i - start;
	if (len > NAME_MAX)
		return -ENAMETOOLONG;
	memcpy(name, path + start, len);
	name[len] = '\0';
	return (int) len;
}

/* is_last: whether nothing but slashes follows position I of PATH. */
static int is_last(const char *path, size_t i)
{
	while (path[i] == '/')
		i++;
	return path[i] == '\0';
}

/* canon_add: append the component NAME to the canonical path CANON
 * (CWD_MAX bytes); ".." removes the last component instead (the root's
 * parent is the root). 0 or -ENAMETOOLONG. */
static int canon_add(char *canon, const char *name)
{
	size_t len = strlen(canon);
	if (strcmp(name, "..") == 0) {
		while (len > 1 && canon[len - 1] != '/')
			len--;
		if (len > 1)
			len--;
		canon[len] = '\0';
		return 0;
	}
	size_t n = strlen(name);
	if (len == 1)
		len = 0;                    /* "/": components append to "" */
	if (len + 1 + n >= CWD_MAX)
		return -ENAMETOOLONG;
	canon[len++] = '/';
	memcpy(canon + len, name, n + 1);
	return 0;
}

/* link_expand: replace the part of BUF (PATH_MAX bytes) up to position I
 * by the contents of the symbolic link LINK: BUF becomes the link's
 * contents, a slash and the rest of the path after I. 0, -ENOENT (an
 * empty link), -ENAMETOOLONG, or the file server's error. */
static int link_expand(struct vnode *link, char *buf, size_t i)
{
	char target[PATH_MAX];
	uint32_t want = link->size > 0 && link->size < PATH_MAX ?
	    (uint32_t) link->size : PATH_MAX - 1;
	int n = fs_io(link->fs, FS_READ, link->ino, 0, want, VFS_EP,
	    (vir_bytes) target, NULL);
	if (n < 0)
		return n;
	if (n == 0)
		return -ENOENT;
	target[n] = '\0';
	size_t rest = strlen(buf + i);
	if ((size_t) n + 1 + rest >= PATH_MAX)
		return -ENAMETOOLONG;
	memmove(buf + n + 1, buf + i, rest + 1);
	memcpy(buf, target, (size_t) n);
	buf[n] = rest ? '/' : '\0';
	return 0;
}

/* path_enter_mounts: see vfs_server.h. */
struct vnode *path_enter_mounts(struct vnode *vn)
{
	struct vmnt *mnt;
	while (vn && (mnt = mount_on(vn)) != NULL) {
		vnode_ref(mnt->root);
		vnode_put(vn);
		vn = mnt->root;
	}
	return vn;
}

/* walk: resolve PATH for P. With LAST == NULL the whole path into *OUT;
 * otherwise all but the last component (which goes into LAST, "" when the
 * path has none) and *OUT is the directory holding it. *OUT carries a
 * reference. P's credentials are loaded first (perm_load); every
 * directory a component is looked up in needs search permission
 * (-EACCES). Symbolic links on the way are followed (relative ones from
 * the link's directory), the last component's only with FOLLOW; at most
 * SYMLOOP_MAX of them (-ELOOP). A directory a file system is mounted on
 * is that file system's root; ".." of a mounted root goes up from the
 * directory it covers. CANON (if not NULL) gets the canonical path. */
static int walk(struct vproc *p, const char *path, struct vnode **out,
    char *last, int follow, char *canon)
{
	struct vnode *root = vfs_root();
	char buf[PATH_MAX], name[NAME_MAX + 1];
	size_t i = 0;
	int links = 0;
	int r = perm_load(p);
	if (r != 0)
		return r;
	if (strlcpy(buf, path, sizeof(buf)) >= sizeof(buf))
		return -ENAMETOOLONG;
	struct vnode *cur = buf[0] == '/' ? root : p->cwd;
	if (!cur)
		return -ENOENT;
	if (canon)
		strlcpy(canon, buf[0] == '/' ? "/" : p->cwd_path, CWD_MAX);
	vnode_ref(cur);
	if (last)
		last[0] = '\0';
	for (;;) {
		int len = next_component(buf, &i, name);
		if (len <= 0) {
			if (len < 0) {
				vnode_put(cur);
				return len;
			}
			break;
		}
		if (!S_ISDIR(cur->mode)) {
			vnode_put(cur);
			return -ENOTDIR;
		}
		if (last && is_last(buf, i)) {
			memcpy(last, name, (size_t) len + 1);
			break;
		}
		r = perm_vnode(p, cur, PERM_X);
		if (r != 0) {
			vnode_put(cur);
			return r;
		}
		if (strcmp(name, ".") == 0 ||
		    (strcmp(name, "..") == 0 && cur == root))
			continue;
		struct vmnt *mnt = strcmp(name, "..") == 0 ?
		    mount_rooted(cur) : NULL;
		if (mnt && mnt->covered) {      /* up out of a mounted root */
			vnode_ref(mnt->covered);
			vnode_put(cur);
			cur = mnt->covered;
		}
		struct mess_fs_node n;
		r = fs_lookup(cur->fs, cur->ino, name, &n);
		if (r != 0) {
			vnode_put(cur);
			return r;
		}
		struct vnode *next = vnode_from_fs(cur->fs, &n);
		if (!next) {
			vnode_put(cur);
			return -ENFILE;
		}
		next = path_enter_mounts(next);
		if (S_ISLNK(next->mode) && (follow || !is_last(buf, i))) {
			r = ++links > SYMLOOP_MAX ? -ELOOP :
			    link_expand(next, buf, i);
			vnode_put(next);
			if (r != 0) {
				vnode_put(cur);
				return r;
			}
			i = 0;
			if (buf[0] == '/') {
				vnode_put(cur);
				cur = root;
				vnode_ref(cur);
				if (canon)
					strlcpy(canon, "/", CWD_MAX);
			}
			continue;
		}
		if (canon && (r = canon_add(canon, name)) != 0) {
			vnode_put(next);
			vnode_put(cur);
			return r;
		}
		vnode_put(cur);
		cur = next;
	}
	*out = cur;
	return 0;
}

/* ends_with_slash: whether PATH has a component and a '/' after it. */
static int ends_with_slash(const char *path)
{
	size_t n = strlen(path);
	return n > 0 && path[n - 1] == '/' && strspn(path, "/") != n;
}

/* path_lookup: see vfs_server.h. A trailing slash needs a directory. */
int path_lookup(struct vproc *p, const char *path, struct vnode **vn)
{
	return path_resolve(p, path, 0, vn, NULL);
}

/* path_resolve: see vfs_server.h. A trailing slash needs a directory
 * (and follows a link). */
int path_resolve(struct vproc *p, const char *path, int nofollow,
    struct vnode **vn, char *canon)
{
	int r = walk(p, path, vn, NULL, !nofollow || ends_with_slash(path),
	    canon);
	if (r == 0 && ends_with_slash(path) && !S_ISDIR((*vn)->mode)) {
		vnode_put(*vn);
		return -ENOTDIR;
	}
	return r;
}

/* path_parent: see vfs_server.h. */
int path_parent(struct vproc *p, const char *path, struct vnode **dir,
    char *last, int *slash)
{
	int r = walk(p, path, dir, last, 0, NULL);
	if (r != 0)
		return r;
	if (!S_ISDIR((*dir)->mode)) {
		vnode_put(*dir);
		return -ENOTDIR;
	}
	if (slash)
		*slash = ends_with_slash(path);
	return 0;
}
