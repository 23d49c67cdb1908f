/* The boot archive: finding the rootfs.cpio data module, reading it in
 * chunks with sys_getmodule and turning its cpio "newc" records into the
 * in-memory tree. */
#include <stdio.h>
#include <string.h>
#include "syslib.h"
#include "rootfs.h"

#define NEWC_HEADER 110          /* "070701" and 13 fields of 8 hex digits */
#define CHUNK (16 * 1024)        /* bytes per sys_getmodule */
#define MAX_MODULES 32

enum { F_INO, F_MODE, F_UID, F_GID, F_NLINK, F_MTIME, F_FILESIZE,
	F_DEVMAJOR, F_DEVMINOR, F_RDEVMAJOR, F_RDEVMINOR, F_NAMESIZE, F_CHECK,
	NR_FIELDS };

static char why_buf[128];

/* fail: record why unpacking stopped (at archive offset OFF); returns -1. */
static int fail(const char **why, uint32_t off, const char *what,
    const char *name)
{
	snprintf(why_buf, sizeof(why_buf), "%s%s%s at byte %u", what,
	    name ? " " : "", name ? name : "", (unsigned) off);
	*why = why_buf;
	return -1;
}

/* parse_hex8: the value of 8 hex digits at S into *V; 0 or -1. */
static int parse_hex8(const char *s, uint32_t *v)
{
	uint32_t x = 0;
	for (int i = 0; i < 8; i++) {
		char c = s[i];
		int d;
		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return -1;
		x = x << 4 | (uint32_t) d;
	}
	*v = x;
	return 0;
}

static uint32_t align4(uint32_t n)
{
	return (n + 3) & ~3u;
}

/* tree_reset: forget everything and make a fresh root (inode 1). */
static void tree_reset(void)
{
	rfs_inodes_init();
	struct rfs_inode *root = rfs_inode_new(S_IFDIR | 0755, 0);
	if (root)
		root->links = 1;
}

/* rfs_empty_root: see rootfs.h. */
void rfs_empty_root(void)
{
	tree_reset();
	struct rfs_inode *root = rfs_inode_get(FS_ROOT_INO);
	if (root) {
		rfs_mkdir_at(root, "dev", 0755);
		rfs_mkdir_at(root, "tmp", 01777);
	}
}

/* walk_parent: the directory that PATH's last component goes into,
 * creating missing directories on the way (mode 755); the last component
 * is left in *LAST. NULL with *WHAT set on a bad path or no memory. */
static struct rfs_inode *walk_parent(char *path, char **last,
    const char **what)
{
	struct rfs_inode *dir = rfs_inode_get(FS_ROOT_INO);
	char *p = path;
	for (;;) {
		char *slash = strchr(p, '/');
		size_t len = slash ? (size_t) (slash - p) : strlen(p);
		if (len == 0 || len > NAME_MAX ||
		    (len == 1 && p[0] == '.') ||
		    (len == 2 && p[0] == '.' && p[1] == '.')) {
			*what = len > NAME_MAX ? "name too long:" : "bad path";
			return NULL;
		}
		if (!slash) {
			*last = p;
			return dir;
		}
		*slash = '\0';
		struct rfs_inode *next =
		    rfs_inode_get(rfs_dir_find(dir, p, len, NULL));
		if (!next)
			next = rfs_mkdir_at(dir, p, 0755);
		*slash = '/';
		if (!next) {
			*what = "out of memory at";
			return NULL;
		}
		if (!S_ISDIR(next->mode)) {
			*what = "parent is not a directory:";
			return NULL;
		}
		dir = next;
		p = slash + 1;
	}
}

/* set_attr: give IP the permission bits, owner and group of the header
 * fields F (its type stays). */
static void set_attr(struct rfs_inode *ip, const uint32_t *f)
{
	ip->mode = (ip->mode & S_IFMT) | (f[F_MODE] & 07777);
	ip->uid = f[F_UID];
	ip->gid = f[F_GID];
}

/* Where the archive's bytes come from: READ over CTX, and MAPPED (the
 * archive in place, or NULL) for the whole pages of files. */
struct source {
	rfs_reader read;
	void *ctx;
	const uint8_t *mapped;
};

/* add_data: the SIZE bytes of IP at archive offset DATA_OFF of SRC: whole
 * pages borrowed when the archive is mapped, else (and the last part
 * page) copied. 0, or -1 with *WHAT set. */
static int add_data(struct rfs_inode *ip, const struct source *src,
    uint32_t data_off, uint32_t size, const char **what)
{
	for (uint32_t at = 0; at < size; at += RFS_PAGE) {
		uint32_t n = size - at < RFS_PAGE ? size - at : RFS_PAGE;
		if (src->mapped && n == RFS_PAGE) {
			if (rfs_data_attach(ip, at / RFS_PAGE,
			    src->mapped + data_off + at) != 0) {
				*what = "out of memory at";
				return -1;
			}
			continue;
		}
		uint8_t *pg = rfs_data_page(ip, at / RFS_PAGE);
		if (!pg) {
			*what = "out of memory at";
			return -1;
		}
		if (src->read(src->ctx, data_off + at, pg, n) != 0) {
			*what = "cannot read the data of";
			return -1;
		}
	}
	return 0;
}

/* add_entry: enter the record NAME (mode F[F_MODE], owner F[F_UID] and
 * group F[F_GID], data at DATA_OFF of SRC) in the tree; directories made
 * on the way to it are root's. 0, or -1 with *WHAT set. */
static int add_entry(char *name, const uint32_t *f, const struct source *src,
    uint32_t data_off, const char **what, uint32_t *files, uint32_t *dirs)
{
	uint32_t mode = f[F_MODE], type = mode & S_IFMT;
	while (name[0] == '/' || (name[0] == '.' && name[1] == '/'))
		name += name[0] == '/' ? 1 : 2;
	while (strlen(name) > 1 && name[strlen(name) - 1] == '/')
		name[strlen(name) - 1] = '\0';
	if (name[0] == '\0' || strcmp(name, ".") == 0) {
		if (type != S_IFDIR) {
			*what = "the root is not a directory:";
			return -1;
		}
		set_attr(rfs_inode_get(FS_ROOT_INO), f);
		return 0;
	}
	char *last;
	struct rfs_inode *dir = walk_parent(name, &last, what);
	if (!dir)
		return -1;
	struct rfs_inode *old = rfs_inode_get(rfs_dir_find(dir, last,
	    strlen(last), NULL));
	if (old) {
		if (type == S_IFDIR && S_ISDIR(old->mode)) {
			set_attr(old, f);
			return 0;
		}
		*what = "duplicate";
		return -1;
	}
	if (type != S_IFDIR && type != S_IFREG && type != S_IFLNK &&
	    type != S_IFCHR && type != S_IFBLK) {
		*what = "unsupported file type:";
		return -1;
	}
	if (type == S_IFDIR) {
		struct rfs_inode *d = rfs_mkdir_at(dir, last, mode);
		if (!d) {
			*what = "out of memory at";
			return -1;
		}
		set_attr(d, f);
		(*dirs)++;
		return 0;
	}
	uint32_t rdev = type == S_IFCHR || type == S_IFBLK ?
	    DEV_MAKE(f[F_RDEVMAJOR] & 0xff, f[F_RDEVMINOR] & 0xff) : 0;
	struct rfs_inode *ip = rfs_inode_new(type | (mode & 07777), rdev);
	if (!ip || rfs_dir_add(dir, last, strlen(last), ip) != 0) {
		if (ip)
			rfs_inode_free(ip);
		*what = "out of memory at";
		return -1;
	}
	set_attr(ip, f);
	(*files)++;
	uint32_t size = f[F_FILESIZE];
	if ((type == S_IFREG || type == S_IFLNK) && size) {
		if (add_data(ip, src, data_off, size, what) != 0)
			return -1;
		ip->size = size;
		rfs_bytes_add((int32_t) size);
	}
	return 0;
}

/* rfs_unpack: see rootfs.h. */
int rfs_unpack(rfs_reader read, void *ctx, const uint8_t *mapped,
    uint32_t size, const char **why, uint32_t *files, uint32_t *dirs)
{
	const struct source src = { read, ctx, mapped };
	char header[NEWC_HEADER];
	char name[PATH_MAX + 1];
	uint32_t f[NR_FIELDS];
	uint32_t off = 0;
	*files = *dirs = 0;
	tree_reset();
	if (!rfs_inode_get(FS_ROOT_INO))
		return fail(why, 0, "out of memory", NULL);
	for (;;) {
		if (size < NEWC_HEADER || off > size - NEWC_HEADER)
			return fail(why, off, "no TRAILER!!! record", NULL);
		if (read(ctx, off, header, NEWC_HEADER) != 0)
			return fail(why, off, "cannot read a header", NULL);
		if (memcmp(header, "070701", 6) != 0 &&
		    memcmp(header, "070702", 6) != 0)
			return fail(why, off, "bad magic", NULL);
		for (int i = 0; i < NR_FIELDS; i++)
			if (parse_hex8(header + 6 + 8 * i, &f[i]) != 0)
				return fail(why, off, "bad header", NULL);
		uint32_t nsize = f[F_NAMESIZE];
		if (nsize == 0 || nsize > sizeof(name) ||
		    nsize > size - off - NEWC_HEADER)
			return fail(why, off, "bad name size", NULL);
		if (read(ctx, off + NEWC_HEADER, name, nsize) != 0)
			return fail(why, off, "cannot read a name", NULL);
		if (name[nsize - 1] != '\0' || strlen(name) != nsize - 1)
			return fail(why, off, "bad name", NULL);
		uint32_t data_off = align4(off + NEWC_HEADER + nsize);
		if (strcmp(name, "TRAILER!!!") == 0)
			return 0;
		if (data_off > size || f[F_FILESIZE] > size - data_off)
			return fail(why, off, "truncated file", name);
		char shown[PATH_MAX + 1];
		memcpy(shown, name, nsize);
		const char *what = NULL;
		if (add_entry(name, f, &src, data_off, &what, files, dirs) != 0)
			return fail(why, off, what, shown);
		off = align4(data_off + f[F_FILESIZE]);
		if (off == 0)
			return fail(why, off, "archive too big", NULL);
	}
}

/* module_read: an rfs_reader over boot module *(int *) CTX: LEN bytes at
 * OFFSET, CHUNK bytes per sys_getmodule. 0, or -1 when it comes short. */
static int module_read(void *ctx, uint32_t offset, void *buf, uint32_t len)
{
	int index = *(int *) ctx;
	uint8_t *p = buf;
	while (len > 0) {
		uint32_t n = len < CHUNK ? len : CHUNK;
		int got = sys_getmodule(index, offset, p, n);
		if (got <= 0)
			return -1;
		p += got;
		offset += (uint32_t) got;
		len -= (uint32_t) got;
	}
	return 0;
}

/* find_archive: the boot-image index of the rootfs.cpio data module (its
 * size in *SIZE), or -1 (a message printed). */
static int find_archive(uint32_t *size)
{
	static struct boot_image_info img[MAX_MODULES];
	int n = sys_getinfo(GET_BOOTIMAGE, SELF, img, sizeof(img));
	if (n < 0) {
		printf("rootfs: cannot list the boot modules (error %d)\n", n);
		return -1;
	}
	for (int i = 0; i < n / (int) sizeof(img[0]); i++) {
		if (strncmp(img[i].name, BOOT_ROOT_ARCHIVE, sizeof(img[i].name))
		    == 0 && img[i].endpoint == NONE) {
			*size = img[i].size;
			return i;
		}
	}
	printf("rootfs: no %s boot module\n", BOOT_ROOT_ARCHIVE);
	return -1;
}

/* memory_read: an rfs_reader over the archive mapped at CTX (its size
 * checked by rfs_unpack): LEN bytes at OFFSET. Always 0. */
static int memory_read(void *ctx, uint32_t offset, void *buf, uint32_t len)
{
	memcpy(buf, (const uint8_t *) ctx + offset, len);
	return 0;
}

/* map_archive: boot module INDEX (SIZE bytes) mapped read-only at
 * RFS_ARCHIVE_AT (the borrow area from then on), or NULL: too big for the
 * window, or the kernel refused (the archive is then copied out with
 * sys_getmodule, as before). A mapping there already (a fresh start in
 * kept memory) is this archive's: nothing else maps there. */
static const uint8_t *map_archive(int index, uint32_t size)
{
	uint32_t len = (size + RFS_PAGE - 1) & ~(RFS_PAGE - 1);
	const uint8_t *at = (const uint8_t *) RFS_ARCHIVE_AT;
	rfs_data_borrow_area(NULL, NULL);
	if (size == 0 || len > RFS_ARCHIVE_MAX)
		return NULL;
	int r = sys_getmodule_map(index, RFS_ARCHIVE_AT, len);
	if (r != 0 && r != -EEXIST)
		return NULL;
	rfs_data_borrow_area(at, at + size);
	return at;
}

/* rfs_load_archive: see rootfs.h. The archive is read in place when it
 * can be mapped (map_archive), else copied out of the module. */
void rfs_load_archive(void)
{
	uint32_t size, files, dirs;
	const char *why;
	int index = find_archive(&size);
	if (index >= 0) {
		const uint8_t *mapped = map_archive(index, size);
		int r = mapped ?
		    rfs_unpack(memory_read, (void *) mapped, mapped, size, &why,
		    &files, &dirs) :
		    rfs_unpack(module_read, &index, NULL, size, &why, &files,
		    &dirs);
		if (r == 0) {
			printf("rootfs: %u files, %u directories, %u KiB from %s\n",
			    (unsigned) files, (unsigned) dirs,
			    (unsigned) ((size + 1023) / 1024), BOOT_ROOT_ARCHIVE);
			return;
		}
		printf("rootfs: bad archive %s: %s\n", BOOT_ROOT_ARCHIVE, why);
	}
	rfs_empty_root();
	printf("rootfs: empty root file system (/dev, /tmp)\n");
}
