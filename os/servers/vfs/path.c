/* Path names: copying them from a process, resolving them component by
 * component through FS_LOOKUP, and the canonical working-directory path
 * getcwd returns. */
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

/* walk: resolve PATH for P. With LAST == NULL the whole path into *OUT;
 * otherwise all but the last component (which goes into LAST, "" when the
 * path has none) and *OUT is the directory holding it. *OUT carries a
 * reference. P's credentials are loaded first (perm_load); every
 * directory a component is looked up in needs search permission
 * (-EACCES). */
static int walk(struct vproc *p, const char *path, struct vnode **out,
    char *last)
{
	struct vnode *root = vfs_root();
	struct vnode *cur = path[0] == '/' ? root : p->cwd;
	char name[NAME_MAX + 1];
	size_t i = 0;
	int r = perm_load(p);
	if (r != 0)
		return r;
	if (!cur)
		return -ENOENT;
	vnode_ref(cur);
	if (last)
		last[0] = '\0';
	for (;;) {
		int len = next_component(path, &i, name);
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
		if (last && is_last(path, i)) {
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
		struct mess_fs_node n;
		r = fs_lookup(cur->ino, name, &n);
		if (r != 0) {
			vnode_put(cur);
			return r;
		}
		struct vnode *next = vnode_from_fs(&n);
		vnode_put(cur);
		if (!next)
			return -ENFILE;
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
	int r = walk(p, path, vn, NULL);
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
	int r = walk(p, path, dir, last);
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

/* path_join: see vfs_server.h. "." is dropped and ".." removes the
 * component before it (the root's parent is the root). */
int path_join(const char *base, const char *path, char *out, size_t size)
{
	char name[NAME_MAX + 1];
	size_t len = 0, i = 0;
	if (path[0] != '/') {
		len = strlen(base);
		if (len >= size)
			return -ENAMETOOLONG;
		memcpy(out, base, len + 1);
		if (len == 1)
			len = 0;            /* base "/": components append to "" */
	}
	out[len] = '\0';
	for (;;) {
		int n = next_component(path, &i, name);
		if (n < 0)
			return n;
		if (n == 0)
			break;
		if (strcmp(name, ".") == 0)
			continue;
		if (strcmp(name, "..") == 0) {
			while (len > 0 && out[len - 1] != '/')
				len--;
			if (len > 0)
				len--;
			out[len] = '\0';
			continue;
		}
		if (len + 1 + (size_t) n >= size)
			return -ENAMETOOLONG;
		out[len++] = '/';
		memcpy(out + len, name, (size_t) n + 1);
		len += (size_t) n;
	}
	if (len == 0)
		strlcpy(out, "/", size);
	return 0;
}
