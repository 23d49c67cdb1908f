/* Host test of the rootfs server's request handlers and archive unpacker:
 * built with the host gcc (-m32) from os/servers/rootfs/ (all but main.c)
 * with fake kernel calls, run by os/tests/test_rootfs_host.py.
 * Usage: rootfs_host ARCHIVE [CASE...] (ARCHIVE: a newc archive of
 * os/tests/host/rootfs/test.proto). Its cases run on the test kit
 * (os/tests/kit) in process, in source order, each on the state the one
 * before left: "test NAME: OK|FAILED", then the summary. */
/* The kit first, and the host error numbers (its <errno.h>) that differ
 * from Phoenix's undefined: the server returns Phoenix's
 * (os/include/abi/errno.h, through syslib.h). A new difference stops the
 * build ("redefined"). */
#include "../kit_errno.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "syslib.h"
#include "rootfs.h"
#include "../fake_kernel.h"

/* Fake kernel calls: os/tests/host/fake_kernel.c. */

#define DSZ ((int) sizeof(struct dirent))

/* ---- requests ------------------------------------------------------------ */

static message request(int type)
{
	message m;
	memset(&m, 0, sizeof(m));
	m.m_source = VFS_EP;
	m.m_type = type;
	return m;
}

static int name_req(int type, uint32_t dir, const char *name, uint32_t mode,
    uint32_t dev, struct mess_fs_node *out)
{
	message m = request(type);
	m.u.fs_name.dir = dir;
	m.u.fs_name.name = (vir_bytes) name;
	m.u.fs_name.name_len = strlen(name);
	m.u.fs_name.mode = mode;
	m.u.fs_name.dev = dev;
	int r = rfs_dispatch(&m);
	if (out)
		*out = m.u.fs_node;
	return r;
}

static int lookup(uint32_t dir, const char *name, struct mess_fs_node *out)
{
	return name_req(FS_LOOKUP, dir, name, 0, 0, out);
}

static int create(uint32_t dir, const char *name, uint32_t mode,
    struct mess_fs_node *out)
{
	return name_req(FS_CREATE, dir, name, mode, 0, out);
}

static int putnode(uint32_t ino, uint32_t count)
{
	message m = request(FS_PUTNODE);
	m.u.fs_node.ino = ino;
	m.u.fs_node.count = count;
	return rfs_dispatch(&m);
}

static int io(int type, uint32_t ino, int32_t pos, void *buf, uint32_t len,
    int32_t *pos_out)
{
	message m = request(type);
	m.u.fs_io.ino = ino;
	m.u.fs_io.pos = pos;
	m.u.fs_io.len = len;
	m.u.fs_io.ep = 77;
	m.u.fs_io.addr = (vir_bytes) buf;
	int r = rfs_dispatch(&m);
	if (pos_out)
		*pos_out = m.u.fs_io.pos;
	return r;
}

static int rename_req(uint32_t odir, const char *old, uint32_t ndir,
    const char *new)
{
	message m = request(FS_RENAME);
	m.u.fs_rename.old_dir = odir;
	m.u.fs_rename.old_name = (vir_bytes) old;
	m.u.fs_rename.old_len = strlen(old);
	m.u.fs_rename.new_dir = ndir;
	m.u.fs_rename.new_name = (vir_bytes) new;
	m.u.fs_rename.new_len = strlen(new);
	return rfs_dispatch(&m);
}

/* walk: the inode of absolute PATH (references are put back), or 0. */
static uint32_t walk(const char *path)
{
	char buf[PATH_MAX];
	uint32_t ino = FS_ROOT_INO;
	strlcpy(buf, path, sizeof(buf));
	for (char *p = strtok(buf, "/"); p; p = strtok(NULL, "/")) {
		struct mess_fs_node n;
		if (lookup(ino, p, &n) != 0)
			return 0;
		putnode(n.ino, 1);
		ino = n.ino;
	}
	return ino;
}

static struct stat stat_of(uint32_t ino)
{
	struct stat st;
	memset(&st, 0xee, sizeof(st));
	message m = request(FS_STAT);
	m.u.fs_io.ino = ino;
	m.u.fs_io.addr = (vir_bytes) &st;
	CHECK_EQ(rfs_dispatch(&m), 0);
	return st;
}

/* names: the GETDENTS listing of INO as "a b c" (4 records per call). */
static void names(uint32_t ino, char *out, size_t size)
{
	struct dirent d[4];
	int32_t pos = 0;
	out[0] = '\0';
	for (;;) {
		int r = io(FS_GETDENTS, ino, pos, d, sizeof(d), &pos);
		CHECK(r >= 0 && r % DSZ == 0);
		if (r <= 0)
			return;
		for (int i = 0; i < r / DSZ; i++) {
			if (out[0])
				strncat(out, " ", size - strlen(out) - 1);
			strncat(out, d[i].d_name, size - strlen(out) - 1);
		}
	}
}

/* ---- archive --------------------------------------------------------------- */

struct memfile {
	const uint8_t *data;
	uint32_t size;
};

static int mem_read(void *ctx, uint32_t off, void *buf, uint32_t len)
{
	struct memfile *f = ctx;
	if (off > f->size || len > f->size - off)
		return -1;
	memcpy(buf, f->data + off, len);
	return 0;
}

static struct memfile archive;

TEST(unpack)
{
	const char *why = NULL;
	uint32_t files, dirs;
	int r = rfs_unpack(mem_read, &archive, NULL, archive.size, &why, &files,
	    &dirs);
	if (why)                /* before the check, which ends the case */
		kit_note("%s", why);
	CHECK_EQ(r, 0);
	CHECK_EQ(files, 5);
	CHECK_EQ(dirs, 4);
	CHECK(walk("/bin") != 0);
	CHECK(walk("/tmp") != 0);
	CHECK_EQ(stat_of(walk("/tmp")).st_mode, S_IFDIR | 01777);
	CHECK_EQ(stat_of(FS_ROOT_INO).st_mode, S_IFDIR | 0711);
	struct stat st = stat_of(walk("/dev/null"));
	CHECK_EQ(st.st_mode, S_IFCHR | 0666);
	CHECK_EQ(st.st_rdev, DEV_MAKE(1, 3));
	uint32_t hello = walk("/bin/hello");
	st = stat_of(hello);
	CHECK_EQ(st.st_mode, S_IFREG | 0755);
	CHECK_EQ(st.st_size, 13);
	char buf[64] = "";
	CHECK_EQ(io(FS_READ, hello, 0, buf, sizeof(buf), NULL), 13);
	CHECK(memcmp(buf, "hello, world\n", 13) == 0);
	uint32_t big = walk("/etc/big");
	CHECK_EQ(stat_of(big).st_size, 100000);
	static uint8_t bigbuf[100000];
	CHECK_EQ(io(FS_READ, big, 0, bigbuf, sizeof(bigbuf), NULL), 100000);
	int ok = 1;
	for (int i = 0; i < 100000; i++)
		ok &= bigbuf[i] == (uint8_t) (i * 7);
	CHECK(ok);
	st = stat_of(walk("/etc/empty"));
	CHECK_EQ(st.st_size, 0);
	/* Owners and groups from the archive (root's when not given). */
	CHECK_EQ(st.st_mode, S_IFREG | 04640);
	CHECK_EQ(st.st_uid, 1000);
	CHECK_EQ(st.st_gid, 100);
	st = stat_of(walk("/dev"));
	CHECK_EQ(st.st_uid, 2);
	CHECK_EQ(st.st_gid, 3);
	CHECK_EQ(stat_of(walk("/dev/null")).st_gid, 5);
	CHECK_EQ(stat_of(hello).st_uid, 0);
	CHECK_EQ(stat_of(FS_ROOT_INO).st_uid, 0);
	uint32_t link = walk("/bin/hi");
	CHECK_EQ(stat_of(link).st_mode, S_IFLNK | 0777);
	CHECK_EQ(io(FS_READ, link, 0, buf, sizeof(buf), NULL), 10);
	CHECK(memcmp(buf, "/bin/hello", 10) == 0);
	char list[256];
	names(FS_ROOT_INO, list, sizeof(list));
	CHECK_STR(list, ". .. bin tmp etc dev");
}

/* The archive read in place (rootfs maps the boot module): whole pages
 * are borrowed, never written; a write or a cut gives the file its own
 * copy; the kept-tree check accepts it all. */
TEST(borrowed_pages)
{
	static uint8_t mapped[200000];
	struct memfile f = { mapped, archive.size };
	const char *why = NULL;
	uint32_t files, dirs;
	char chk[128];
	CHECK(archive.size <= sizeof(mapped));
	memcpy(mapped, archive.data, archive.size);
	rfs_data_borrow_area(mapped, mapped + archive.size);
	CHECK_EQ(rfs_unpack(mem_read, &f, mapped, archive.size, &why, &files,
	    &dirs), 0);
	/* /etc/big: 24 whole pages borrowed, its last part page its own; one
	 * page each for /bin/hello and the link. */
	uint32_t big = walk("/etc/big");
	CHECK_EQ(rfs_pages_held(), 3);
	CHECK(rfs_data_borrowed(rfs_inode_get(big)->pages[0]));
	CHECK(!rfs_data_borrowed(rfs_inode_get(big)->pages[24]));
	CHECK_EQ(rfs_check(chk, sizeof(chk)), 0);
	static uint8_t buf[100000];
	CHECK_EQ(io(FS_READ, big, 0, buf, sizeof(buf), NULL), 100000);
	int ok = 1;
	for (int i = 0; i < 100000; i++)
		ok &= buf[i] == (uint8_t) (i * 7);
	CHECK(ok);
	/* A write: page 1 copied, the archive untouched. */
	CHECK_EQ(io(FS_WRITE, big, 5000, "W", 1, NULL), 1);
	CHECK_EQ(rfs_pages_held(), 4);
	CHECK(memcmp(mapped, archive.data, archive.size) == 0);
	CHECK_EQ(io(FS_READ, big, 4999, buf, 3, NULL), 3);
	CHECK(buf[0] == (uint8_t) (4999 * 7) && buf[1] == 'W' &&
	    buf[2] == (uint8_t) (5001 * 7));
	/* A cut inside borrowed page 2: copied, its tail zero, then grown. */
	message m = request(FS_TRUNCATE);
	m.u.fs_io.ino = big;
	m.u.fs_io.pos = 2 * RFS_PAGE + 10;
	CHECK_EQ(rfs_dispatch(&m), 0);
	CHECK_EQ(rfs_pages_held(), 4);   /* page 24 gone, page 2 copied */
	m = request(FS_TRUNCATE);
	m.u.fs_io.ino = big;
	m.u.fs_io.pos = 3 * RFS_PAGE;
	CHECK_EQ(rfs_dispatch(&m), 0);
	CHECK_EQ(io(FS_READ, big, 2 * RFS_PAGE + 9, buf, 3, NULL), 3);
	CHECK(buf[0] == (uint8_t) ((2 * RFS_PAGE + 9) * 7) && buf[1] == 0 &&
	    buf[2] == 0);
	CHECK_EQ(rfs_check(chk, sizeof(chk)), 0);
	CHECK(memcmp(mapped, archive.data, archive.size) == 0);
	/* Removed: only its own pages are freed. */
	CHECK_EQ(name_req(FS_UNLINK, walk("/etc"), "big", 0, 0, NULL), 0);
	CHECK_EQ(rfs_pages_held(), 2);
	CHECK_EQ(rfs_check(chk, sizeof(chk)), 0);
	rfs_empty_root();
	rfs_data_borrow_area(NULL, NULL);
	CHECK_EQ(rfs_pages_held(), 0);
}

TEST(bad_archives)
{
	const char *why;
	uint32_t files, dirs;
	static uint8_t copy[200000];
	struct memfile f = { copy, 0 };
	memcpy(copy, archive.data, archive.size);
	/* Cut short in many places: never a crash, always a reason. */
	for (uint32_t n = 0; n < archive.size; n += 37) {
		f.size = n;
		why = NULL;
		CHECK_EQ(rfs_unpack(mem_read, &f, NULL, n, &why, &files, &dirs), -1);
		CHECK(why != NULL);
	}
	f.size = archive.size;
	copy[0] = 'X';
	CHECK_EQ(rfs_unpack(mem_read, &f, NULL, f.size, &why, &files, &dirs), -1);
	CHECK(strstr(why, "bad magic") != NULL);
	memcpy(copy, archive.data, archive.size);
	copy[20] = 'z';            /* inside the mode field */
	CHECK_EQ(rfs_unpack(mem_read, &f, NULL, f.size, &why, &files, &dirs), -1);
	CHECK(strstr(why, "bad header") != NULL);
	/* Every byte flipped in turn: never a crash. */
	for (uint32_t i = 0; i < 2000 && i < archive.size; i++) {
		memcpy(copy, archive.data, archive.size);
		copy[i] ^= 0x5a;
		rfs_unpack(mem_read, &f, NULL, f.size, &why, &files, &dirs);
	}
	rfs_empty_root();
	char list[256];
	names(FS_ROOT_INO, list, sizeof(list));
	CHECK(strcmp(list, ". .. dev tmp") == 0);
	CHECK_EQ(stat_of(walk("/tmp")).st_mode, S_IFDIR | 01777);
	CHECK_EQ(rfs_inodes_used(), 3);
}

/* ---- protocol ------------------------------------------------------------ */

TEST(lookup_create)
{
	struct mess_fs_node n, d;
	rfs_empty_root();
	CHECK_EQ(lookup(FS_ROOT_INO, ".", &n), 0);
	CHECK_EQ(n.ino, FS_ROOT_INO);
	CHECK_EQ(lookup(FS_ROOT_INO, "..", &n), 0);
	CHECK_EQ(n.ino, FS_ROOT_INO);
	CHECK_EQ(putnode(FS_ROOT_INO, 2), 0);
	CHECK_EQ(lookup(FS_ROOT_INO, "nope", &n), -ENOENT);
	CHECK_EQ(create(FS_ROOT_INO, "f", S_IFREG | 0644, &n), 0);
	CHECK_EQ(n.mode, S_IFREG | 0644);
	CHECK_EQ(n.size, 0);
	CHECK_EQ(create(FS_ROOT_INO, "f", S_IFREG | 0644, NULL), -EEXIST);
	CHECK_EQ(create(FS_ROOT_INO, ".", S_IFDIR | 0755, NULL), -EEXIST);
	CHECK_EQ(create(FS_ROOT_INO, "..", S_IFREG | 0755, NULL), -EEXIST);
	CHECK_EQ(create(FS_ROOT_INO, "p", S_IFIFO | 0644, NULL), -EINVAL);
	CHECK_EQ(lookup(n.ino, "x", NULL), -ENOTDIR);
	CHECK_EQ(create(n.ino, "x", S_IFREG, NULL), -ENOTDIR);
	CHECK_EQ(create(FS_ROOT_INO, "d", S_IFDIR | 0750, &d), 0);
	CHECK_EQ(lookup(d.ino, "..", &n), 0);
	CHECK_EQ(n.ino, FS_ROOT_INO);
	CHECK_EQ(lookup(d.ino, ".", &n), 0);
	CHECK_EQ(n.ino, d.ino);
	CHECK_EQ(name_req(FS_CREATE, d.ino, "tty", S_IFCHR | 0600,
	    DEV_MAKE(4, 0), &n), 0);
	CHECK_EQ(n.dev, DEV_MAKE(4, 0));
	CHECK_EQ(stat_of(n.ino).st_rdev, DEV_MAKE(4, 0));
	/* Names: 59 bytes fit, 60 do not; '/' and empty are invalid. */
	char name[80];
	memset(name, 'n', sizeof(name));
	name[NAME_MAX] = '\0';
	CHECK_EQ(create(FS_ROOT_INO, name, S_IFREG, NULL), 0);
	CHECK_EQ(lookup(FS_ROOT_INO, name, NULL), 0);
	name[NAME_MAX] = 'n';
	name[NAME_MAX + 1] = '\0';
	CHECK_EQ(create(FS_ROOT_INO, name, S_IFREG, NULL), -ENAMETOOLONG);
	CHECK_EQ(lookup(FS_ROOT_INO, name, NULL), -ENAMETOOLONG);
	CHECK_EQ(lookup(FS_ROOT_INO, "a/b", NULL), -EINVAL);
	CHECK_EQ(lookup(FS_ROOT_INO, "", NULL), -EINVAL);
	CHECK_EQ(lookup(999, "x", NULL), -EINVAL);
	message m = request(FS_LOOKUP);
	m.u.fs_name.dir = FS_ROOT_INO;
	m.u.fs_name.name = 16;
	m.u.fs_name.name_len = 3;
	CHECK_EQ(rfs_dispatch(&m), -EFAULT);
	m = request(FS_LOOKUP);
	m.m_source = 1234;
	CHECK_EQ(rfs_dispatch(&m), -EPERM);
	m = request(FS_BASE + 99);
	CHECK_EQ(rfs_dispatch(&m), -ENOSYS);
	CHECK_EQ(putnode(999, 1), -EINVAL);
	CHECK_EQ(putnode(d.ino, 99), -EINVAL);
}

/* attr_req: FS_CHMOD or FS_CHOWN of INO with MODE or UID, GID. */
static int attr_req(int type, uint32_t ino, uint32_t mode, uint32_t uid,
    uint32_t gid, struct mess_fs_node *out)
{
	message m = request(type);
	m.u.fs_node.ino = ino;
	m.u.fs_node.mode = mode;
	m.u.fs_node.uid = uid;
	m.u.fs_node.gid = gid;
	int r = rfs_dispatch(&m);
	if (out)
		*out = m.u.fs_node;
	return r;
}

TEST(owner_and_mode)
{
	struct mess_fs_node n, c;
	rfs_empty_root();
	message m = request(FS_CREATE);
	m.u.fs_name.dir = FS_ROOT_INO;
	m.u.fs_name.name = (vir_bytes) "f";
	m.u.fs_name.name_len = 1;
	m.u.fs_name.mode = S_IFREG | 0640;
	m.u.fs_name.uid = 1000;
	m.u.fs_name.gid = 1001;
	CHECK_EQ(rfs_dispatch(&m), 0);
	n = m.u.fs_node;
	CHECK_EQ(n.uid, 1000);
	CHECK_EQ(n.gid, 1001);
	CHECK_EQ(lookup(FS_ROOT_INO, "f", &c), 0);
	CHECK_EQ(c.uid, 1000);
	CHECK_EQ(c.gid, 1001);
	CHECK_EQ(stat_of(n.ino).st_uid, 1000);
	CHECK_EQ(stat_of(n.ino).st_gid, 1001);
	/* chmod keeps the type and takes only the permission bits. */
	CHECK_EQ(attr_req(FS_CHMOD, n.ino, 04711, 0, 0, &c), 0);
	CHECK_EQ(c.mode, S_IFREG | 04711);
	CHECK_EQ(stat_of(n.ino).st_mode, S_IFREG | 04711);
	CHECK_EQ(attr_req(FS_CHMOD, n.ino, S_IFDIR | 0755, 0, 0, NULL),
	    -EINVAL);
	CHECK_EQ(stat_of(n.ino).st_mode, S_IFREG | 04711);
	CHECK_EQ(attr_req(FS_CHMOD, 999, 0644, 0, 0, NULL), -EINVAL);
	/* chown: FS_KEEP_ID leaves that one as it is. */
	CHECK_EQ(attr_req(FS_CHOWN, n.ino, 0, FS_KEEP_ID, 7, &c), 0);
	CHECK_EQ(c.uid, 1000);
	CHECK_EQ(c.gid, 7);
	CHECK_EQ(attr_req(FS_CHOWN, n.ino, 0, 0, FS_KEEP_ID, &c), 0);
	CHECK_EQ(c.uid, 0);
	CHECK_EQ(c.gid, 7);
	CHECK_EQ(stat_of(n.ino).st_uid, 0);
	CHECK_EQ(stat_of(n.ino).st_gid, 7);
	CHECK_EQ(attr_req(FS_CHOWN, 999, 0, 0, 0, NULL), -EINVAL);
	CHECK_EQ(putnode(n.ino, 2), 0);
}

/* utime_req: FS_UTIME of INO: NOW, or ATIME and MTIME. */
static int utime_req(uint32_t ino, uint32_t now, uint32_t atime,
    uint32_t mtime)
{
	message m = request(FS_UTIME);
	m.u.fs_utime.ino = ino;
	m.u.fs_utime.now = now;
	m.u.fs_utime.atime = atime;
	m.u.fs_utime.mtime = mtime;
	return rfs_dispatch(&m);
}

/* The fake kernel's wall clock (fake_kernel.c's boot time 1700000000
 * plus 1234 ticks at 100 Hz). */
#define FAKE_NOW 1700000012u

TEST(times)
{
	struct mess_fs_node n;
	rfs_empty_root();
	/* The fake kernel's clock: 12 seconds after its boot time
	 * (fake_kernel.c), the wall clock rootfs stamps files with. */
	CHECK_EQ(create(FS_ROOT_INO, "f", S_IFREG | 0644, &n), 0);
	CHECK_EQ(stat_of(n.ino).st_atime, FAKE_NOW);
	CHECK_EQ(stat_of(n.ino).st_mtime, FAKE_NOW);
	CHECK_EQ(stat_of(n.ino).st_ctime, FAKE_NOW);
	CHECK_EQ(utime_req(n.ino, 0, 5, 7), 0);
	CHECK_EQ(stat_of(n.ino).st_atime, 5);
	CHECK_EQ(stat_of(n.ino).st_mtime, 7);
	CHECK_EQ(stat_of(n.ino).st_ctime, FAKE_NOW);
	CHECK_EQ(utime_req(n.ino, 1, 5, 7), 0);
	CHECK_EQ(stat_of(n.ino).st_atime, FAKE_NOW);
	CHECK_EQ(stat_of(n.ino).st_mtime, FAKE_NOW);
	CHECK_EQ(utime_req(n.ino, 0, 3, 4), 0);
	/* A write sets every time to now; a read none. */
	CHECK_EQ(io(FS_WRITE, n.ino, 0, "ab", 2, NULL), 2);
	CHECK_EQ(stat_of(n.ino).st_atime, FAKE_NOW);
	CHECK_EQ(stat_of(n.ino).st_mtime, FAKE_NOW);
	CHECK_EQ(utime_req(n.ino, 0, 3, 4), 0);
	char buf[4];
	CHECK_EQ(io(FS_READ, n.ino, 0, buf, 2, NULL), 2);
	CHECK_EQ(stat_of(n.ino).st_atime, 3);
	CHECK_EQ(utime_req(999, 1, 0, 0), -EINVAL);
	CHECK_EQ(putnode(n.ino, 1), 0);
}

TEST(read_write)
{
	struct mess_fs_node n;
	char buf[300];
	rfs_empty_root();
	CHECK_EQ(create(FS_ROOT_INO, "f", S_IFREG | 0644, &n), 0);
	CHECK_EQ(io(FS_WRITE, n.ino, 0, "abcdef", 6, NULL), 6);
	CHECK_EQ(io(FS_READ, n.ino, 2, buf, 100, NULL), 4);
	CHECK(memcmp(buf, "cdef", 4) == 0);
	CHECK_EQ(io(FS_READ, n.ino, 6, buf, 100, NULL), 0);
	CHECK_EQ(io(FS_READ, n.ino, 1000, buf, 100, NULL), 0);
	CHECK_EQ(io(FS_READ, n.ino, -1, buf, 100, NULL), -EINVAL);
	/* A write past the end leaves a hole of zeros. */
	CHECK_EQ(io(FS_WRITE, n.ino, 200, "Z", 1, NULL), 1);
	CHECK_EQ(stat_of(n.ino).st_size, 201);
	memset(buf, 'x', sizeof(buf));
	CHECK_EQ(io(FS_READ, n.ino, 0, buf, sizeof(buf), NULL), 201);
	int zeros = 1;
	for (int i = 6; i < 200; i++)
		zeros &= buf[i] == 0;
	CHECK(zeros && buf[200] == 'Z');
	/* EFAULT changes nothing; the bytes past the end stay zero. */
	CHECK_EQ(io(FS_WRITE, n.ino, 300, (void *) 16, 10, NULL), -EFAULT);
	CHECK_EQ(stat_of(n.ino).st_size, 201);
	CHECK_EQ(io(FS_READ, n.ino, 0, (void *) 16, 10, NULL), -EFAULT);
	CHECK_EQ(io(FS_WRITE, n.ino, 400, "Q", 1, NULL), 1);
	CHECK_EQ(io(FS_READ, n.ino, 300, buf, 10, NULL), 10);
	CHECK(memcmp(buf, "\0\0\0\0\0\0\0\0\0\0", 10) == 0);
	/* Truncate down then up: the cut bytes come back as zeros. */
	message m = request(FS_TRUNCATE);
	m.u.fs_io.ino = n.ino;
	m.u.fs_io.pos = 3;
	CHECK_EQ(rfs_dispatch(&m), 0);
	CHECK_EQ(stat_of(n.ino).st_size, 3);
	m.u.fs_io.pos = 10;
	CHECK_EQ(rfs_dispatch(&m), 0);
	CHECK_EQ(io(FS_READ, n.ino, 0, buf, sizeof(buf), NULL), 10);
	CHECK(memcmp(buf, "abc\0\0\0\0\0\0\0", 10) == 0);
	m.u.fs_io.pos = -5;
	CHECK_EQ(rfs_dispatch(&m), -EINVAL);
	m.u.fs_io.pos = 0;
	m.u.fs_io.ino = FS_ROOT_INO;
	CHECK_EQ(rfs_dispatch(&m), -EISDIR);
	CHECK_EQ(io(FS_READ, FS_ROOT_INO, 0, buf, 10, NULL), -EISDIR);
	CHECK_EQ(io(FS_WRITE, FS_ROOT_INO, 0, buf, 10, NULL), -EISDIR);
	CHECK_EQ(io(FS_WRITE, n.ino, 0x7fffffff, buf, 10, NULL), -EINVAL);
	/* Many appends of odd sizes. */
	static uint8_t big[70000], back[70000];
	for (unsigned i = 0; i < sizeof(big); i++)
		big[i] = (uint8_t) (i * 13 + 1);
	struct mess_fs_node g;
	CHECK_EQ(create(FS_ROOT_INO, "g", S_IFREG | 0644, &g), 0);
	uint32_t pos = 0;
	for (uint32_t step = 1; pos < sizeof(big); step = step * 3 + 1) {
		uint32_t k = step < sizeof(big) - pos ? step : sizeof(big) - pos;
		CHECK_EQ(io(FS_WRITE, g.ino, pos, big + pos, k, NULL), k);
		pos += k;
	}
	CHECK_EQ(io(FS_READ, g.ino, 0, back, sizeof(back), NULL), sizeof(back));
	CHECK(memcmp(big, back, sizeof(big)) == 0);
	CHECK_EQ(rfs_bytes_used(), 10 + 70000);
	/* statfs: 4 KiB blocks over rootfs's heap, the pages held taken. */
	struct statfs sf;
	memset(&sf, 0xee, sizeof(sf));
	CHECK_EQ(io(FS_STATFS, FS_ROOT_INO, 0, &sf, sizeof(sf), NULL), 0);
	CHECK_EQ(sf.f_bsize, RFS_PAGE);
	CHECK_EQ(sf.f_blocks, MM_DATA_MAX / RFS_PAGE);
	CHECK_EQ(sf.f_bfree, sf.f_blocks - rfs_pages_held());
	CHECK_EQ(sf.f_bavail, sf.f_bfree);
	CHECK_EQ(rfs_pages_held(), 1 + 18);           /* f: 10 B, g: 70000 B */
	CHECK_EQ(sf.f_files, 5);
	CHECK_EQ(sf.f_ffree, 0);
	CHECK_EQ(sf.f_flags, 0);
	CHECK_EQ(sf.f_dev, 0);
	CHECK_STR(sf.f_type, "rootfs");
	CHECK_EQ(io(FS_STATFS, FS_ROOT_INO, 0, (void *) 16, sizeof(sf),
	    NULL), -EFAULT);
	/* sync: nothing to write back. */
	m = request(FS_SYNC);
	CHECK_EQ(rfs_dispatch(&m), 0);
}

TEST(unlink_rmdir)
{
	struct mess_fs_node f, d, g;
	char buf[16], list[256];
	rfs_empty_root();
	CHECK_EQ(create(FS_ROOT_INO, "f", S_IFREG | 0644, &f), 0);
	CHECK_EQ(io(FS_WRITE, f.ino, 0, "data", 4, NULL), 4);
	CHECK_EQ(name_req(FS_UNLINK, FS_ROOT_INO, "f", 0, 0, NULL), 0);
	CHECK_EQ(lookup(FS_ROOT_INO, "f", NULL), -ENOENT);
	/* Still referenced: readable until the last reference goes. */
	CHECK_EQ(io(FS_READ, f.ino, 0, buf, 16, NULL), 4);
	CHECK_EQ(stat_of(f.ino).st_nlink, 0);
	CHECK_EQ(rfs_inodes_used(), 4);
	CHECK_EQ(putnode(f.ino, 1), 0);
	CHECK_EQ(rfs_inodes_used(), 3);
	CHECK_EQ(io(FS_READ, f.ino, 0, buf, 16, NULL), -EINVAL);
	CHECK_EQ(name_req(FS_UNLINK, FS_ROOT_INO, "f", 0, 0, NULL), -ENOENT);
	CHECK_EQ(name_req(FS_UNLINK, FS_ROOT_INO, "tmp", 0, 0, NULL), -EISDIR);
	CHECK_EQ(name_req(FS_UNLINK, FS_ROOT_INO, ".", 0, 0, NULL), -EISDIR);
	CHECK_EQ(create(FS_ROOT_INO, "d", S_IFDIR | 0755, &d), 0);
	CHECK_EQ(create(d.ino, "g", S_IFREG | 0644, &g), 0);
	CHECK_EQ(putnode(g.ino, 1), 0);
	CHECK_EQ(name_req(FS_RMDIR, FS_ROOT_INO, "d", 0, 0, NULL), -ENOTEMPTY);
	CHECK_EQ(name_req(FS_RMDIR, d.ino, "g", 0, 0, NULL), -ENOTDIR);
	CHECK_EQ(name_req(FS_RMDIR, d.ino, ".", 0, 0, NULL), -EINVAL);
	CHECK_EQ(name_req(FS_RMDIR, d.ino, "..", 0, 0, NULL), -ENOTEMPTY);
	CHECK_EQ(name_req(FS_RMDIR, FS_ROOT_INO, "zz", 0, 0, NULL), -ENOENT);
	CHECK_EQ(name_req(FS_UNLINK, d.ino, "g", 0, 0, NULL), 0);
	CHECK_EQ(name_req(FS_RMDIR, FS_ROOT_INO, "d", 0, 0, NULL), 0);
	/* A removed directory still referenced: empty, nothing created in
	 * it, ".." gone. */
	names(d.ino, list, sizeof(list));
	CHECK_EQ(list[0], '\0');
	CHECK_EQ(create(d.ino, "new", S_IFREG, NULL), -ENOENT);
	CHECK_EQ(lookup(d.ino, "..", NULL), -ENOENT);
	CHECK_EQ(stat_of(d.ino).st_nlink, 0);
	CHECK_EQ(putnode(d.ino, 1), 0);
	CHECK_EQ(rfs_inodes_used(), 3);
	/* Slots are reused, listing order follows the slots. */
	CHECK_EQ(create(FS_ROOT_INO, "a", S_IFREG, NULL), 0);
	CHECK_EQ(create(FS_ROOT_INO, "b", S_IFREG, NULL), 0);
	CHECK_EQ(name_req(FS_UNLINK, FS_ROOT_INO, "a", 0, 0, NULL), 0);
	names(FS_ROOT_INO, list, sizeof(list));
	CHECK(strcmp(list, ". .. dev tmp b") == 0);
	CHECK_EQ(stat_of(FS_ROOT_INO).st_nlink, 4);
}

TEST(getdents)
{
	char name[16], list[4096];
	struct dirent d[3];
	int32_t pos;
	rfs_empty_root();
	for (int i = 0; i < 40; i++) {
		snprintf(name, sizeof(name), "f%02d", i);
		CHECK_EQ(create(FS_ROOT_INO, name, S_IFREG, NULL), 0);
	}
	names(FS_ROOT_INO, list, sizeof(list));
	CHECK(strncmp(list, ". .. dev tmp f00 f01 ", 21) == 0);
	CHECK(strstr(list, "f39") != NULL);
	CHECK_EQ(io(FS_GETDENTS, FS_ROOT_INO, 0, d, DSZ - 1, &pos), -EINVAL);
	CHECK_EQ(io(FS_GETDENTS, FS_ROOT_INO, -1, d, DSZ, &pos), -EINVAL);
	CHECK_EQ(io(FS_GETDENTS, FS_ROOT_INO, 0, (void *) 16, DSZ, &pos), -EFAULT);
	CHECK_EQ(io(FS_GETDENTS, FS_ROOT_INO, 0, d, 3 * DSZ, &pos), 3 * DSZ);
	CHECK_EQ(pos, 3);
	CHECK(strcmp(d[0].d_name, ".") == 0 && d[0].d_type == DT_DIR);
	CHECK(strcmp(d[1].d_name, "..") == 0 && d[1].d_ino == FS_ROOT_INO);
	CHECK(strcmp(d[2].d_name, "dev") == 0);
	CHECK_EQ(io(FS_GETDENTS, FS_ROOT_INO, pos, d, DSZ, &pos), DSZ);
	CHECK(strcmp(d[0].d_name, "tmp") == 0);
	CHECK_EQ(io(FS_GETDENTS, FS_ROOT_INO, 1000, d, DSZ, &pos), 0);
	uint32_t f = walk("/f00");
	CHECK_EQ(io(FS_GETDENTS, f, 0, d, DSZ, &pos), -ENOTDIR);
	/* Removing entries while listing: the rest keep their index. */
	CHECK_EQ(io(FS_GETDENTS, FS_ROOT_INO, 0, d, 3 * DSZ, &pos), 3 * DSZ);
	CHECK_EQ(name_req(FS_UNLINK, FS_ROOT_INO, "f00", 0, 0, NULL), 0);
	CHECK_EQ(io(FS_GETDENTS, FS_ROOT_INO, pos, d, 2 * DSZ, &pos), 2 * DSZ);
	CHECK(strcmp(d[0].d_name, "tmp") == 0);
	CHECK(strcmp(d[1].d_name, "f01") == 0);
	CHECK_EQ(d[1].d_type, DT_REG);
}

TEST(rename)
{
	struct mess_fs_node a, b, d, e;
	char buf[16];
	rfs_empty_root();
	CHECK_EQ(create(FS_ROOT_INO, "a", S_IFREG | 0644, &a), 0);
	CHECK_EQ(io(FS_WRITE, a.ino, 0, "AAA", 3, NULL), 3);
	CHECK_EQ(create(FS_ROOT_INO, "b", S_IFREG | 0644, &b), 0);
	CHECK_EQ(io(FS_WRITE, b.ino, 0, "B", 1, NULL), 1);
	CHECK_EQ(create(FS_ROOT_INO, "d", S_IFDIR | 0755, &d), 0);
	CHECK_EQ(create(d.ino, "e", S_IFDIR | 0755, &e), 0);
	/* Same directory, new name. */
	CHECK_EQ(rename_req(FS_ROOT_INO, "a", FS_ROOT_INO, "c"), 0);
	CHECK_EQ(lookup(FS_ROOT_INO, "a", NULL), -ENOENT);
	CHECK_EQ(walk("/c"), a.ino);
	/* Over an existing file: the old target lives while referenced. */
	CHECK_EQ(rename_req(FS_ROOT_INO, "c", FS_ROOT_INO, "b"), 0);
	CHECK_EQ(walk("/b"), a.ino);
	CHECK_EQ(walk("/c"), 0);
	CHECK_EQ(io(FS_READ, b.ino, 0, buf, 16, NULL), 1);
	CHECK_EQ(putnode(b.ino, 1), 0);
	CHECK_EQ(io(FS_READ, b.ino, 0, buf, 16, NULL), -EINVAL);
	/* Onto itself: nothing happens. */
	CHECK_EQ(rename_req(FS_ROOT_INO, "b", FS_ROOT_INO, "b"), 0);
	CHECK_EQ(walk("/b"), a.ino);
	/* Into another directory. */
	CHECK_EQ(rename_req(FS_ROOT_INO, "b", e.ino, "x"), 0);
	CHECK_EQ(walk("/d/e/x"), a.ino);
	/* A directory moves, its ".." follows. */
	CHECK_EQ(rename_req(d.ino, "e", FS_ROOT_INO, "e2"), 0);
	struct mess_fs_node up;
	CHECK_EQ(lookup(e.ino, "..", &up), 0);
	CHECK_EQ(up.ino, FS_ROOT_INO);
	/* Into its own subtree, or onto itself through ".". */
	CHECK_EQ(rename_req(FS_ROOT_INO, "d", d.ino, "inside"), -EINVAL);
	CHECK_EQ(rename_req(FS_ROOT_INO, "e2", e.ino, "self"), -EINVAL);
	CHECK_EQ(rename_req(FS_ROOT_INO, ".", d.ino, "x"), -EINVAL);
	CHECK_EQ(rename_req(FS_ROOT_INO, "d", d.ino, ".."), -EINVAL);
	/* Type clashes and non-empty targets. */
	CHECK_EQ(rename_req(e.ino, "x", FS_ROOT_INO, "d"), -EISDIR);
	CHECK_EQ(create(FS_ROOT_INO, "file", S_IFREG, NULL), 0);
	CHECK_EQ(rename_req(FS_ROOT_INO, "d", FS_ROOT_INO, "file"), -ENOTDIR);
	CHECK_EQ(rename_req(FS_ROOT_INO, "d", FS_ROOT_INO, "e2"), -ENOTEMPTY);
	CHECK_EQ(rename_req(FS_ROOT_INO, "nope", FS_ROOT_INO, "x"), -ENOENT);
	CHECK_EQ(rename_req(FS_ROOT_INO, "d", walk("/file"), "x"), -ENOTDIR);
	/* A directory over an empty directory. */
	CHECK_EQ(rename_req(FS_ROOT_INO, "e2", FS_ROOT_INO, "d"), 0);
	CHECK_EQ(walk("/d"), e.ino);
	CHECK_EQ(walk("/d/x"), a.ino);
	CHECK_EQ(walk("/e2"), 0);
}

/* Hard links (FS_LINK): a second name counts in st_nlink, unlinking one
 * name keeps the data, the last name and the last reference free it;
 * directories cannot be linked, taken names and removed files neither. */
static int link_req(uint32_t dir, const char *name, uint32_t ino)
{
	message m = request(FS_LINK);
	m.u.fs_name.dir = dir;
	m.u.fs_name.name = (vir_bytes) name;
	m.u.fs_name.name_len = strlen(name);
	m.u.fs_name.ino = ino;
	return rfs_dispatch(&m);
}

TEST(link)
{
	struct mess_fs_node f, d;
	char buf[8];
	CHECK_EQ(create(FS_ROOT_INO, "ln1", S_IFREG | 0644, &f), 0);
	CHECK_EQ(io(FS_WRITE, f.ino, 0, "linked", 6, NULL), 6);
	CHECK_EQ(create(FS_ROOT_INO, "lndir", S_IFDIR | 0755, &d), 0);
	CHECK_EQ(link_req(d.ino, "ln2", f.ino), 0);
	CHECK_EQ(walk("/lndir/ln2"), f.ino);
	CHECK_EQ(stat_of(f.ino).st_nlink, 2);
	/* Errors: a taken name, ".", a directory, no such inode. */
	CHECK_EQ(link_req(FS_ROOT_INO, "ln1", f.ino), -EEXIST);
	CHECK_EQ(link_req(FS_ROOT_INO, "lndir", f.ino), -EEXIST);
	CHECK_EQ(link_req(d.ino, ".", f.ino), -EEXIST);
	CHECK_EQ(link_req(FS_ROOT_INO, "dlink", d.ino), -EPERM);
	CHECK_EQ(link_req(FS_ROOT_INO, "none", 9999), -ENOENT);
	CHECK_EQ(link_req(f.ino, "x", f.ino), -ENOTDIR);
	/* Unlinking the first name keeps the file under the second. */
	CHECK_EQ(name_req(FS_UNLINK, FS_ROOT_INO, "ln1", 0, 0, NULL), 0);
	CHECK_EQ(stat_of(f.ino).st_nlink, 1);
	CHECK_EQ(io(FS_READ, walk("/lndir/ln2"), 0, buf, sizeof(buf), NULL), 6);
	CHECK(memcmp(buf, "linked", 6) == 0);
	/* Renaming one name of a file onto another name of it: nothing. */
	CHECK_EQ(link_req(FS_ROOT_INO, "ln3", f.ino), 0);
	CHECK_EQ(rename_req(FS_ROOT_INO, "ln3", d.ino, "ln2"), 0);
	CHECK_EQ(stat_of(f.ino).st_nlink, 2);
	/* Renaming a name keeps the count. */
	CHECK_EQ(rename_req(FS_ROOT_INO, "ln3", FS_ROOT_INO, "ln4"), 0);
	CHECK_EQ(stat_of(f.ino).st_nlink, 2);
	/* Both names gone: the inode lives while referenced, and a removed
	 * file gets no new name. */
	CHECK_EQ(name_req(FS_UNLINK, FS_ROOT_INO, "ln4", 0, 0, NULL), 0);
	CHECK_EQ(name_req(FS_UNLINK, d.ino, "ln2", 0, 0, NULL), 0);
	CHECK_EQ(stat_of(f.ino).st_nlink, 0);
	CHECK_EQ(link_req(FS_ROOT_INO, "back", f.ino), -ENOENT);
	CHECK_EQ(putnode(f.ino, 1), 0);
	CHECK(rfs_inode_get(f.ino) == NULL);
	CHECK_EQ(putnode(d.ino, 1), 0);
}

/* symlink_req: FS_CREATE of the symbolic link NAME in DIR holding TARGET
 * (LEN bytes). */
static int symlink_req(uint32_t dir, const char *name, const char *target,
    uint32_t len, struct mess_fs_node *out)
{
	message m = request(FS_CREATE);
	m.u.fs_name.dir = dir;
	m.u.fs_name.name = (vir_bytes) name;
	m.u.fs_name.name_len = strlen(name);
	m.u.fs_name.mode = S_IFLNK | 0777;
	m.u.fs_name.uid = 1000;
	m.u.fs_name.gid = 100;
	m.u.fs_name.target = (vir_bytes) target;
	m.u.fs_name.target_len = len;
	int r = rfs_dispatch(&m);
	if (out)
		*out = m.u.fs_node;
	return r;
}

/* symlinks: FS_CREATE of S_IFLNK keeps the contents (FS_READ reads them,
 * st_size is their length); an empty or overlong target, a bad address,
 * a taken name are refused and leave no inode behind. */
TEST(symlinks)
{
	struct mess_fs_node l;
	char buf[64];
	static char big[PATH_MAX + 1];
	uint32_t before = rfs_inodes_used();
	CHECK_EQ(symlink_req(FS_ROOT_INO, "sl", "../etc/x", 8, &l), 0);
	CHECK_EQ(l.mode, S_IFLNK | 0777);
	CHECK_EQ(l.size, 8);
	struct stat st = stat_of(l.ino);
	CHECK_EQ(st.st_mode, S_IFLNK | 0777);
	CHECK_EQ(st.st_size, 8);
	CHECK_EQ(st.st_uid, 1000);
	CHECK_EQ(st.st_nlink, 1);
	CHECK_EQ(io(FS_READ, l.ino, 0, buf, sizeof(buf), NULL), 8);
	CHECK(memcmp(buf, "../etc/x", 8) == 0);
	CHECK_EQ(io(FS_READ, l.ino, 0, buf, 3, NULL), 3);
	CHECK_EQ(putnode(l.ino, 1), 0);
	CHECK_EQ(walk("/sl"), l.ino);
	CHECK_EQ(symlink_req(FS_ROOT_INO, "sl", "y", 1, NULL), -EEXIST);
	CHECK_EQ(symlink_req(FS_ROOT_INO, "s2", "", 0, NULL), -ENOENT);
	memset(big, 'a', PATH_MAX);
	CHECK_EQ(symlink_req(FS_ROOT_INO, "s2", big, PATH_MAX, NULL),
	    -ENAMETOOLONG);
	CHECK_EQ(symlink_req(FS_ROOT_INO, "s2", big, PATH_MAX - 1, &l), 0);
	CHECK_EQ(putnode(l.ino, 1), 0);
	CHECK_EQ(stat_of(walk("/s2")).st_size, PATH_MAX - 1);
	CHECK_EQ(symlink_req(FS_ROOT_INO, "s3", (const char *) 16, 4,
	    NULL), -EFAULT);
	CHECK_EQ(walk("/s3"), 0);
	CHECK_EQ(name_req(FS_UNLINK, FS_ROOT_INO, "sl", 0, 0, NULL), 0);
	CHECK_EQ(name_req(FS_UNLINK, FS_ROOT_INO, "s2", 0, 0, NULL), 0);
	CHECK_EQ(rfs_inodes_used(), before);
}

/* File data costs its size in pages, not twice it: 60 MiB written in
 * 1 MiB pieces hold exactly 60 MiB of pages, within rootfs's 64 MiB
 * budget (MM_DATA_MAX). The old doubling buffer needed a 64 MiB block
 * (while still holding the 32 MiB one it grew from) past 32 MiB and so
 * failed with ENOSPC at about 33 MB. A write far past the end holds one
 * page; cutting a file frees its pages. */
TEST(pages_no_doubling)
{
	enum { MIB = 1024 * 1024, FILE_MIB = 60 };
	static uint8_t chunk[MIB];
	struct mess_fs_node f, g;
	uint32_t before = rfs_pages_held();
	CHECK_EQ(create(FS_ROOT_INO, "big", S_IFREG | 0644, &f), 0);
	for (int i = 0; i < FILE_MIB; i++) {
		memset(chunk, 'a' + i % 26, sizeof(chunk));
		CHECK_EQ(io(FS_WRITE, f.ino, i * MIB, chunk, MIB, NULL), MIB);
	}
	CHECK_EQ(stat_of(f.ino).st_size, FILE_MIB * MIB);
	CHECK_EQ(rfs_pages_held() - before, FILE_MIB * MIB / RFS_PAGE);
	uint8_t b[3];
	CHECK_EQ(io(FS_READ, f.ino, 39 * MIB - 1, b, 3, NULL), 3);
	CHECK(b[0] == 'a' + 38 % 26 && b[1] == 'a' + 39 % 26 &&
	    b[2] == 'a' + 39 % 26);
	/* Cut to one page and a byte: two pages stay, the tail reads zero
	 * when the file grows again. */
	message m = request(FS_TRUNCATE);
	m.u.fs_io.ino = f.ino;
	m.u.fs_io.pos = RFS_PAGE + 1;
	CHECK_EQ(rfs_dispatch(&m), 0);
	CHECK_EQ(rfs_pages_held() - before, 2);
	m = request(FS_TRUNCATE);
	m.u.fs_io.ino = f.ino;
	m.u.fs_io.pos = RFS_PAGE + 3;
	CHECK_EQ(rfs_dispatch(&m), 0);
	CHECK_EQ(io(FS_READ, f.ino, RFS_PAGE, b, 3, NULL), 3);
	CHECK(b[0] == 'a' && b[1] == 0 && b[2] == 0);
	/* A sparse file: one page for a byte at 30 MiB, zeros before it. */
	CHECK_EQ(create(FS_ROOT_INO, "sparse", S_IFREG | 0644, &g), 0);
	CHECK_EQ(io(FS_WRITE, g.ino, 30 * MIB, "s", 1, NULL), 1);
	CHECK_EQ(rfs_pages_held() - before, 3);
	CHECK_EQ(io(FS_READ, g.ino, 30 * MIB - 2, b, 3, NULL), 3);
	CHECK(b[0] == 0 && b[1] == 0 && b[2] == 's');
	/* Empty files hold nothing. */
	m = request(FS_TRUNCATE);
	m.u.fs_io.ino = f.ino;
	m.u.fs_io.pos = 0;
	CHECK_EQ(rfs_dispatch(&m), 0);
	CHECK_EQ(name_req(FS_UNLINK, FS_ROOT_INO, "sparse", 0, 0, NULL), 0);
	CHECK_EQ(putnode(g.ino, 1), 0);
	CHECK_EQ(rfs_pages_held(), before);
	CHECK_EQ(name_req(FS_UNLINK, FS_ROOT_INO, "big", 0, 0, NULL), 0);
	CHECK_EQ(putnode(f.ino, 1), 0);
}

/* kept_check: the check a restart in place runs on the kept tree
 * (check.c): the tree every case before built passes; a link count, a
 * byte past the end, an entry naming no inode, a total that is off fail;
 * an inode nobody names or holds (a create cut short) passes and
 * rfs_check_repair frees it; the corrupt hook's damage is caught. */
TEST(kept_check)
{
	char why[128];
	struct mess_fs_node f;
	why[0] = '\0';
	int r = rfs_check(why, sizeof(why));
	if (r != 0)                /* before the check, which ends the case */
		kit_note("%s", why);
	CHECK_EQ(r, 0);
	CHECK_EQ(create(FS_ROOT_INO, "kept", S_IFREG | 0644, &f), 0);
	CHECK_EQ(io(FS_WRITE, f.ino, 0, "kept", 4, NULL), 4);
	CHECK_EQ(rfs_check(why, sizeof(why)), 0);
	struct rfs_inode *ip = rfs_inode_get(f.ino);
	ip->links++;
	CHECK_EQ(rfs_check(why, sizeof(why)), -EINVAL);
	CHECK(strstr(why, "links") != NULL);
	ip->links--;
	ip->pages[0][ip->size] = 1;
	CHECK_EQ(rfs_check(why, sizeof(why)), -EINVAL);
	CHECK(strstr(why, "past its size") != NULL);
	ip->pages[0][ip->size] = 0;
	struct rfs_inode *root = rfs_inode_get(FS_ROOT_INO);
	uint32_t slot;
	CHECK_EQ(rfs_dir_find(root, "kept", 4, &slot), f.ino);
	root->ents[slot].ino = 99999;
	CHECK_EQ(rfs_check(why, sizeof(why)), -EINVAL);
	CHECK(strstr(why, "names inode") != NULL);
	root->ents[slot].ino = f.ino;
	rfs_bytes_add(1);
	CHECK_EQ(rfs_check(why, sizeof(why)), -EINVAL);
	CHECK(strstr(why, "totals") != NULL);
	rfs_bytes_add(-1);
	CHECK_EQ(rfs_check(why, sizeof(why)), 0);
	struct rfs_inode *lost = rfs_inode_new(S_IFREG | 0644, 0);
	CHECK(lost != NULL);
	uint32_t used = rfs_inodes_used();
	CHECK_EQ(rfs_check(why, sizeof(why)), 0);
	CHECK_EQ(rfs_check_repair(), 1);
	CHECK_EQ(rfs_inodes_used(), used - 1);
	CHECK_EQ(rfs_check_repair(), 0);
	CHECK_EQ(name_req(FS_UNLINK, FS_ROOT_INO, "kept", 0, 0, NULL), 0);
	CHECK_EQ(putnode(f.ino, 1), 0);
	CHECK_EQ(rfs_check(why, sizeof(why)), 0);
	char what[96];                      /* `service fi rootfs corrupt` */
	unsigned ino = 0;
	CHECK_EQ(rfs_corrupt(what, sizeof(what)), 0);
	CHECK_EQ(sscanf(what, "inode %u: link count", &ino), 1);
	CHECK_EQ(rfs_check(why, sizeof(why)), -EINVAL);
	CHECK(strstr(why, "links") != NULL);
	rfs_inode_get(ino)->links--;
	CHECK_EQ(rfs_check(why, sizeof(why)), 0);
}

static const struct kit_suite suite = {
	.name = "rootfs_host", .backend = &kit_inproc, .timeout = 10,
};

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: rootfs_host ARCHIVE [CASE...]\n");
		return 2;
	}
	FILE *f = fopen(argv[1], "rb");
	static uint8_t data[200000];
	if (!f) {
		perror(argv[1]);
		return 2;
	}
	archive.data = data;
	archive.size = fread(data, 1, sizeof(data), f);
	fclose(f);
	rfs_inodes_init();
	argv[1] = argv[0];              /* the kit reads the case names */
	return kit_main(&suite, argc - 1, argv + 1);
}
