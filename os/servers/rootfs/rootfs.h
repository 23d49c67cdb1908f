/* The root file system server's one header: the in-memory tree (inodes,
 * directory entries, file data) and every function, grouped by file. */
#ifndef ROOTFS_H
#define ROOTFS_H

#include <abi/types.h>
#include <abi/boot.h>
#include <abi/message.h>
#include <abi/stat.h>
#include <abi/fcntl.h>
#include <abi/errno.h>
#include <abi/dirent.h>

/* st_dev of every file here (the root file system is the only one). */
#define RFS_DEV 1

/* Bytes per page of file data (data.c). */
#define RFS_PAGE 4096u

/* Where the boot archive is mapped, read-only, to be read in place
 * (archive.c): above the heap's limit (the program plus MM_DATA_MAX) and
 * below MM's mappings (from 0x80000000 down from 0xBF000000), at most
 * RFS_ARCHIVE_MAX bytes. A bigger archive is copied out instead. */
#define RFS_ARCHIVE_AT  0x70000000u
#define RFS_ARCHIVE_MAX 0x10000000u

/* One name in a directory. ino 0 marks a free slot; slots never move, so
 * an entry keeps its GETDENTS index while others come and go. */
struct rfs_dirent {
	uint32_t ino;
	char name[NAME_MAX + 1];
};

struct rfs_inode {
	uint32_t ino;
	uint32_t mode;              /* S_IF* | permissions */
	uint32_t uid, gid;          /* owner and group (0: root) */
	uint32_t rdev;              /* device files */
	uint32_t links;             /* names in directories (hard links; a
	                             * directory has at most one) */
	uint32_t refs;              /* references VFS holds (LOOKUP, CREATE) */
	uint32_t mtime, ctime;      /* seconds since boot */
	uint32_t atime;             /* set with mtime, and by FS_UTIME; not by
	                             * reads */
	/* Regular files and symbolic links: the bytes, in RFS_PAGE-byte pages
	 * (data.c). pages[i] holds bytes i * RFS_PAGE on, NULL for a hole
	 * (reads zeros). Invariant: the bytes of a page at or past SIZE are
	 * zero, so a file grown past them reads zeros there. */
	uint8_t **pages;
	uint32_t npages;            /* slots in pages */
	uint32_t size;
	/* Directories: the entries ("." and ".." are implicit) and the
	 * parent (the root is its own parent). */
	struct rfs_dirent *ents;
	uint32_t nents;             /* slots in ents, used or free */
	uint32_t parent;
};

/* ---- inode.c: the inode table ---- */
void rfs_inodes_init(void);
/* rfs_inode_new: a fresh inode of MODE (links 0, refs 0) or NULL. */
struct rfs_inode *rfs_inode_new(uint32_t mode, uint32_t rdev);
/* rfs_inode_get: the live inode INO, or NULL. */
struct rfs_inode *rfs_inode_get(uint32_t ino);
/* rfs_inode_release: free IP if no directory and no reference names it. */
void rfs_inode_release(struct rfs_inode *ip);
void rfs_inode_free(struct rfs_inode *ip);
/* rfs_inode_slots: inode numbers 0 .. this - 1 may be in use. */
uint32_t rfs_inode_slots(void);
uint32_t rfs_inodes_used(void);
uint32_t rfs_bytes_used(void);
void rfs_bytes_add(int32_t delta);
uint32_t rfs_now(void);
void rfs_touch(struct rfs_inode *ip);
/* rfs_inode_size: st_size of IP (directories: one struct dirent per entry, "."
 * and ".." included; devices: 0). */
int32_t rfs_inode_size(const struct rfs_inode *ip);

/* ---- dir.c: directory entries ---- */
/* rfs_dir_find: the inode number NAME (LEN bytes, not "." or "..") has
 * in DIR, or 0. *SLOT (if not NULL) gets the entry's index. */
uint32_t rfs_dir_find(struct rfs_inode *dir, const char *name, uint32_t len,
    uint32_t *slot);
/* rfs_dir_add: enter IP in DIR as NAME; 0 or -ENOSPC. */
int rfs_dir_add(struct rfs_inode *dir, const char *name, uint32_t len,
    struct rfs_inode *ip);
/* rfs_dir_remove: clear slot SLOT of DIR (the inode keeps living while
 * referenced; the caller releases it). */
void rfs_dir_remove(struct rfs_inode *dir, uint32_t slot);
int rfs_dir_empty(const struct rfs_inode *dir);
uint32_t rfs_dir_subdirs(const struct rfs_inode *dir);
/* rfs_mkdir_at: a new directory NAME in DIR with permissions PERM
 * (S_IFDIR is added); NULL when memory runs out. */
struct rfs_inode *rfs_mkdir_at(struct rfs_inode *dir, const char *name,
    uint32_t perm);

/* ---- data.c: file contents ---- */
/* rfs_data_page: page INDEX of IP to write into: the file's own
 * (allocated, zeroed, when missing; a copy when it was borrowed), or NULL
 * when memory runs out. */
uint8_t *rfs_data_page(struct rfs_inode *ip, uint32_t index);
/* rfs_data_attach: page INDEX of IP is the RFS_PAGE bytes at SRC, inside
 * the borrow area, read in place (a full page of the file); 0 or
 * -ENOSPC. */
int rfs_data_attach(struct rfs_inode *ip, uint32_t index, const uint8_t *src);
/* rfs_data_borrow_area: pages in [LO, HI) are borrowed (the boot archive
 * mapped read-only), never written or freed; NULL, NULL for none. */
void rfs_data_borrow_area(const uint8_t *lo, const uint8_t *hi);
/* rfs_data_borrowed: whether page PG (NULL: no) is borrowed. */
int rfs_data_borrowed(const uint8_t *pg);
/* rfs_data_reserve: allocate the pages that bytes [FROM, TO) of IP fall
 * in; 0 or -ENOSPC. */
int rfs_data_reserve(struct rfs_inode *ip, uint32_t from, uint32_t to);
/* rfs_data_copy: copy LEN bytes at offset POS of IP from (TO_FILE 1) or
 * to (TO_FILE 0) EP's memory at ADDR; writing needs the pages reserved.
 * Returns the bytes copied, short when EP's memory ends partway, or
 * -EFAULT when not one byte could be copied. The size is not changed. */
int rfs_data_copy(struct rfs_inode *ip, uint32_t pos, uint32_t len,
    endpoint_t ep, vir_bytes addr, int to_file);
/* rfs_data_resize: set the size to SIZE (zero fill when growing, pages
 * past the end freed when shrinking); 0, or -ENOSPC (nothing changed) when
 * a borrowed page cut in part cannot be copied. */
int rfs_data_resize(struct rfs_inode *ip, uint32_t size);
/* rfs_data_free: free all of IP's pages (the size stays: the caller's). */
void rfs_data_free(struct rfs_inode *ip);
/* rfs_pages_held: pages of file data allocated, all files together (not
 * the borrowed ones). */
uint32_t rfs_pages_held(void);

/* ---- name.c: names from VFS's memory ---- */
/* rfs_get_name: copy the name (ADDR, LEN) of FROM's memory into BUF
 * (NAME_MAX + 1 bytes, NUL-terminated). -ENAMETOOLONG, -EINVAL (empty, or
 * holds '/' or NUL), -EFAULT. */
int rfs_get_name(endpoint_t from, vir_bytes addr, uint32_t len, char *buf);
int rfs_is_dot(const char *name);
int rfs_is_dotdot(const char *name);
/* rfs_get_dir: the live directory inode INO: -EINVAL (no such inode) or
 * -ENOTDIR. */
int rfs_get_dir(uint32_t ino, struct rfs_inode **dir);

/* ---- archive.c: the boot archive ---- */
/* rfs_load_archive: build the tree from the rootfs.cpio boot module and
 * print what it holds; with no archive or a bad one, an empty root with
 * /dev and /tmp. */
void rfs_load_archive(void);
/* rfs_unpack: build the tree from the newc archive read through READ
 * (SIZE bytes). With MAPPED (not NULL: the archive's bytes, inside the
 * borrow area) the whole pages of each file are borrowed from it instead
 * of copied (rfs_data_attach). Returns 0, or -1 with *WHY set and the
 * tree partly built. Counts files, directories. Split from
 * rfs_load_archive for the host tests. */
typedef int (*rfs_reader)(void *ctx, uint32_t offset, void *buf,
    uint32_t len);
int rfs_unpack(rfs_reader read, void *ctx, const uint8_t *mapped,
    uint32_t size, const char **why, uint32_t *files, uint32_t *dirs);
/* rfs_empty_root: reset the tree to an empty root with /dev and /tmp. */
void rfs_empty_root(void);

/* ---- check.c: the kept tree (restart in place, keep-state update) ---- */
/* rfs_check: does the kept tree hold together? 0, or -EINVAL with WHY
 * (LEN bytes) saying what does not (see check.c). An inode nobody names
 * or holds is accepted (a create cut short). */
int rfs_check(char *why, size_t len);
/* rfs_check_repair: free the inodes nobody names or holds (not the
 * root); returns how many. */
int rfs_check_repair(void);
/* rfs_corrupt: the corrupt hook (sef.h, `service fi rootfs corrupt`): the
 * first regular file's link count one too high, so rfs_check refuses the
 * tree. 0, or -ENOENT when there is no regular file. WHAT (LEN bytes)
 * says which inode. */
int rfs_corrupt(char *what, size_t len);

/* ---- table.c: request dispatch ---- */
/* rfs_dispatch: run the handler of M's request; returns the reply code
 * (the handler has written the reply payload into M). */
int rfs_dispatch(message *m);

/* ---- do_node.c ---- */
int do_lookup(message *m);
int do_create(message *m);
int do_putnode(message *m);
/* ---- do_io.c ---- */
int do_read(message *m);
int do_write(message *m);
int do_truncate(message *m);
/* ---- do_dir.c ---- */
int do_getdents(message *m);
int do_unlink(message *m);
int do_rmdir(message *m);
int do_rename(message *m);
int do_link(message *m);
/* ---- do_stat.c ---- */
int do_stat(message *m);
int do_statfs(message *m);
int do_sync(message *m);
/* ---- do_attr.c ---- */
int do_chmod(message *m);
int do_chown(message *m);
int do_utime(message *m);
/* rfs_node_reply: write IP into M's reply payload (mess_fs_node); in
 * do_node.c. */
void rfs_node_reply(message *m, const struct rfs_inode *ip);

#endif
