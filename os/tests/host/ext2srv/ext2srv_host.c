/* Host test of the ext2 file server's request handlers (os/servers/ext2:
 * table.c, do_*.c, srv_*.c and the core; not main.c), built with the host
 * gcc (-m32) with fake kernel calls (os/tests/host/fake_kernel.c), a fake
 * libbdev over an image file (fake_bdev.c) and e2fsprogs helpers
 * (os/tests/host/ext2/host_io.c); run by os/tests/test_ext2srv_host.py.
 * Usage: ext2srv_host WORK [CASE...]; WORK holds the images the .py made
 * with mke2fs -d from WORK/src. Each case mounts a fresh copy
 * (WORK/cur.img) with FS_READSUPER as VFS would, asks requests, unmounts
 * with FS_UNMOUNT, and checks the image with `e2fsck -fn` and debugfs. */
/* The kit first, and the host error numbers (its <errno.h>) that differ
 * from Phoenix's undefined: the server returns Phoenix's. */
#include "../kit_errno.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "syslib.h"
#include <abi/boot.h>
#include <abi/dirent.h>
#include <abi/vfs.h>
#include "srv.h"
#include "host_io.h"
#include "fake_bdev.h"
#include "../fake_kernel.h"

#define DSZ ((int) sizeof(struct dirent))
#define DEV DEV_MAKE(3, 0)
#define ROOT EXT2_ROOT_INO

static char work[400];           /* the folder of images */
static char cur[512];            /* the image a case works on */
static char out[1 << 16];        /* e2fsck's or debugfs's output */

/* ---- fake kernel calls the server's files need besides fake_kernel.c ---- */

static uint32_t alarm_ticks, alarm_abs;
static int alarm_calls;

int sys_setalarm(uint32_t ticks, int absolute, uint32_t *remaining)
{
	alarm_ticks = ticks;
	alarm_abs = (uint32_t) absolute;
	alarm_calls++;
	if (remaining)
		*remaining = 0;
	return 0;
}

/* ---- requests ------------------------------------------------------------ */

static message request(int type)
{
	message m;
	memset(&m, 0, sizeof(m));
	m.m_source = VFS_EP;
	m.m_type = type;
	return m;
}

/* ask: dispatch M as the server's loop does (the write-back hook too). */
static int ask(message *m)
{
	int r = e2s_dispatch(m);
	e2s_after_request();
	return r;
}

static int readsuper(uint32_t dev, uint32_t flags, const char *label,
    struct mess_fs_node *root)
{
	message m = request(FS_READSUPER);
	m.u.fs_mount.dev = dev;
	m.u.fs_mount.flags = flags;
	snprintf(m.u.fs_mount.driver, sizeof(m.u.fs_mount.driver), "%s", label);
	int r = ask(&m);
	if (root)
		*root = m.u.fs_node;
	return r;
}

static int simple(int type)
{
	message m = request(type);
	return ask(&m);
}

static int name_req(int type, uint32_t dir, const char *name, uint32_t mode,
    uint32_t dev, const char *target, struct mess_fs_node *node)
{
	message m = request(type);
	m.u.fs_name.dir = dir;
	m.u.fs_name.name = (vir_bytes) name;
	m.u.fs_name.name_len = strlen(name);
	m.u.fs_name.mode = mode;
	m.u.fs_name.dev = dev;
	m.u.fs_name.uid = 1000;
	m.u.fs_name.gid = 100;
	if (target) {
		m.u.fs_name.target = (vir_bytes) target;
		m.u.fs_name.target_len = strlen(target);
	}
	int r = ask(&m);
	if (node)
		*node = m.u.fs_node;
	return r;
}

static int lookup(uint32_t dir, const char *name, struct mess_fs_node *n)
{
	return name_req(FS_LOOKUP, dir, name, 0, 0, NULL, n);
}

static int create(uint32_t dir, const char *name, uint32_t mode,
    struct mess_fs_node *n)
{
	return name_req(FS_CREATE, dir, name, mode, 0, NULL, n);
}

static int putnode(uint32_t ino, uint32_t count)
{
	message m = request(FS_PUTNODE);
	m.u.fs_node.ino = ino;
	m.u.fs_node.count = count;
	return ask(&m);
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
	int r = ask(&m);
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
	return ask(&m);
}

static struct stat stat_of(uint32_t ino)
{
	struct stat st;
	memset(&st, 0xee, sizeof(st));
	CHECK_EQ(io(FS_STAT, ino, 0, &st, 0, NULL), 0);
	return st;
}

static struct statfs statfs_now(void)
{
	struct statfs s;
	memset(&s, 0xee, sizeof(s));
	message m = request(FS_STATFS);
	m.u.fs_io.ep = 77;
	m.u.fs_io.addr = (vir_bytes) &s;
	CHECK_EQ(ask(&m), 0);
	return s;
}

/* walk: the inode of PATH ("a/b/c" from the root), a reference held
 * (the caller puts it), or 0. */
static uint32_t walk(const char *path)
{
	char buf[512];
	uint32_t ino = ROOT;
	int held = 0;
	snprintf(buf, sizeof(buf), "%s", path);
	for (char *p = strtok(buf, "/"); p; p = strtok(NULL, "/")) {
		struct mess_fs_node n;
		int r = lookup(ino, p, &n);
		if (held)
			CHECK_EQ(putnode(ino, 1), 0);
		if (r != 0)
			return 0;
		ino = n.ino;
		held = 1;
	}
	if (!held) {                   /* the root: one more reference */
		struct mess_fs_node n;
		CHECK_EQ(lookup(ROOT, ".", &n), 0);
	}
	return ino;
}

/* listing: the GETDENTS listing of INO, PER records per call, as
 * " name:type" pairs (sorted by the directory's order) into OUT. */
static int listing(uint32_t ino, int per, char *buf, size_t size)
{
	struct dirent d[200];
	int32_t pos = 0;
	int count = 0;
	buf[0] = '\0';
	for (;;) {
		int r = io(FS_GETDENTS, ino, pos, d, (uint32_t) (per * DSZ), &pos);
		CHECK(r >= 0 && r % DSZ == 0);
		if (r == 0)
			return count;
		for (int i = 0; i < r / DSZ; i++) {
			size_t l = strlen(buf);
			snprintf(buf + l, size - l, " %s:%d", d[i].d_name,
			    d[i].d_type);
			count++;
		}
	}
}

/* ---- images --------------------------------------------------------- */

static const char *image(const char *name)
{
	static char p[600];
	snprintf(p, sizeof(p), "%s/%s.img", work, name);
	return p;
}

static void fsck(void)
{
	int rc = hio_fsck(cur, out, sizeof(out));
	if (rc != 0)
		FAIL("e2fsck -fn: exit %d:\n%s", rc, out);
}

static const char *debugfs(const char *cmd)
{
	hio_debugfs(cur, cmd, out, sizeof(out));
	return out;
}

static long long debugfs_num(const char *cmd, const char *key)
{
	const char *p = strstr(debugfs(cmd), key);
	long long v = -1;
	if (p)
		sscanf(p + strlen(key), " %lld", &v);
	return v;
}

/* start: a fresh copy of image NAME as the device, mounted with FLAGS. */
static void start(const char *name, uint32_t flags)
{
	struct mess_fs_node root;
	CHECK_EQ(hio_open(image(name), cur), 0);
	hio_close();
	CHECK_EQ(fbd_image(cur), 0);
	memset(&fbd, 0, sizeof(fbd));
	alarm_calls = 0;
	CHECK_EQ(readsuper(DEV, flags, "ata", &root), 0);
	CHECK_EQ(root.ino, ROOT);
	CHECK(S_ISDIR(root.mode));
}

/* stop: unmount (FS_UNMOUNT), then e2fsck -fn finds nothing. */
static void stop(void)
{
	CHECK_EQ(simple(FS_UNMOUNT), 0);
	CHECK_EQ(e2s_mnt.state, E2S_IDLE);
	CHECK_EQ(fbd.closes, fbd.opens);
	fsck();
}

/* dump: file PATH of the image as debugfs reads it equals DATA (LEN). */
static void check_dump(const char *path, const uint8_t *data, size_t len)
{
	uint8_t *got;
	size_t n;
	CHECK_EQ(hio_dump(cur, path, &got, &n), 0);
	CHECK_EQ(n, len);
	CHECK(memcmp(got, data, len) == 0);
	free(got);
}

/* ---- cases ------------------------------------------------------------- */

/* FS_READSUPER: only VFS; a bad label, a missing driver, not ext2; the
 * mount (root inode 2, the driver bound, the device opened read-write);
 * a second one is -EBUSY; after FS_UNMOUNT only READSUPER works; a
 * restart that lost the mount answers -EIO until FS_UNMOUNT. */
TEST(readsuper_and_unmount)
{
	struct mess_fs_node root;
	message m = request(FS_READSUPER);
	m.m_source = 99;
	CHECK_EQ(ask(&m), -EPERM);
	CHECK_EQ(hio_open(image("zero"), cur), 0);
	hio_close();
	CHECK_EQ(fbd_image(cur), 0);
	memset(&fbd, 0, sizeof(fbd));
	m = request(FS_READSUPER);
	memset(m.u.fs_mount.driver, 'x', sizeof(m.u.fs_mount.driver));
	CHECK_EQ(ask(&m), -EINVAL);              /* no NUL in the label */
	CHECK_EQ(readsuper(DEV, 0, "", NULL), -EINVAL);
	CHECK_EQ(readsuper(DEV, 0, "nodriver", NULL), -ENOENT);
	CHECK_EQ(readsuper(DEV, 0, "ata", NULL), -EINVAL);   /* not ext2 */
	CHECK_EQ(fbd.opens, 1);
	CHECK_EQ(fbd.closes, 1);
	CHECK_EQ(e2s_mnt.state, E2S_IDLE);
	CHECK_EQ(simple(FS_SYNC), -EINVAL);
	CHECK_EQ(lookup(ROOT, "x", NULL), -EINVAL);

	start("1k", 0);
	CHECK_EQ(fbd.major, 3);
	CHECK_STR(fbd.label, "ata");
	CHECK_EQ(fbd.access, BDEV_R_BIT | BDEV_W_BIT);
	CHECK_EQ(readsuper(DEV, 0, "ata", NULL), -EBUSY);
	CHECK_EQ(simple(FS_BASE + 40), -ENOSYS);
	m = request(FS_LOOKUP);
	m.m_source = 99;
	CHECK_EQ(ask(&m), -EPERM);
	CHECK(strstr(debugfs("stats"), "Filesystem state:         not clean"));
	stop();
	CHECK(strstr(debugfs("stats"), "Filesystem state:         clean"));
	CHECK_EQ(simple(FS_UNMOUNT), 0);          /* nothing mounted: 0 */
	CHECK_EQ(lookup(ROOT, "hello.txt", NULL), -EINVAL);

	/* Again, then as after a restart. */
	CHECK_EQ(readsuper(DEV, 0, "ata", &root), 0);
	CHECK_EQ(root.ino, ROOT);
	CHECK_EQ(simple(FS_UNMOUNT), 0);
	e2s_mnt.state = E2S_LOST;
	CHECK_EQ(lookup(ROOT, "hello.txt", NULL), -EIO);
	CHECK_EQ(simple(FS_SYNC), -EIO);
	CHECK_EQ(simple(FS_UNMOUNT), 0);
	CHECK_EQ(e2s_mnt.state, E2S_IDLE);
	CHECK_EQ(readsuper(DEV, 0, "ata", &root), 0);
	stop();
}

/* read_tree: every file, link and directory mke2fs put in the image
 * reads through the requests as it is on the host (reads of odd sizes,
 * listings one record per call and many), hard links share an inode. */
static void read_tree(const char *img)
{
	struct hio_entry *tree;
	char path[600];
	static char list[1 << 16], list2[1 << 16];
	static uint8_t buf[400 * 1024];
	snprintf(path, sizeof(path), "%s/src", work);
	int n = hio_tree(path, &tree);
	CHECK(n > 10);
	start(img, 0);
	for (int i = 0; i < n; i++) {
		struct hio_entry *e = &tree[i];
		uint32_t ino = walk(e->path);
		if (!ino)
			FAIL("%s: not found", e->path);
		struct stat st = stat_of(ino);
		CHECK_EQ(st.st_dev, DEV);
		if (e->kind == 'f') {
			CHECK(S_ISREG(st.st_mode));
			CHECK_EQ((size_t) st.st_size, e->len);
			CHECK_EQ(st.st_nlink, e->nlink);
			if (e->len <= sizeof(buf)) {
				uint32_t got = 0;
				int r;
				while ((r = io(FS_READ, ino, (int32_t) got,
				    buf + got, 7001, NULL)) > 0)
					got += (uint32_t) r;
				CHECK_EQ(r, 0);
				CHECK_EQ(got, e->len);
				CHECK(memcmp(buf, e->data, e->len) == 0);
			}
			for (int j = 0; j < n; j++)   /* hard links */
				if (j != i && tree[j].ino == e->ino) {
					uint32_t other = walk(tree[j].path);
					CHECK_EQ(other, ino);
					CHECK_EQ(putnode(other, 1), 0);
				}
		} else if (e->kind == 'l') {
			CHECK_EQ(st.st_mode & S_IFMT, S_IFLNK);
			int r = io(FS_READ, ino, 0, buf, sizeof(buf), NULL);
			CHECK_EQ(r, (int) e->len);
			CHECK(memcmp(buf, e->data, e->len) == 0);
			CHECK_EQ(io(FS_READ, ino, 3, buf, 2, NULL), 2);
			CHECK(memcmp(buf, e->data + 3, 2) == 0);
		} else {
			CHECK(S_ISDIR(st.st_mode));
			int c1 = listing(ino, 1, list, sizeof(list));
			int c2 = listing(ino, 200, list2, sizeof(list2));
			CHECK_EQ(c1, c2);
			CHECK_STR(list, list2);
			CHECK(strncmp(list, " .:4 ..:4", 9) == 0);
			int count = 2;
			for (int j = 0; j < n; j++) {
				const char *p = tree[j].path;
				size_t l = strlen(e->path);
				if (strncmp(p, e->path, l) || p[l] != '/' ||
				    strchr(p + l + 1, '/'))
					continue;
				char want[300];
				int t = tree[j].kind == 'd' ? DT_DIR :
				    tree[j].kind == 'f' ? DT_REG : DT_UNKNOWN;
				snprintf(want, sizeof(want), " %s:%d ",
				    p + l + 1, t);
				size_t ll = strlen(list);
				list[ll] = ' ';
				list[ll + 1] = '\0';
				if (!strstr(list, want))
					FAIL("%s: %s not listed", e->path, want);
				list[ll] = '\0';
				count++;
			}
			CHECK_EQ(c1, count);
		}
		CHECK_EQ(putnode(ino, 1), 0);
	}
	CHECK_EQ(io(FS_READ, ROOT, 0, buf, 10, NULL), -EISDIR);
	stop();
}

TEST(read_tree_1k) { read_tree("1k"); }
TEST(read_tree_4k) { read_tree("4k"); }

/* pattern: LEN bytes of a pattern seeded with SEED (malloc'd). */
static uint8_t *pattern(size_t len, uint32_t seed)
{
	uint8_t *p = malloc(len);
	hio_pattern(p, len, seed);
	return p;
}

/* Creating every kind of file, writing, truncating, links, renames,
 * attributes, removal; FS_SYNC flushes the drive; debugfs and e2fsck
 * see all of it after FS_UNMOUNT. */
TEST(write_and_change)
{
	struct mess_fs_node f, d, sub, n;
	uint8_t *data = pattern(200000, 7);
	static uint8_t back[200000];
	start("1k", 0);
	CHECK_EQ(create(ROOT, "new", S_IFREG | 0640, &f), 0);
	CHECK(S_ISREG(f.mode));
	CHECK_EQ(f.uid, 1000);
	CHECK_EQ(f.gid, 100);
	CHECK_EQ(create(ROOT, "new", S_IFREG | 0640, NULL), -EEXIST);
	CHECK_EQ(io(FS_WRITE, f.ino, 0, data, 70000, NULL), 70000);
	CHECK_EQ(io(FS_WRITE, f.ino, 70000, data + 70000, 130000, NULL),
	    130000);
	CHECK_EQ(stat_of(f.ino).st_size, 200000);
	CHECK_EQ(io(FS_READ, f.ino, 0, back, sizeof(back), NULL), 200000);
	CHECK(memcmp(back, data, 200000) == 0);
	CHECK_EQ(io(FS_READ, f.ino, 199990, back, 100, NULL), 10);
	CHECK_EQ(io(FS_READ, f.ino, 300000, back, 100, NULL), 0);
	CHECK_EQ(io(FS_TRUNCATE, f.ino, 5000, NULL, 0, NULL), 0);
	CHECK_EQ(stat_of(f.ino).st_size, 5000);

	CHECK_EQ(create(ROOT, "d", S_IFDIR | 0755, &d), 0);
	CHECK(S_ISDIR(d.mode));
	CHECK_EQ(create(d.ino, "sub", S_IFDIR | 0700, &sub), 0);
	CHECK_EQ(stat_of(d.ino).st_nlink, 3);
	CHECK_EQ(name_req(FS_CREATE, d.ino, "tty", S_IFCHR | 0620,
	    DEV_MAKE(4, 1), NULL, &n), 0);
	CHECK_EQ(n.dev, DEV_MAKE(4, 1));
	CHECK_EQ(stat_of(n.ino).st_rdev, DEV_MAKE(4, 1));
	CHECK_EQ(putnode(n.ino, 1), 0);
	CHECK_EQ(create(d.ino, "fifo", S_IFIFO | 0600, &n), 0);
	CHECK_EQ(putnode(n.ino, 1), 0);
	CHECK_EQ(create(d.ino, "sock", 0140000 | 0600, NULL), -EINVAL);
	CHECK_EQ(name_req(FS_CREATE, d.ino, "fast", S_IFLNK | 0777, 0,
	    "../new", &n), 0);
	CHECK_EQ(n.mode & S_IFMT, S_IFLNK);
	CHECK_EQ(n.size, 6);
	CHECK_EQ(putnode(n.ino, 1), 0);
	char slow[201];
	memset(slow, 'y', 200);
	slow[200] = '\0';
	CHECK_EQ(name_req(FS_CREATE, d.ino, "slow", S_IFLNK | 0777, 0, slow,
	    &n), 0);
	CHECK_EQ(io(FS_READ, n.ino, 0, back, 1000, NULL), 200);
	CHECK(memcmp(back, slow, 200) == 0);
	CHECK_EQ(putnode(n.ino, 1), 0);
	CHECK_EQ(name_req(FS_CREATE, d.ino, "empty", S_IFLNK | 0777, 0, "",
	    NULL), -EINVAL);

	message m = request(FS_LINK);
	m.u.fs_name.dir = d.ino;
	m.u.fs_name.name = (vir_bytes) "hard";
	m.u.fs_name.name_len = 4;
	m.u.fs_name.ino = f.ino;
	CHECK_EQ(ask(&m), 0);
	CHECK_EQ(stat_of(f.ino).st_nlink, 2);
	m.u.fs_name.ino = d.ino;
	m.u.fs_name.name = (vir_bytes) "dirlink";
	m.u.fs_name.name_len = 7;
	CHECK_EQ(ask(&m), -EPERM);
	CHECK_EQ(rename_req(ROOT, "new", d.ino, "moved"), 0);
	CHECK_EQ(lookup(ROOT, "new", NULL), -ENOENT);
	CHECK_EQ(name_req(FS_UNLINK, d.ino, "hard", 0, 0, NULL, NULL), 0);
	CHECK_EQ(stat_of(f.ino).st_nlink, 1);
	CHECK_EQ(name_req(FS_UNLINK, ROOT, "d", 0, 0, NULL, NULL), -EISDIR);
	CHECK_EQ(name_req(FS_RMDIR, ROOT, "d", 0, 0, NULL, NULL), -ENOTEMPTY);
	CHECK_EQ(create(sub.ino, "gone", S_IFREG | 0600, &n), 0);
	CHECK_EQ(putnode(n.ino, 1), 0);
	CHECK_EQ(name_req(FS_UNLINK, sub.ino, "gone", 0, 0, NULL, NULL), 0);
	CHECK_EQ(name_req(FS_RMDIR, d.ino, "sub", 0, 0, NULL, NULL), 0);
	CHECK_EQ(putnode(sub.ino, 1), 0);
	CHECK_EQ(stat_of(d.ino).st_nlink, 2);

	m = request(FS_CHMOD);
	m.u.fs_node.ino = f.ino;
	m.u.fs_node.mode = 04755;
	CHECK_EQ(ask(&m), 0);
	CHECK_EQ(m.u.fs_node.mode, S_IFREG | 04755);
	m = request(FS_CHMOD);
	m.u.fs_node.ino = f.ino;
	m.u.fs_node.mode = S_IFDIR | 0755;
	CHECK_EQ(ask(&m), -EINVAL);
	m = request(FS_CHOWN);
	m.u.fs_node.ino = f.ino;
	m.u.fs_node.uid = 7;
	m.u.fs_node.gid = FS_KEEP_ID;
	CHECK_EQ(ask(&m), 0);
	CHECK_EQ(m.u.fs_node.uid, 7);
	CHECK_EQ(m.u.fs_node.gid, 100);
	m = request(FS_UTIME);
	m.u.fs_utime.ino = f.ino;
	m.u.fs_utime.atime = 1000000000;
	m.u.fs_utime.mtime = 1200000000;
	CHECK_EQ(ask(&m), 0);
	struct stat st = stat_of(f.ino);
	CHECK_EQ(st.st_atime, 1000000000);
	CHECK_EQ(st.st_mtime, 1200000000);
	CHECK_EQ(st.st_ctime, e2s_now());

	int flushes = fbd.ioctls;
	CHECK_EQ(simple(FS_SYNC), 0);
	CHECK_EQ(fbd.ioctls, flushes + 1);
	fbd.ioctl_answer = -ENOTTY;               /* a driver without flush */
	CHECK_EQ(simple(FS_SYNC), 0);
	fbd.ioctl_answer = -EIO;
	CHECK_EQ(simple(FS_SYNC), -EIO);
	fbd.ioctl_answer = 0;
	CHECK_EQ(putnode(f.ino, 1), 0);
	CHECK_EQ(putnode(d.ino, 1), 0);
	stop();

	check_dump("/d/moved", data, 5000);
	CHECK(strstr(debugfs("stat /d/moved"), "Mode:  04755"));
	CHECK_EQ(debugfs_num("stat /d/moved", "User:"), 7);
	CHECK_EQ(debugfs_num("stat /d/moved", "Group:"), 100);
	CHECK(strstr(debugfs("stat /d/tty"), "Device major/minor number: 04:01"));
	CHECK(strstr(debugfs("stat /d/fifo"), "Type: FIFO"));
	CHECK(strstr(debugfs("stat /d/fast"), "Fast link dest: \"../new\""));
	check_dump("/d/slow", (const uint8_t *) slow, 200);
	CHECK(!strstr(debugfs("ls /d"), "sub"));
	CHECK(!strstr(debugfs("ls /d"), "hard"));
	free(data);
}

/* GETDENTS of a directory of many blocks from byte offsets: one record
 * per call gives what many per call give; bad arguments. */
TEST(getdents)
{
	static char a[1 << 16], b[1 << 16];
	struct dirent d[2];
	start("1k", 0);
	uint32_t many = walk("many");
	CHECK(many);
	CHECK_EQ(listing(many, 1, a, sizeof(a)), 152);
	CHECK_EQ(listing(many, 7, b, sizeof(b)), 152);
	CHECK_STR(a, b);
	CHECK(strstr(a, " entry-149-with-a-longer-name:8"));
	int32_t pos;
	CHECK_EQ(io(FS_GETDENTS, many, 0, d, DSZ - 1, &pos), -EINVAL);
	CHECK_EQ(io(FS_GETDENTS, many, -1, d, DSZ, &pos), -EINVAL);
	CHECK_EQ(io(FS_GETDENTS, many, 0, (void *) 0x100, DSZ, &pos),
	    -EFAULT);
	uint32_t file = walk("hello.txt");
	CHECK_EQ(io(FS_GETDENTS, file, 0, d, DSZ, &pos), -ENOTDIR);
	CHECK_EQ(io(FS_GETDENTS, 12345, 0, d, DSZ, &pos), -EINVAL);
	CHECK_EQ(io(FS_GETDENTS, many, 0, d, 2 * DSZ, &pos), 2 * DSZ);
	CHECK(pos > 0);
	CHECK_STR(d[0].d_name, ".");
	CHECK_STR(d[1].d_name, "..");
	CHECK_EQ(d[1].d_ino, ROOT);
	/* A new entry shows up in the listing. */
	CHECK_EQ(create(many, "added-here", S_IFREG | 0644, NULL), 0);
	CHECK_EQ(listing(many, 5, a, sizeof(a)), 153);
	CHECK(strstr(a, " added-here:8"));
	CHECK_EQ(putnode(walk("many/added-here"), 2), 0);
	CHECK_EQ(putnode(file, 1), 0);
	CHECK_EQ(putnode(many, 1), 0);
	stop();
	CHECK(strstr(debugfs("ls /many"), "added-here"));
}

/* Bad requests: names, inodes not referenced, users' buffers that fault,
 * kinds that hold no bytes; nothing changes. */
TEST(bad_requests)
{
	static uint8_t buf[8192];
	start("1k", 0);
	char longname[NAME_MAX + 2];
	memset(longname, 'n', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	CHECK_EQ(lookup(ROOT, longname, NULL), -ENAMETOOLONG);
	CHECK_EQ(lookup(ROOT, "a/b", NULL), -EINVAL);
	CHECK_EQ(lookup(ROOT, "", NULL), -EINVAL);
	CHECK_EQ(lookup(ROOT, "nothing", NULL), -ENOENT);
	CHECK_EQ(lookup(12, "x", NULL), -EINVAL);      /* not referenced */
	CHECK_EQ(lookup(FS_ROOT_INO, "x", NULL), -EINVAL);
	message m = request(FS_LOOKUP);
	m.u.fs_name.dir = ROOT;
	m.u.fs_name.name = 0x100;                      /* faults */
	m.u.fs_name.name_len = 3;
	CHECK_EQ(ask(&m), -EFAULT);
	uint32_t f = walk("hello.txt");
	CHECK_EQ(lookup(f, "x", NULL), -ENOTDIR);
	CHECK_EQ(io(FS_READ, f, 0, (void *) 0x100, 10, NULL), -EFAULT);
	CHECK_EQ(io(FS_READ, f, -1, buf, 10, NULL), -EINVAL);
	CHECK_EQ(io(FS_WRITE, f, 0, (void *) 0x100, 10, NULL), -EFAULT);
	CHECK_EQ(io(FS_WRITE, f, 0x7ffffff0, buf, 100, NULL), -EINVAL);
	CHECK_EQ(io(FS_WRITE, ROOT, 0, buf, 10, NULL), -EISDIR);
	CHECK_EQ(io(FS_TRUNCATE, ROOT, 0, NULL, 0, NULL), -EISDIR);
	CHECK_EQ(io(FS_TRUNCATE, f, -5, NULL, 0, NULL), -EINVAL);
	uint32_t big = walk("mid.bin");
	CHECK_EQ(io(FS_STAT, f, 0, (void *) 0x100, 0, NULL), -EFAULT);
	m = request(FS_STATFS);
	m.u.fs_io.addr = 0x100;
	CHECK_EQ(ask(&m), -EFAULT);
	CHECK_EQ(putnode(f, 2), -EINVAL);               /* only one held */
	CHECK_EQ(putnode(99999, 1), -EINVAL);
	CHECK_EQ(stat_of(f).st_size, 13);
	/* The device fails: the error comes back, nothing is lost. */
	fbd.fail_reads = 1;
	int r = io(FS_READ, big, 200000, buf, sizeof(buf), NULL);
	fbd.fail_reads = 0;
	CHECK_EQ(r, -EIO);
	CHECK_EQ(io(FS_READ, big, 200000, buf, sizeof(buf), NULL),
	    (int) sizeof(buf));
	CHECK_EQ(putnode(big, 1), 0);
	CHECK_EQ(putnode(f, 1), 0);
	stop();
}

/* A file unlinked while VFS holds it keeps its blocks and reads on; the
 * last FS_PUTNODE frees it (statfs's free counts come back). */
TEST(unlink_while_open)
{
	struct mess_fs_node f;
	uint8_t *data = pattern(50000, 3);
	static uint8_t back[50000];
	start("1k", 0);
	struct statfs before = statfs_now();
	CHECK_EQ(create(ROOT, "tmpfile", S_IFREG | 0600, &f), 0);
	CHECK_EQ(io(FS_WRITE, f.ino, 0, data, 50000, NULL), 50000);
	CHECK(statfs_now().f_bfree < before.f_bfree);
	CHECK_EQ(name_req(FS_UNLINK, ROOT, "tmpfile", 0, 0, NULL, NULL), 0);
	CHECK_EQ(lookup(ROOT, "tmpfile", NULL), -ENOENT);
	CHECK_EQ(stat_of(f.ino).st_nlink, 0);
	CHECK_EQ(io(FS_READ, f.ino, 0, back, 50000, NULL), 50000);
	CHECK(memcmp(back, data, 50000) == 0);
	CHECK_EQ(putnode(f.ino, 1), 0);
	struct statfs after = statfs_now();
	CHECK_EQ(after.f_bfree, before.f_bfree);
	CHECK_EQ(after.f_ffree, before.f_ffree);
	stop();
	free(data);
}

/* FS_STATFS: the struct statfs debugfs agrees with. */
TEST(statfs)
{
	start("4k", 0);
	struct statfs s = statfs_now();
	CHECK_STR(s.f_type, "ext2");
	CHECK_EQ(s.f_bsize, 4096);
	CHECK_EQ(s.f_dev, DEV);
	CHECK_EQ(s.f_flags, 0);
	CHECK(s.f_bavail <= s.f_bfree);
	stop();
	CHECK_EQ(s.f_blocks, debugfs_num("stats", "Block count:"));
	CHECK_EQ(s.f_bfree, debugfs_num("stats", "Free blocks:"));
	CHECK_EQ(s.f_files, debugfs_num("stats", "Inode count:"));
	CHECK_EQ(s.f_ffree, debugfs_num("stats", "Free inodes:"));
}

/* A read-only mount: reads work, every change is -EROFS, the device is
 * opened for reading and never written. */
TEST(read_only)
{
	static uint8_t buf[100];
	start("1k", FS_MOUNT_RDONLY);
	CHECK_EQ(fbd.access, BDEV_R_BIT);
	uint32_t f = walk("hello.txt");
	CHECK_EQ(io(FS_READ, f, 0, buf, sizeof(buf), NULL), 13);
	CHECK_EQ(create(ROOT, "x", S_IFREG | 0644, NULL), -EROFS);
	CHECK_EQ(io(FS_WRITE, f, 0, buf, 1, NULL), -EROFS);
	CHECK_EQ(io(FS_TRUNCATE, f, 0, NULL, 0, NULL), -EROFS);
	CHECK_EQ(name_req(FS_UNLINK, ROOT, "hello.txt", 0, 0, NULL, NULL),
	    -EROFS);
	CHECK_EQ(rename_req(ROOT, "hello.txt", ROOT, "x"), -EROFS);
	message m = request(FS_UTIME);
	m.u.fs_utime.ino = f;
	m.u.fs_utime.now = 1;
	CHECK_EQ(ask(&m), -EROFS);
	CHECK_EQ(statfs_now().f_flags, MNT_RDONLY);
	CHECK_EQ(simple(FS_SYNC), 0);
	CHECK_EQ(putnode(f, 1), 0);
	CHECK_EQ(alarm_calls, 0);
	stop();
	CHECK_EQ(fbd.writes, 0);
	CHECK_EQ(fbd.ioctls, 0);
}

/* Write-back: a change arms the alarm (absolute, E2S_FLUSH_SECONDS on);
 * when it rings everything is on the disk (debugfs reads the file,
 * e2fsck finds the mounted image consistent) and the drive flushed. */
TEST(write_back_alarm)
{
	struct mess_fs_node f;
	uint8_t *data = pattern(30000, 9);
	start("1k", 0);
	alarm_calls = 0;
	CHECK_EQ(create(ROOT, "wb", S_IFREG | 0644, &f), 0);
	CHECK_EQ(alarm_calls, 1);
	CHECK_EQ(alarm_abs, 1);
	CHECK_EQ(alarm_ticks, 1234 + E2S_FLUSH_SECONDS * 100);
	CHECK_EQ(io(FS_WRITE, f.ino, 0, data, 30000, NULL), 30000);
	/* Armed: a request that used the device sets it again (libbdev may
	 * have taken it), at the same tick. */
	CHECK_EQ(alarm_ticks, 1234 + E2S_FLUSH_SECONDS * 100);
	CHECK(!strstr(debugfs("ls /"), "wb"));     /* not written yet */
	int flushes = fbd.ioctls;
	e2s_alarm();
	CHECK_EQ(fbd.ioctls, flushes + 1);
	check_dump("/wb", data, 30000);
	fsck();                                      /* consistent, mounted */
	alarm_calls = 0;
	CHECK_EQ(stat_of(f.ino).st_size, 30000);    /* nothing changed */
	CHECK_EQ(alarm_calls, 0);
	CHECK_EQ(io(FS_WRITE, f.ino, 30000, data, 10, NULL), 10);
	CHECK_EQ(alarm_calls, 1);                    /* armed again */
	CHECK_EQ(putnode(f.ino, 1), 0);
	stop();
	free(data);
}

/* A disk that fills: a write stops with what fitted, the next is
 * -ENOSPC; removing the file gives the space back. */
TEST(no_space)
{
	struct mess_fs_node f;
	uint8_t *data = pattern(64 * 1024, 5);
	start("small", 0);
	CHECK_EQ(create(ROOT, "fill", S_IFREG | 0644, &f), 0);
	int32_t pos = 0;
	int r;
	while ((r = io(FS_WRITE, f.ino, pos, data, 64 * 1024, NULL)) ==
	    64 * 1024)
		pos += r;
	CHECK(r > 0 || r == -ENOSPC);
	if (r > 0) {
		pos += r;
		CHECK_EQ(io(FS_WRITE, f.ino, pos, data, 1024, NULL), -ENOSPC);
	}
	CHECK(pos > 100 * 1024);
	CHECK_EQ(stat_of(f.ino).st_size, pos);
	CHECK_EQ(name_req(FS_UNLINK, ROOT, "fill", 0, 0, NULL, NULL), 0);
	CHECK_EQ(putnode(f.ino, 1), 0);
	stop();
	free(data);
}

static const struct kit_suite suite = {
	.name = "ext2srv_host", .backend = &kit_inproc, .timeout = 120,
};

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: ext2srv_host WORK [CASE...]\n");
		return 2;
	}
	snprintf(work, sizeof(work), "%s", argv[1]);
	snprintf(cur, sizeof(cur), "%s/cur.img", work);
	argv[1] = argv[0];              /* the kit reads the case names */
	return kit_main(&suite, argc - 1, argv + 1);
}

/* expect_refused: the kept-state check refuses the state now, naming
 * WHAT; then UNDO puts it back and the check passes again. */
#define expect_refused(what, undo) do { \
	char why_[96] = ""; \
	CHECK_EQ(e2s_state_check(why_, sizeof(why_)), -EINVAL); \
	if (!strstr(why_, what)) \
		FAIL("check said \"%s\", expected \"%s\"", why_, what); \
	undo; \
	CHECK_EQ(e2s_state_check(why_, sizeof(why_)), 0); \
} while (0)

/* The state kept across a restart in place or a live update (srv_kept.c):
 * idle and a mount with dirty blocks and held inodes pass; each kind of
 * damage is refused and named; e2s_kept arms the write-back alarm for
 * the kept changes, and they reach the disk. */
TEST(kept_state_check)
{
	char why[96];
	struct mess_fs_node f;
	CHECK_EQ(e2s_state_check(why, sizeof(why)), 0);      /* idle */
	start("1k", 0);
	CHECK_EQ(create(ROOT, "kept", S_IFREG | 0644, &f), 0);
	CHECK_EQ(io(FS_WRITE, f.ino, 0, "kept data", 9, NULL), 9);
	CHECK_EQ(e2s_state_check(why, sizeof(why)), 0);
	struct ext2_buf *b = NULL;
	for (uint32_t i = 0; i < e2s_fs.nbuf && !b; i++)
		if (e2s_fs.buf[i].valid && e2s_fs.buf[i].dirty)
			b = &e2s_fs.buf[i];
	CHECK(b != NULL);
	struct ext2_buf *other = NULL;
	for (uint32_t i = 0; i < e2s_fs.nbuf && !other; i++)
		if (e2s_fs.buf[i].valid && &e2s_fs.buf[i] != b)
			other = &e2s_fs.buf[i];
	CHECK(other != NULL);
	b->pins = 1;
	expect_refused("pinned between requests", b->pins = 0);
	uint32_t blk = b->blk;
	b->blk = e2s_fs.sb.s_blocks_count;
	expect_refused("block past the end", b->blk = blk);
	uint32_t oblk = other->blk;
	other->blk = b->blk;
	expect_refused("block cached twice", other->blk = oblk);
	b->valid = 0;
	expect_refused("dirty buffer not valid", b->valid = 1);
	uint8_t *data = b->data;
	b->data = data + 1;
	expect_refused("buffer data moved", b->data = data);
	struct ext2_node *n = NULL;
	for (uint32_t i = 0; i < EXT2_NODES && !n; i++)
		if (e2s_fs.node[i].ino == f.ino)
			n = &e2s_fs.node[i];
	CHECK(n != NULL);
	n->ino = e2s_fs.sb.s_inodes_count + 1;
	expect_refused("inodes: number past the end", n->ino = f.ino);
	struct ext2_node *free_slot = NULL;
	for (uint32_t i = 0; i < EXT2_NODES && !free_slot; i++)
		if (e2s_fs.node[i].ino == 0)
			free_slot = &e2s_fs.node[i];
	CHECK(free_slot != NULL);
	free_slot->ino = f.ino;
	free_slot->refs = 1;
	expect_refused("inodes: slot twice",
	    (free_slot->ino = 0, free_slot->refs = 0));
	free_slot->refs = 1;
	expect_refused("inodes: free slot referenced", free_slot->refs = 0);
	e2s_fs.sb.s_magic = 0;
	expect_refused("superblock: bad magic", e2s_fs.sb.s_magic = EXT2_MAGIC);
	e2s_fs.groups++;
	expect_refused("superblock: bad group count", e2s_fs.groups--);
	e2s_mnt.state = 7;
	expect_refused("mount: unknown state", e2s_mnt.state = E2S_MOUNTED);
	/* Served on after the check: the write-back alarm is armed again for
	 * the kept changes, which then reach the disk. */
	alarm_calls = 0;
	e2s_kept("fs_test", "restarted in place");
	CHECK_EQ(alarm_calls, 1);
	CHECK_EQ(alarm_abs, 1);
	e2s_alarm();
	check_dump("/kept", (const uint8_t *) "kept data", 9);
	CHECK_EQ(putnode(f.ino, 1), 0);
	stop();
}

