/* Host test of the ext2 core (os/servers/ext2): built with the host gcc
 * (-m32) from the core's files, host_io.c (a block device over an image
 * file, e2fsprogs) and the test kit, run by os/tests/test_ext2_host.py.
 * Usage: ext2_host WORK [CASE...]; WORK holds the images the test made
 * with mke2fs -d from WORK/src (see the .py). Each case works on a fresh
 * copy of an image (WORK/cur.img); after its writes the file system is
 * unmounted and `e2fsck -fn` must find nothing, and what the case wrote is
 * read back with debugfs. Cases on the kit, in process. */
/* The kit first, then Phoenix's error numbers over the host's (the core
 * returns Phoenix's: os/include/abi/errno.h). */
#include "../kit_errno.h"
#include <stdio.h>
#include <stdlib.h>
#include <abi/errno.h>
#include <abi/stat.h>
#include "ext2.h"
#include "host_io.h"

static char work[400];           /* the folder of images */
static char cur[512];            /* the image a case works on */
static struct ext2_fs fs;
static char out[1 << 16];        /* e2fsck's or debugfs's output */

/* image: the path of image NAME (WORK/NAME.img) in a static buffer. */
static const char *image(const char *name)
{
	static char p[600];
	snprintf(p, sizeof(p), "%s/%s.img", work, name);
	return p;
}

/* start: a fresh copy of image NAME, mounted with FLAGS. */
static void start(const char *name, int flags)
{
	CHECK_EQ(hio_open(image(name), cur), 0);
	CHECK_EQ(ext2_mount(&fs, &hio_dev, flags, hio_now), 0);
}

/* reopen: mount the current image again as it is. */
static void reopen(void)
{
	CHECK_EQ(hio_reopen(cur), 0);
	CHECK_EQ(ext2_mount(&fs, &hio_dev, 0, hio_now), 0);
}

/* fsck: e2fsck -fn on the current image finds nothing. */
static void fsck(void)
{
	int rc = hio_fsck(cur, out, sizeof(out));
	if (rc != 0)
		FAIL("e2fsck -fn: exit %d:\n%s", rc, out);
}

/* stop: unmount, close the device, e2fsck. */
static void stop(void)
{
	CHECK_EQ(ext2_unmount(&fs), 0);
	hio_close();
	fsck();
}

/* remount: unmount and mount the current image again (FLAGS). */
static void remount(int flags)
{
	CHECK_EQ(ext2_unmount(&fs), 0);
	CHECK_EQ(ext2_mount(&fs, &hio_dev, flags, hio_now), 0);
}

/* debugfs: the output of debugfs -R CMD on the current image. */
static const char *debugfs(const char *cmd)
{
	hio_debugfs(cur, cmd, out, sizeof(out));
	return out;
}

/* debugfs_num: the number after KEY in debugfs CMD's output (-1). */
static long long debugfs_num(const char *cmd, const char *key)
{
	const char *p = strstr(debugfs(cmd), key);
	long long v = -1;
	if (p)
		sscanf(p + strlen(key), " %lld", &v);
	return v;
}

/* walk_err: the node at PATH (from the root, "/" separated) in *N. */
static int walk_err(const char *path, struct ext2_node **n)
{
	struct ext2_node *at;
	int r = ext2_iget(&fs, EXT2_ROOT_INO, &at);
	if (r < 0)
		return r;
	while (*path) {
		while (*path == '/')
			path++;
		const char *end = strchr(path, '/');
		uint32_t len = end ? (uint32_t) (end - path) :
		    (uint32_t) strlen(path);
		if (len == 0)
			break;
		struct ext2_node *next;
		r = ext2_lookup(&fs, at, path, len, &next);
		ext2_iput(&fs, at);
		if (r < 0)
			return r;
		at = next;
		path += len;
	}
	*n = at;
	return 0;
}

/* walk: the node at PATH, which must exist (a reference). */
static struct ext2_node *walk(const char *path)
{
	struct ext2_node *n = NULL;
	int r = walk_err(path, &n);
	if (r < 0)
		FAIL("%s: error %d", path, r);
	return n;
}

/* ino_of: PATH's inode number (0: none). */
static uint32_t ino_of(const char *path)
{
	struct ext2_node *n;
	if (walk_err(path, &n) < 0)
		return 0;
	uint32_t ino = n->ino;
	ext2_iput(&fs, n);
	return ino;
}

/* parent: the directory of PATH (a reference) and its last name. */
static struct ext2_node *parent(const char *path, const char **base)
{
	char dir[512];
	const char *slash = strrchr(path, '/');
	snprintf(dir, sizeof(dir), "%.*s", (int) (slash - path), path);
	*base = slash + 1;
	return walk(dir);
}

/* nlink_of: PATH's link count. */
static uint32_t nlink_of(const char *path)
{
	struct ext2_node *n = walk(path);
	uint32_t links = n->d.i_links_count;
	ext2_iput(&fs, n);
	return links;
}

/* op: a name operation on PATH's parent: 'c' create, 'd' mkdir, 'u'
 * unlink, 'r' rmdir; the result. */
static int op(char what, const char *path, uint32_t mode)
{
	const char *base;
	struct ext2_node *dir = parent(path, &base), *n = NULL;
	uint32_t len = (uint32_t) strlen(base);
	int r = -EINVAL;
	switch (what) {
	case 'c': r = ext2_create(&fs, dir, base, len, S_IFREG | mode, 0,
	    1000, 100, &n); break;
	case 'd': r = ext2_mkdir(&fs, dir, base, len, mode, 1000, 100, &n);
	    break;
	case 'u': r = ext2_unlink(&fs, dir, base, len); break;
	case 'r': r = ext2_rmdir(&fs, dir, base, len); break;
	}
	if (n)
		ext2_iput(&fs, n);
	ext2_iput(&fs, dir);
	return r;
}

/* rename_paths: ext2_rename of FROM to TO. */
static int rename_paths(const char *from, const char *to)
{
	const char *ob, *nb;
	struct ext2_node *od = parent(from, &ob), *nd = parent(to, &nb);
	int r = ext2_rename(&fs, od, ob, (uint32_t) strlen(ob), nd, nb,
	    (uint32_t) strlen(nb));
	ext2_iput(&fs, od);
	ext2_iput(&fs, nd);
	return r;
}

/* put_file: create PATH with LEN bytes of DATA, written CHUNK at a time. */
static void put_file(const char *path, const uint8_t *data, size_t len,
    size_t chunk)
{
	const char *base;
	struct ext2_node *dir = parent(path, &base), *n;
	CHECK_EQ(ext2_create(&fs, dir, base, (uint32_t) strlen(base),
	    S_IFREG | 0644, 0, 0, 0, &n), 0);
	for (size_t done = 0; done < len; done += chunk) {
		uint32_t c = (uint32_t) (len - done < chunk ? len - done : chunk);
		CHECK_EQ(ext2_write(&fs, n, done, data + done, c), c);
	}
	CHECK_EQ(ext2_size(n), len);
	ext2_iput(&fs, n);
	ext2_iput(&fs, dir);
}

/* check_read: PATH reads as LEN bytes of DATA (in CHUNK pieces). */
static void check_read(const char *path, const uint8_t *data, size_t len,
    size_t chunk)
{
	struct ext2_node *n = walk(path);
	CHECK_EQ(ext2_size(n), len);
	uint8_t *buf = malloc(chunk + 1);
	for (size_t done = 0; done < len; done += chunk) {
		uint32_t c = (uint32_t) (len - done < chunk ? len - done : chunk);
		CHECK_EQ(ext2_read(&fs, n, done, buf, (uint32_t) chunk), c);
		if (memcmp(buf, data + done, c) != 0)
			FAIL("%s: differs in bytes %zu..%zu", path, done,
			    done + c);
	}
	CHECK_EQ(ext2_read(&fs, n, len, buf, 1), 0);
	free(buf);
	ext2_iput(&fs, n);
}

/* check_dump: debugfs dumps PATH of the current image as DATA. */
static void check_dump(const char *path, const uint8_t *data, size_t len)
{
	uint8_t *got;
	size_t got_len;
	if (hio_dump(cur, path, &got, &got_len) < 0)
		FAIL("debugfs could not dump %s", path);
	CHECK_EQ(got_len, len);
	if (memcmp(got, data, len) != 0)
		FAIL("%s: debugfs reads other bytes", path);
	free(got);
}

/* pattern: LEN bytes (malloc'd) of pattern SEED. */
static uint8_t *pattern(size_t len, uint32_t seed)
{
	uint8_t *p = malloc(len + 1);
	hio_pattern(p, len, seed);
	return p;
}

/* free_counts: the free blocks and inodes statfs reports. */
static void free_counts(uint32_t *blocks, uint32_t *inodes)
{
	struct ext2_statfs st;
	ext2_statfs(&fs, &st);
	*blocks = st.bfree;
	*inodes = st.ffree;
}

/* ---- cases ------------------------------------------------------------ */

/* Mounting checks the superblock; the free counts are those e2fsprogs
 * reports; a read-write mount counts itself and leaves the file system
 * "not clean" on disk until the unmount makes it clean again. */
TEST(mount_and_statfs)
{
	static const char *names[] = { "1k", "2k", "4k" };
	static const uint32_t sizes[] = { 1024, 2048, 4096 };
	for (int i = 0; i < 3; i++) {
		CHECK_EQ(hio_open(image(names[i]), cur), 0);
		long long mounts = debugfs_num("stats", "Mount count:");
		CHECK_EQ(ext2_mount(&fs, &hio_dev, 0, hio_now), 0);
		CHECK_EQ(fs.bs, sizes[i]);
		CHECK_STR(fs.why, "");
		struct ext2_statfs st;
		ext2_statfs(&fs, &st);
		CHECK_EQ(st.bsize, sizes[i]);
		CHECK_EQ(st.blocks, debugfs_num("stats", "Block count:"));
		CHECK_EQ(st.bfree, debugfs_num("stats", "Free blocks:"));
		CHECK_EQ(st.ffree, debugfs_num("stats", "Free inodes:"));
		CHECK_EQ(st.files, debugfs_num("stats", "Inode count:"));
		CHECK_EQ(st.bavail, st.bfree -
		    debugfs_num("stats", "Reserved block count:"));
		CHECK_EQ(st.namemax, 255);
		CHECK(strstr(debugfs("stats"), "Filesystem state:         not clean"));
		CHECK_EQ(debugfs_num("stats", "Mount count:"), mounts + 1);
		stop();
		CHECK(strstr(debugfs("stats"), "Filesystem state:         clean"));
	}
}

/* check_tree: every file, directory and link mke2fs -d put in the image
 * reads as it is on the host: contents, link targets, hard links (one
 * inode, the link count), directory listings. */
static void check_tree(void)
{
	char src[600];
	struct hio_entry *e;
	snprintf(src, sizeof(src), "%s/src", work);
	int n = hio_tree(src, &e);
	CHECK(n > 10);
	for (int i = 0; i < n; i++) {
		char path[600];
		snprintf(path, sizeof(path), "/%s", e[i].path);
		struct ext2_node *node = walk(path);
		struct ext2_stat st;
		ext2_stat(&fs, node, &st);
		if (e[i].kind == 'f') {
			CHECK(S_ISREG(st.mode));
			CHECK_EQ(st.nlink, e[i].nlink);
			check_read(path, e[i].data, e[i].len, 777);
			for (int j = 0; j < i; j++)
				if (e[j].ino == e[i].ino)
					CHECK_EQ(st.ino, ino_of(e[j].path));
		} else if (e[i].kind == 'l') {
			char target[4096];
			CHECK_EQ((st.mode & S_IFMT), S_IFLNK);
			CHECK_EQ(ext2_readlink(&fs, node, target, sizeof(target)),
			    e[i].len);
			CHECK(memcmp(target, e[i].data, e[i].len) == 0);
		} else {
			CHECK(S_ISDIR(st.mode));
			uint64_t pos = 0;
			struct ext2_entry ent;
			int count = 0, subdirs = 0, r;
			size_t plen = strlen(e[i].path);
			while ((r = ext2_readdir(&fs, node, &pos, &ent)) == 1) {
				if (!strcmp(ent.name, ".") || !strcmp(ent.name, ".."))
					continue;
				count++;
				int found = 0;
				for (int j = 0; j < n && !found; j++)
					found = !strncmp(e[j].path, e[i].path, plen) &&
					    e[j].path[plen] == '/' &&
					    !strcmp(e[j].path + plen + 1, ent.name);
				if (!found)
					FAIL("%s: unexpected entry %s", path, ent.name);
				if (ent.type == EXT2_FT_DIR)
					subdirs++;
			}
			CHECK_EQ(r, 0);
			int expected = 0;
			for (int j = 0; j < n; j++)
				if (!strncmp(e[j].path, e[i].path, plen) &&
				    e[j].path[plen] == '/' &&
				    !strchr(e[j].path + plen + 1, '/'))
					expected++;
			CHECK_EQ(count, expected);
			CHECK_EQ(st.nlink, 2 + subdirs);
		}
		ext2_iput(&fs, node);
	}
}

/* Files put in by mke2fs -d read identically, with 1, 2 and 4 KiB blocks;
 * a read-only mount writes nothing. */
TEST(read_mke2fs_files)
{
	start("1k", 0);
	check_tree();
	stop();
	start("2k", 0);
	check_tree();
	stop();
	start("4k", EXT2_MOUNT_RDONLY);
	check_tree();
	struct ext2_node *root = walk("/"), *n;
	CHECK_EQ(ext2_create(&fs, root, "x", 1, S_IFREG | 0644, 0, 0, 0, &n),
	    -EACCES);
	ext2_iput(&fs, root);
	CHECK_EQ(hio_writes, 0);
	stop();
}

/* Files of many sizes (around block and indirect-block boundaries)
 * written in odd-sized pieces read back identically, through this code
 * after a remount and through debugfs. */
TEST(write_sizes)
{
	static const size_t sizes[] = { 0, 1, 1023, 1024, 1025, 4095, 4096,
	    4097, 12 * 1024, 13 * 1024, 70000, 300 * 1024, 1100000 };
	static const char *images[] = { "1k", "4k" };
	int nsizes = (int) (sizeof(sizes) / sizeof(sizes[0]));
	for (int im = 0; im < 2; im++) {
		start(images[im], 0);
		CHECK_EQ(op('d', "/w", 0755), 0);
		for (int i = 0; i < nsizes; i++) {
			char path[64];
			snprintf(path, sizeof(path), "/w/f%zu", sizes[i]);
			uint8_t *p = pattern(sizes[i], (uint32_t) i);
			put_file(path, p, sizes[i], 3000);
			free(p);
		}
		remount(0);
		for (int i = 0; i < nsizes; i++) {
			char path[64];
			snprintf(path, sizeof(path), "/w/f%zu", sizes[i]);
			uint8_t *p = pattern(sizes[i], (uint32_t) i);
			check_read(path, p, sizes[i], 4096);
			free(p);
		}
		stop();
		for (int i = 0; i < nsizes; i++) {
			char path[64];
			snprintf(path, sizeof(path), "/w/f%zu", sizes[i]);
			uint8_t *p = pattern(sizes[i], (uint32_t) i);
			check_dump(path, p, sizes[i]);
			free(p);
		}
	}
}

/* A 16 MiB file on 1 KiB blocks (through the double indirect block):
 * every block counted in i_blocks, identical through debugfs. */
TEST(file_16mib)
{
	size_t len = 16u << 20;
	uint8_t *p = pattern(len, 16);
	start("1k", 0);
	put_file("/big16", p, len, 65536);
	struct ext2_node *n = walk("/big16");
	struct ext2_stat st;
	ext2_stat(&fs, n, &st);
	/* 16384 data blocks, 1 single indirect, 1 double indirect with 63
	 * indirect blocks under it (16384 - 12 - 256 = 16116 = 62.95 * 256). */
	CHECK_EQ(st.blocks, (16384 + 1 + 1 + 63) * 2);
	ext2_iput(&fs, n);
	remount(0);
	check_read("/big16", p, len, 10000);
	stop();
	check_dump("/big16", p, len);
	CHECK_EQ(debugfs_num("stat /big16", "Blockcount:"),
	    (16384 + 1 + 1 + 63) * 2);
	free(p);
}

/* Holes read as zeros and take no blocks; a byte past 64 MiB (1 KiB
 * blocks) goes through the triple indirect block; past 4 GiB (4 KiB
 * blocks) the size needs i_size_high. */
TEST(holes_and_large_offsets)
{
	start("1k", 0);
	struct ext2_node *root = walk("/"), *n;
	CHECK_EQ(ext2_create(&fs, root, "sparse", 6, S_IFREG | 0600, 0, 0, 0,
	    &n), 0);
	uint64_t far = 70ull << 20;
	CHECK_EQ(ext2_write(&fs, n, 0, "A", 1), 1);
	CHECK_EQ(ext2_write(&fs, n, 100000, "B", 1), 1);
	CHECK_EQ(ext2_write(&fs, n, far, "C", 1), 1);
	CHECK_EQ(ext2_size(n), far + 1);
	uint8_t buf[3000];
	CHECK_EQ(ext2_read(&fs, n, 99000, buf, 3000), 3000);
	for (int i = 0; i < 3000; i++)
		CHECK_EQ(buf[i], i == 1000 ? 'B' : 0);
	CHECK_EQ(ext2_read(&fs, n, far - 10, buf, 3000), 11);
	CHECK_EQ(buf[10], 'C');
	CHECK_EQ(buf[0], 0);
	/* 3 data blocks; 1 single indirect (B's); the triple indirect and
	 * the two on the way to C. */
	CHECK_EQ(n->d.i_blocks, (3 + 1 + 3) * 2);
	ext2_iput(&fs, n);
	ext2_iput(&fs, root);
	stop();
	CHECK_EQ(debugfs_num("stat /sparse", "Size:"), far + 1);
	CHECK_EQ(debugfs_num("stat /sparse", "Blockcount:"), 14);

	start("4k", 0);
	root = walk("/");
	CHECK_EQ(ext2_create(&fs, root, "huge", 4, S_IFREG | 0600, 0, 0, 0,
	    &n), 0);
	far = 5ull << 30;
	CHECK_EQ(ext2_write(&fs, n, far, "Z", 1), 1);
	CHECK_EQ(n->d.i_size_high, 1);
	ext2_iput(&fs, n);
	ext2_iput(&fs, root);
	remount(0);
	n = walk("/huge");
	CHECK_EQ(ext2_size(n), far + 1);
	CHECK_EQ(ext2_read(&fs, n, far - 1, buf, 10), 2);
	CHECK_EQ(buf[0], 0);
	CHECK_EQ(buf[1], 'Z');
	ext2_iput(&fs, n);
	stop();
	CHECK_EQ(debugfs_num("stat /huge", "Size:"), far + 1);
}

/* Truncation: shrinking frees data and indirect blocks (the free count
 * comes back), the tail of the new last block reads as zeros after
 * growing again, growing makes a hole. */
TEST(truncate)
{
	start("1k", 0);
	uint32_t b0, i0, b, i;
	size_t len = 1 << 20;
	uint8_t *p = pattern(len, 7);
	free_counts(&b0, &i0);
	put_file("/t", p, len, 8192);
	struct ext2_node *n = walk("/t");
	CHECK_EQ(ext2_truncate(&fs, n, 0), 0);
	free_counts(&b, &i);
	CHECK_EQ(b, b0);
	CHECK_EQ(n->d.i_blocks, 0);
	CHECK_EQ(ext2_write(&fs, n, 0, p, (uint32_t) len), len);
	CHECK_EQ(ext2_truncate(&fs, n, 100000), 0);   /* single indirect */
	CHECK_EQ(n->d.i_blocks, (98 + 1) * 2);
	CHECK_EQ(ext2_truncate(&fs, n, 5000), 0);     /* direct only */
	CHECK_EQ(n->d.i_blocks, 5 * 2);
	free_counts(&b, &i);
	CHECK_EQ(b, b0 - 5);
	CHECK_EQ(ext2_truncate(&fs, n, 200000), 0);   /* a hole */
	CHECK_EQ(n->d.i_blocks, 5 * 2);
	CHECK_EQ(ext2_write(&fs, n, 200000, "end", 3), 3);
	ext2_iput(&fs, n);
	uint8_t *want = calloc(200003, 1);
	memcpy(want, p, 5000);
	memcpy(want + 200000, "end", 3);
	check_read("/t", want, 200003, 4000);
	n = walk("/t");
	struct ext2_node *root = walk("/");
	CHECK_EQ(ext2_truncate(&fs, root, 0), -EISDIR);
	ext2_iput(&fs, root);
	ext2_iput(&fs, n);
	stop();
	check_dump("/t", want, 200003);
	/* A sparse file cut in a hole: the indirect blocks with nothing left
	 * under them go too. */
	reopen();
	free_counts(&b0, &i0);
	struct ext2_node *s;
	root = walk("/");
	CHECK_EQ(ext2_create(&fs, root, "s", 1, S_IFREG | 0644, 0, 0, 0, &s),
	    0);
	ext2_iput(&fs, root);
	CHECK_EQ(ext2_write(&fs, s, 0, "x", 1), 1);
	CHECK_EQ(ext2_write(&fs, s, 50 * 1024, "y", 1), 1);
	CHECK_EQ(ext2_write(&fs, s, 200 * 1024, "z", 1), 1);
	CHECK_EQ(ext2_write(&fs, s, 40ull << 20, "w", 1), 1);
	CHECK_EQ(s->d.i_blocks, (4 + 1 + 2) * 2);
	CHECK_EQ(ext2_truncate(&fs, s, 40 * 1024), 0);
	CHECK_EQ(s->d.i_blocks, 1 * 2);
	CHECK_EQ(s->d.i_block[EXT2_IND_BLOCK], 0);
	CHECK_EQ(s->d.i_block[EXT2_DIND_BLOCK], 0);
	free_counts(&b, &i);
	CHECK_EQ(b, b0 - 1);
	ext2_iput(&fs, s);
	stop();
	free(want);
	free(p);
}

/* Directories: nested ones with their link counts and "..", a directory
 * of several blocks whose freed entries are reused, rmdir only of an
 * empty one, and the errors. */
TEST(directories)
{
	start("1k", 0);
	uint32_t root_links = nlink_of("/");
	CHECK_EQ(op('d', "/d1", 0755), 0);
	CHECK_EQ(op('d', "/d1/d2", 0755), 0);
	CHECK_EQ(op('d', "/d1/d2/d3", 0700), 0);
	CHECK_EQ(nlink_of("/"), root_links + 1);
	CHECK_EQ(nlink_of("/d1"), 3);
	CHECK_EQ(nlink_of("/d1/d2/d3"), 2);
	CHECK_EQ(ino_of("/d1/d2/d3/.."), ino_of("/d1/d2"));
	CHECK_EQ(ino_of("/d1/d2/d3/."), ino_of("/d1/d2/d3"));
	CHECK_EQ(op('d', "/d1/many", 0755), 0);
	char path[128];
	for (int k = 0; k < 300; k++) {
		snprintf(path, sizeof(path), "/d1/many/file-%03d-with-padding", k);
		CHECK_EQ(op('c', path, 0644), 0);
	}
	struct ext2_node *many = walk("/d1/many");
	uint32_t size = many->d.i_size;
	CHECK(size > 8 * 1024);
	for (int k = 0; k < 300; k += 2) {
		snprintf(path, sizeof(path), "/d1/many/file-%03d-with-padding", k);
		CHECK_EQ(op('u', path, 0), 0);
	}
	for (int k = 0; k < 150; k++) {
		snprintf(path, sizeof(path), "/d1/many/n-%03d", k);
		CHECK_EQ(op('c', path, 0644), 0);
	}
	CHECK_EQ(many->d.i_size, size);        /* the freed room reused */
	uint64_t pos = 0;
	struct ext2_entry e;
	int count = 0, r;
	while ((r = ext2_readdir(&fs, many, &pos, &e)) == 1)
		count++;
	CHECK_EQ(r, 0);
	CHECK_EQ(count, 300 + 2);
	ext2_iput(&fs, many);
	CHECK_EQ(op('c', "/d1/many/n-001", 0644), -EEXIST);
	CHECK_EQ(op('d', "/d1/many/n-001", 0755), -EEXIST);
	CHECK_EQ(op('r', "/d1", 0), -ENOTEMPTY);
	CHECK_EQ(op('r', "/d1/many/n-001", 0), -ENOTDIR);
	CHECK_EQ(op('u', "/d1/d2", 0), -EISDIR);
	CHECK_EQ(op('r', "/d1/.", 0), -EINVAL);
	CHECK_EQ(op('r', "/d1/..", 0), -ENOTEMPTY);
	CHECK_EQ(op('u', "/d1/nothing", 0), -ENOENT);
	CHECK_EQ(op('c', "/d1/many/n-001/x", 0644), -ENOTDIR);
	char longname[300];
	memset(longname, 'y', sizeof(longname));
	longname[299] = 0;
	struct ext2_node *d1 = walk("/d1"), *n;
	CHECK_EQ(ext2_create(&fs, d1, longname, 256, S_IFREG, 0, 0, 0, &n),
	    -ENAMETOOLONG);
	CHECK_EQ(ext2_create(&fs, d1, longname, 255, S_IFREG, 0, 0, 0, &n), 0);
	ext2_iput(&fs, n);
	ext2_iput(&fs, d1);
	CHECK_EQ(op('r', "/d1/d2/d3", 0), 0);
	CHECK_EQ(nlink_of("/d1/d2"), 2);
	CHECK_EQ(ino_of("/d1/d2/d3"), 0);
	stop();
	CHECK(strstr(debugfs("ls /d1/many"), "n-149"));
	CHECK(strstr(debugfs("ls /d1/many"), "file-299-with-padding"));
	CHECK(!strstr(debugfs("ls /d1/many"), "file-000-with-padding"));
	longname[255] = 0;
	CHECK(strstr(debugfs("ls /d1"), longname));
	CHECK_EQ(debugfs_num("stat /d1", "Links:"), 4);
}

/* A file unlinked while referenced keeps its contents until the last
 * reference goes, then its blocks and inode are free again; one left
 * referenced at unmount goes at the unmount. */
TEST(unlink_while_open)
{
	start("1k", 0);
	uint32_t b0, i0, b, i;
	free_counts(&b0, &i0);
	uint8_t *p = pattern(50000, 9);
	put_file("/open", p, 50000, 50000);
	struct ext2_node *n = walk("/open");
	CHECK_EQ(op('u', "/open", 0), 0);
	CHECK_EQ(ino_of("/open"), 0);
	CHECK_EQ(n->d.i_links_count, 0);
	uint8_t buf[50000];
	CHECK_EQ(ext2_read(&fs, n, 0, buf, 50000), 50000);
	CHECK(memcmp(buf, p, 50000) == 0);
	free_counts(&b, &i);
	CHECK(b < b0);
	CHECK_EQ(i, i0 - 1);
	CHECK_EQ(ext2_iput(&fs, n), 0);
	free_counts(&b, &i);
	CHECK_EQ(b, b0);
	CHECK_EQ(i, i0);
	put_file("/open2", p, 50000, 4096);
	n = walk("/open2");
	CHECK_EQ(op('u', "/open2", 0), 0);
	stop();                               /* n still referenced */
	free(p);
}

/* A file unlinked while referenced waits on the orphan list: on a synced
 * image e2fsck -p frees it, and after a crash (no unmount) the next mount
 * does. Several orphans, removed from the list in any order. */
TEST(orphans)
{
	start("1k", 0);
	uint32_t b0, i0, b, i;
	free_counts(&b0, &i0);
	uint8_t *p = pattern(30000, 12);
	struct ext2_node *o[3];
	for (int k = 0; k < 3; k++) {
		char path[16];
		snprintf(path, sizeof(path), "/orphan%d", k);
		put_file(path, p, 30000, 30000);
		o[k] = walk(path);
		CHECK_EQ(op('u', path, 0), 0);
	}
	CHECK_EQ(fs.sb.s_last_orphan, o[2]->ino);
	CHECK_EQ(ext2_iput(&fs, o[1]), 0);      /* from the middle */
	CHECK_EQ(fs.sb.s_last_orphan, o[2]->ino);
	CHECK_EQ(o[2]->d.i_dtime, o[0]->ino);
	CHECK_EQ(ext2_iput(&fs, o[2]), 0);      /* the head */
	CHECK_EQ(fs.sb.s_last_orphan, o[0]->ino);
	CHECK_EQ(ext2_sync(&fs), 0);
	/* o[0] still open: e2fsck -n counts it as an error (it does not run
	 * the list read-only), a boot's e2fsck -p frees it quietly. */
	CHECK_EQ(debugfs_num("stats", "First orphan inode:"), o[0]->ino);
	int rc = hio_preen(cur, out, sizeof(out));
	if (rc != 0 && rc != 1)
		FAIL("e2fsck -fp: exit %d:\n%s", rc, out);
	kit_note("e2fsck -fp: exit %d: %s", rc, strstr(out, "Clearing") ?
	    "clears the orphan" : out);
	free_counts(&b, &i);
	CHECK_EQ(i, i0 - 1);
	/* A crash: the device goes away without an unmount. */
	hio_close();
	reopen();
	CHECK_EQ(fs.sb.s_last_orphan, 0);
	free_counts(&b, &i);
	CHECK_EQ(b, b0);
	CHECK_EQ(i, i0);
	stop();
	CHECK_EQ(debugfs_num("stats", "First orphan inode:"), -1);
	free(p);
}

/* Hard links share the inode and count; the data stays with the last. */
TEST(hard_links)
{
	start("4k", 0);
	uint8_t *p = pattern(10000, 3);
	put_file("/a", p, 10000, 1000);
	struct ext2_node *a = walk("/a"), *dir = walk("/dir");
	CHECK_EQ(ext2_link(&fs, dir, "b", 1, a), 0);
	CHECK_EQ(ext2_link(&fs, dir, "b", 1, a), -EEXIST);
	CHECK_EQ(a->d.i_links_count, 2);
	CHECK_EQ(ino_of("/dir/b"), a->ino);
	CHECK_EQ(ext2_link(&fs, dir, "c", 1, dir), -EPERM);
	ext2_iput(&fs, dir);
	ext2_iput(&fs, a);
	remount(0);
	CHECK_EQ(nlink_of("/a"), 2);
	CHECK_EQ(op('u', "/a", 0), 0);
	CHECK_EQ(nlink_of("/dir/b"), 1);
	check_read("/dir/b", p, 10000, 4096);
	stop();
	check_dump("/dir/b", p, 10000);
	CHECK_EQ(debugfs_num("stat /dir/b", "Links:"), 1);
	free(p);
}

/* Symbolic links: short targets in the inode, long ones in a block. */
TEST(symlinks)
{
	static const char *images[] = { "1k", "4k" };
	char slow[300];
	memset(slow, 's', 200);
	memcpy(slow, "/a/long/path/", 13);
	slow[200] = 0;
	for (int im = 0; im < 2; im++) {
		start(images[im], 0);
		struct ext2_node *root = walk("/"), *n;
		CHECK_EQ(ext2_symlink(&fs, root, "fast", 4, "hello.txt", 9, 0, 0,
		    &n), 0);
		CHECK_EQ(n->d.i_blocks, 0);
		ext2_iput(&fs, n);
		CHECK_EQ(ext2_symlink(&fs, root, "slow", 4, slow, 200, 0, 0, &n),
		    0);
		CHECK_EQ(n->d.i_blocks, fs.bs / 512);
		ext2_iput(&fs, n);
		CHECK_EQ(ext2_symlink(&fs, root, "x59", 3, slow, 59, 0, 0, &n), 0);
		CHECK_EQ(n->d.i_blocks, 0);
		ext2_iput(&fs, n);
		CHECK_EQ(ext2_symlink(&fs, root, "x60", 3, slow, 60, 0, 0, &n), 0);
		CHECK_EQ(n->d.i_blocks, fs.bs / 512);
		ext2_iput(&fs, n);
		ext2_iput(&fs, root);
		remount(0);
		char buf[400];
		n = walk("/fast");
		CHECK_EQ(ext2_readlink(&fs, n, buf, sizeof(buf)), 9);
		CHECK(memcmp(buf, "hello.txt", 9) == 0);
		CHECK_EQ(ext2_readlink(&fs, n, buf, 5), 5);
		ext2_iput(&fs, n);
		n = walk("/slow");
		CHECK_EQ(ext2_readlink(&fs, n, buf, sizeof(buf)), 200);
		CHECK(memcmp(buf, slow, 200) == 0);
		ext2_iput(&fs, n);
		n = walk("/hello.txt");
		CHECK_EQ(ext2_readlink(&fs, n, buf, sizeof(buf)), -EINVAL);
		ext2_iput(&fs, n);
		stop();
		CHECK(strstr(debugfs("stat /fast"), "Fast link dest: \"hello.txt\""));
		check_dump("/slow", (const uint8_t *) slow, 200);
		reopen();
		CHECK_EQ(op('u', "/fast", 0), 0);
		CHECK_EQ(op('u', "/slow", 0), 0);
		CHECK_EQ(op('u', "/x59", 0), 0);
		CHECK_EQ(op('u', "/x60", 0), 0);
		stop();
	}
}

/* Renames: in a directory, across directories, over a file and over an
 * empty directory; a moved directory's ".." and both parents' counts; the
 * refusals. */
TEST(rename)
{
	start("1k", 0);
	CHECK_EQ(op('d', "/r", 0755), 0);
	CHECK_EQ(op('d', "/s", 0755), 0);
	CHECK_EQ(op('c', "/r/a", 0644), 0);
	CHECK_EQ(op('c', "/r/b", 0644), 0);
	CHECK_EQ(op('d', "/r/d1", 0755), 0);
	CHECK_EQ(op('c', "/r/d1/x", 0644), 0);
	CHECK_EQ(op('d', "/r/d2", 0755), 0);
	uint32_t a = ino_of("/r/a"), b = ino_of("/r/b"), d1 = ino_of("/r/d1");
	uint32_t fb, fi, fb2, fi2;
	CHECK_EQ(rename_paths("/r/a", "/r/a2"), 0);
	CHECK_EQ(ino_of("/r/a"), 0);
	CHECK_EQ(ino_of("/r/a2"), a);
	CHECK_EQ(rename_paths("/r/a2", "/s/a3"), 0);
	CHECK_EQ(ino_of("/s/a3"), a);
	free_counts(&fb, &fi);
	CHECK_EQ(rename_paths("/r/b", "/s/a3"), 0);      /* over a file */
	CHECK_EQ(ino_of("/s/a3"), b);
	CHECK_EQ(ino_of("/r/b"), 0);
	free_counts(&fb2, &fi2);
	CHECK_EQ(fi2, fi + 1);                           /* a went */
	CHECK_EQ(nlink_of("/r"), 4);
	CHECK_EQ(rename_paths("/r/d1", "/s/d1"), 0);     /* a directory moves */
	CHECK_EQ(ino_of("/s/d1/.."), ino_of("/s"));
	CHECK_EQ(ino_of("/s/d1"), d1);
	CHECK_EQ(nlink_of("/r"), 3);
	CHECK_EQ(nlink_of("/s"), 3);
	CHECK_EQ(op('d', "/s/d1/sub", 0755), 0);
	CHECK_EQ(rename_paths("/s/d1", "/s/d1/sub/z"), -EINVAL);
	CHECK_EQ(rename_paths("/s/d1", "/s/d1/z"), -EINVAL);
	CHECK_EQ(rename_paths("/s/d1", "/s/a3"), -ENOTDIR);
	CHECK_EQ(rename_paths("/s/a3", "/r/d2"), -EISDIR);
	CHECK_EQ(rename_paths("/r/d2", "/s/d1"), -ENOTEMPTY);
	CHECK_EQ(rename_paths("/r/nothing", "/r/x"), -ENOENT);
	CHECK_EQ(rename_paths("/r/.", "/r/x"), -EINVAL);
	CHECK_EQ(rename_paths("/s/a3", "/s/.."), -EINVAL);
	CHECK_EQ(rename_paths("/s/a3", "/s/a3"), 0);
	/* A directory over an empty directory elsewhere. */
	CHECK_EQ(rename_paths("/s/d1", "/r/d2"), 0);
	CHECK_EQ(ino_of("/r/d2"), d1);
	CHECK_EQ(ino_of("/r/d2/.."), ino_of("/r"));
	CHECK_EQ(ino_of("/r/d2/x") != 0, 1);
	CHECK_EQ(nlink_of("/r"), 3);
	CHECK_EQ(nlink_of("/s"), 2);
	/* The same directory: a directory renamed in place. */
	CHECK_EQ(rename_paths("/r/d2", "/r/d3"), 0);
	CHECK_EQ(nlink_of("/r"), 3);
	CHECK_EQ(ino_of("/r/d3/.."), ino_of("/r"));
	stop();
	CHECK(strstr(debugfs("ls /r"), "d3"));
	CHECK(strstr(debugfs("ls /r/d3"), "sub"));
	CHECK_EQ(debugfs_num("stat /r", "Links:"), 3);
}

/* Owner, group (32-bit ids), mode and times reach the disk; device files
 * keep their numbers; a FIFO is a file without blocks. */
TEST(attributes)
{
	start("1k", 0);
	struct ext2_node *root = walk("/"), *n;
	CHECK_EQ(ext2_create(&fs, root, "f", 1, S_IFREG | 0640, 0, 1000, 100,
	    &n), 0);
	CHECK_EQ(ext2_chmod(&fs, n, 04755), 0);
	CHECK_EQ(ext2_chown(&fs, n, 70000, 5), 0);
	CHECK_EQ(ext2_utime(&fs, n, 1000000000, 1100000000), 0);
	ext2_iput(&fs, n);
	CHECK_EQ(ext2_create(&fs, root, "tty", 3, S_IFCHR | 0620, (4 << 8) | 1,
	    0, 5, &n), 0);
	ext2_iput(&fs, n);
	CHECK_EQ(ext2_create(&fs, root, "hd", 2, S_IFBLK | 0600, (3 << 8) | 2,
	    0, 0, &n), 0);
	ext2_iput(&fs, n);
	CHECK_EQ(ext2_create(&fs, root, "fifo", 4, S_IFIFO | 0600, 0, 0, 0, &n),
	    0);
	ext2_iput(&fs, n);
	CHECK_EQ(ext2_create(&fs, root, "bad", 3, S_IFDIR | 0600, 0, 0, 0, &n),
	    -EINVAL);
	ext2_iput(&fs, root);
	remount(0);
	struct ext2_stat st;
	n = walk("/f");
	ext2_stat(&fs, n, &st);
	CHECK_EQ(st.mode, S_IFREG | 04755);
	CHECK_EQ(st.uid, 70000);
	CHECK_EQ(st.gid, 5);
	CHECK_EQ(st.atime, 1000000000);
	CHECK_EQ(st.mtime, 1100000000);
	CHECK(st.ctime >= hio_now() - 60);
	ext2_iput(&fs, n);
	n = walk("/tty");
	ext2_stat(&fs, n, &st);
	CHECK_EQ(st.mode, S_IFCHR | 0620);
	CHECK_EQ(st.rdev, (4 << 8) | 1);
	ext2_iput(&fs, n);
	n = walk("/hd");
	ext2_stat(&fs, n, &st);
	CHECK_EQ(st.rdev, (3 << 8) | 2);
	ext2_iput(&fs, n);
	stop();
	CHECK_EQ(debugfs_num("stat /f", "User:"), 70000);
	CHECK_EQ(debugfs_num("stat /f", "Group:"), 5);
	CHECK(strstr(debugfs("stat /f"), "Mode:  04755"));
	CHECK(strstr(debugfs("stat /tty"), "Device major/minor number: 04:01"));
	CHECK(strstr(debugfs("stat /hd"), "Type: block special"));
	CHECK(strstr(debugfs("stat /fifo"), "Type: FIFO"));
	CHECK(strstr(debugfs("ls -l /"), "fifo"));
	/* Removing them frees everything (e2fsck again). */
	reopen();
	CHECK_EQ(op('u', "/f", 0), 0);
	CHECK_EQ(op('u', "/tty", 0), 0);
	CHECK_EQ(op('u', "/hd", 0), 0);
	CHECK_EQ(op('u', "/fifo", 0), 0);
	stop();
}

/* A full disk: writes stop with what fit (then -ENOSPC), a directory that
 * cannot get its block takes no inode, inodes run out with -ENOSPC, and
 * the file system stays consistent; freeing gives everything back. */
TEST(no_space)
{
	start("small", 0);
	uint32_t b0, i0, b, i;
	free_counts(&b0, &i0);
	struct ext2_node *root = walk("/"), *n, *d;
	CHECK_EQ(ext2_create(&fs, root, "fill", 4, S_IFREG | 0644, 0, 0, 0, &n),
	    0);
	uint8_t *p = pattern(10000, 4);
	uint64_t pos = 0;
	int r;
	while ((r = ext2_write(&fs, n, pos, p, 10000)) == 10000)
		pos += 10000;
	CHECK(r >= 0 && r < 10000);              /* what fit */
	pos += (uint64_t) r;
	CHECK_EQ(ext2_write(&fs, n, pos, p, 10000), -ENOSPC);
	CHECK_EQ(ext2_size(n), pos);
	free_counts(&b, &i);
	CHECK_EQ(b, 0);
	CHECK_EQ(ext2_mkdir(&fs, root, "nodir", 5, 0755, 0, 0, &d), -ENOSPC);
	free_counts(&b, &i);
	CHECK_EQ(i, i0 - 1);                     /* the directory's went */
	CHECK_EQ(ext2_symlink(&fs, root, "l", 1, (const char *) p, 100, 0, 0,
	    &d), -ENOSPC);
	ext2_iput(&fs, n);
	remount(0);
	n = walk("/fill");
	CHECK_EQ(ext2_size(n), pos);
	ext2_iput(&fs, n);
	CHECK_EQ(ext2_unmount(&fs), 0);
	fsck();
	CHECK_EQ(ext2_mount(&fs, &hio_dev, 0, hio_now), 0);
	CHECK_EQ(op('u', "/fill", 0), 0);
	free_counts(&b, &i);
	CHECK_EQ(b, b0);
	CHECK_EQ(i, i0);
	/* Inodes: empty files until there are none. */
	char name[32];
	int made = 0;
	for (;;) {
		snprintf(name, sizeof(name), "/e%d", made);
		r = op('c', name, 0644);
		if (r < 0)
			break;
		made++;
	}
	CHECK_EQ(r, -ENOSPC);
	CHECK_EQ((uint32_t) made, i0);
	remount(0);
	free_counts(&b, &i);
	CHECK_EQ(i, 0);
	CHECK_EQ(ext2_unmount(&fs), 0);
	fsck();
	CHECK_EQ(ext2_mount(&fs, &hio_dev, 0, hio_now), 0);
	for (int k = 0; k < made; k++) {
		snprintf(name, sizeof(name), "/e%d", k);
		CHECK_EQ(op('u', name, 0), 0);
	}
	free_counts(&b, &i);
	CHECK_EQ(i, i0);
	ext2_iput(&fs, root);
	stop();
	free(p);
}

/* The cache: writes stay in it until a sync (or an eviction) writes them
 * back; a synced, still-mounted file system is consistent; a block read
 * again comes from the cache; a failed write-back keeps the blocks dirty
 * for the next sync. */
TEST(cache_write_back)
{
	start("1k", 0);
	unsigned long reads;
	uint8_t *p = pattern(20000, 5);
	put_file("/wb", p, 20000, 20000);
	CHECK(!strstr(debugfs("ls /"), "wb"));   /* nothing written yet */
	CHECK_EQ(hio_writes, 1);                  /* the mount's superblock */
	CHECK_EQ(ext2_sync(&fs), 0);
	CHECK(strstr(debugfs("ls /"), "wb"));
	check_dump("/wb", p, 20000);
	fsck();                                   /* mounted, synced */
	reads = hio_reads;
	check_read("/wb", p, 20000, 1000);
	check_read("/wb", p, 20000, 1000);
	CHECK_EQ(hio_reads, reads);               /* all cached */
	CHECK(fs.hits > 0);
	/* More than the cache holds: evictions write back before a sync, in
	 * runs of neighbouring blocks (up to 64 KiB a transfer). */
	unsigned long writes = hio_writes, bytes = hio_wbytes;
	uint8_t *big = pattern(1 << 20, 6);
	put_file("/wb2", big, 1 << 20, 65536);
	CHECK(hio_wbytes - bytes >= (1 << 20) - EXT2_CACHE_BYTES);
	CHECK(hio_writes - writes <= (hio_wbytes - bytes) / 8192);
	kit_note("1 MiB written: %lu bytes in %lu transfers before the sync",
	    hio_wbytes - bytes, hio_writes - writes);
	/* Read back from the disk in 64 KiB pieces: runs of blocks a transfer. */
	remount(0);
	reads = hio_reads;
	check_read("/wb2", big, 1 << 20, 65536);
	CHECK(hio_reads - reads <= 40);
	kit_note("1 MiB read in %lu transfers", hio_reads - reads);
	/* Reads that fail give -EIO and cache nothing: they work after. */
	remount(0);
	struct ext2_node *wb2 = walk("/wb2");
	uint8_t piece[65536];
	hio_fail_reads = 1;
	CHECK_EQ(ext2_read(&fs, wb2, 0, piece, sizeof(piece)), -EIO);
	CHECK_EQ(ext2_read(&fs, wb2, 100000, piece, 1000), -EIO);
	hio_fail_reads = 0;
	CHECK_EQ(ext2_read(&fs, wb2, 0, piece, sizeof(piece)), sizeof(piece));
	CHECK(memcmp(piece, big, sizeof(piece)) == 0);
	ext2_iput(&fs, wb2);
	/* A failing device: sync reports it, the blocks stay dirty. */
	CHECK_EQ(op('c', "/late", 0644), 0);
	hio_fail_after = 0;
	CHECK_EQ(ext2_sync(&fs), -EIO);
	hio_fail_after = -1;
	CHECK_EQ(ext2_sync(&fs), 0);
	CHECK(strstr(debugfs("ls /"), "late"));
	stop();
	check_dump("/wb2", big, 1 << 20);
	free(big);
	free(p);
}

/* Features: incompatible ones (ext4's extents) refuse the mount,
 * unknown read-only compatible ones (huge_file) allow reading only; not
 * ext2 at all is refused; revision 0 and 2 KiB blocks work. */
TEST(features_and_revisions)
{
	CHECK_EQ(hio_open(image("ext4"), cur), 0);
	CHECK_EQ(ext2_mount(&fs, &hio_dev, 0, hio_now), -ENOSYS);
	CHECK(strstr(fs.why, "extent"));
	kit_note("%s", fs.why);
	CHECK_EQ(hio_open(image("zero"), cur), 0);
	CHECK_EQ(ext2_mount(&fs, &hio_dev, 0, hio_now), -EINVAL);
	start("huge", 0);
	CHECK_EQ(fs.rdonly, 1);
	CHECK(strstr(fs.why, "huge_file"));
	kit_note("%s", fs.why);
	CHECK_EQ(op('c', "/x", 0644), -EACCES);
	CHECK_EQ(op('d', "/x", 0755), -EACCES);
	CHECK_EQ(hio_writes, 0);
	stop();
	for (int im = 0; im < 2; im++) {
		start(im ? "2k" : "rev0", 0);
		CHECK_EQ(op('d', "/dir0", 0755), 0);
		if (!im) {               /* no large_file in revision 0 */
			struct ext2_node *root = walk("/"), *n;
			CHECK_EQ(ext2_create(&fs, root, "big", 3, S_IFREG | 0644,
			    0, 0, 0, &n), 0);
			CHECK_EQ(ext2_write(&fs, n, 0x7fffffffu, "x", 1), -EINVAL);
			CHECK_EQ(ext2_truncate(&fs, n, 3ull << 30), -EINVAL);
			CHECK_EQ(ext2_write(&fs, n, 0x7ffffffeu, "x", 1), 1);
			ext2_iput(&fs, n);
			ext2_iput(&fs, root);
		}
		uint8_t *p = pattern(300000, 11);
		put_file("/dir0/f", p, 300000, 5000);
		CHECK_EQ(op('c', "/dir0/g", 0644), 0);
		CHECK_EQ(rename_paths("/dir0/g", "/g2"), 0);
		stop();
		check_dump("/dir0/f", p, 300000);
		CHECK(strstr(debugfs("ls /"), "g2"));
		free(p);
	}
}

/* listed: the inode debugfs's `ls -p DIR` lists NAME with (an entry the
 * first of its block keeps its name, with inode 0, when it is unlinked:
 * 0 then), or -1 when NAME is not listed at all. */
static long listed(const char *dir, const char *name)
{
	char cmd[300];
	snprintf(cmd, sizeof(cmd), "ls -p %s", dir);
	long ino = -1;
	for (const char *line = debugfs(cmd); *line; ) {
		/* /INODE/MODE/UID/GID/NAME/SIZE/ */
		long i;
		int at = 0;
		size_t n = strlen(name);
		if (sscanf(line, "/%ld/%*o/%*d/%*d/%n", &i, &at) == 1 && at &&
		    !strncmp(line + at, name, n) && line[at + n] == '/')
			ino = ino > 0 ? ino : i;
		const char *nl = strchr(line, '\n');
		line = nl ? nl + 1 : line + strlen(line);
	}
	return ino;
}

/* first_of_a_leaf: NAME is the first entry of a leaf block of the
 * hash-indexed directory DIR (debugfs's `htree DIR`: each "Reading
 * directory block" line is followed by the block's entries, "INODE
 * HASH-MINOR (REC_LEN) NAME"). */
static int first_of_a_leaf(const char *dir, const char *name)
{
	char cmd[300];
	snprintf(cmd, sizeof(cmd), "htree %s", dir);
	const char *p = debugfs(cmd);
	while ((p = strstr(p, "Reading directory block")) != NULL) {
		p = strchr(p, '\n');
		if (!p)
			return 0;
		const char *eol = strchr(p + 1, '\n');
		const char *close = strstr(p, ") ");
		if (close && (!eol || close < eol) &&
		    !strncmp(close + 2, name, strlen(name)) &&
		    close[2 + strlen(name)] == ' ')
			return 1;
	}
	return 0;
}

/* Hash-indexed directories (dir_index, made by e2fsck -D) read as the
 * plain directories they also are; one changed here loses its index flag
 * (the index would be stale), and e2fsck agrees. The image's hash seed
 * is fixed (test_ext2_host.py) so that the name unlinked here is the
 * first of its leaf block: its entry stays, with inode 0, which debugfs's
 * `ls` still lists by name (with a random seed it was so one time in
 * about twenty); the name must be gone for a lookup and live nowhere. */
TEST(indexed_directories)
{
	start("idx", 0);
	struct ext2_node *many = walk("/many");
	CHECK(many->d.i_flags & EXT2_INDEX_FL);
	ext2_iput(&fs, many);
	CHECK(first_of_a_leaf("/many", "entry-007-with-a-longer-name"));
	check_tree();
	CHECK_EQ(op('c', "/many/added-here", 0644), 0);
	CHECK_EQ(op('u', "/many/entry-007-with-a-longer-name", 0), 0);
	many = walk("/many");
	CHECK(!(many->d.i_flags & EXT2_INDEX_FL));
	ext2_iput(&fs, many);
	CHECK(ino_of("/many/entry-149-with-a-longer-name") != 0);
	stop();
	CHECK(listed("/many", "added-here") > 0);
	CHECK(listed("/many", "entry-149-with-a-longer-name") > 0);
	CHECK(listed("/many", "entry-007-with-a-longer-name") <= 0);
	CHECK(!strstr(debugfs("stat /many/entry-007-with-a-longer-name"),
	    "Inode:"));
	CHECK(strstr(debugfs("stat /many"), "Flags: 0x0"));
}

/* ---- random operations against a model -------------------------------- */

#define MFILES 24
#define MMAX (1 << 20)

/* One file of the model: where it is and what it holds. */
struct mfile {
	char path[64];
	uint8_t *data;               /* MMAX bytes, LEN of them the file */
	size_t len;
	int live;
};

static struct mfile mf[MFILES];
static uint32_t seed;

/* rnd: the next pseudo-random number (the same run every time). */
static uint32_t rnd(void)
{
	seed = seed * 1103515245u + 12345u;
	return seed >> 8;
}

static const char *mdirs[] = { "/rnd", "/rnd/a", "/rnd/b", "/rnd/a/c" };

/* model_taken: a live file of the model is at PATH. */
static int model_taken(const char *path)
{
	for (int i = 0; i < MFILES; i++)
		if (mf[i].live && !strcmp(mf[i].path, path))
			return 1;
	return 0;
}

/* model_check: every live file reads as the model says, from this code. */
static void model_check(void)
{
	for (int i = 0; i < MFILES; i++)
		if (mf[i].live)
			check_read(mf[i].path, mf[i].data, mf[i].len, 5000);
}

/* random_ops: COUNT random creates, writes, truncates, unlinks, renames
 * (some over another file), reads, syncs and remounts on image NAME,
 * checked against the model; then e2fsck and debugfs read every file. */
static void random_ops(const char *name, uint32_t s, int count)
{
	seed = s;
	start(name, 0);
	for (int d = 0; d < 4; d++)
		CHECK_EQ(op('d', mdirs[d], 0755), 0);
	for (int i = 0; i < MFILES; i++) {
		mf[i].data = calloc(MMAX, 1);
		mf[i].live = 0;
		mf[i].len = 0;
	}
	uint8_t *buf = malloc(MMAX);
	for (int step = 0; step < count; step++) {
		int i = (int) (rnd() % MFILES);
		struct mfile *f = &mf[i];
		uint32_t what = rnd() % 10;
		if (!f->live) {
			snprintf(f->path, sizeof(f->path), "%s/f%d",
			    mdirs[rnd() % 4], i);
			if (model_taken(f->path))
				continue;        /* a file renamed over took it */
			CHECK_EQ(op('c', f->path, 0644), 0);
			f->live = 1;
			f->len = 0;
			continue;
		}
		if (what <= 3) {                  /* write */
			size_t off = rnd() % (f->len + 20000);
			size_t n = rnd() % 20000;
			if (rnd() % 8 == 0)
				off = rnd() % (MMAX / 2);
			if (off + n > MMAX)
				continue;
			hio_pattern(buf, n, (uint32_t) step);
			struct ext2_node *node = walk(f->path);
			CHECK_EQ(ext2_write(&fs, node, off, buf, (uint32_t) n), n);
			ext2_iput(&fs, node);
			if (off > f->len)
				memset(f->data + f->len, 0, off - f->len);
			memcpy(f->data + off, buf, n);
			if (off + n > f->len)
				f->len = off + n;
		} else if (what == 4) {           /* truncate */
			size_t len = rnd() % (f->len * 2 + 1);
			if (len > MMAX)
				len = MMAX;
			struct ext2_node *node = walk(f->path);
			CHECK_EQ(ext2_truncate(&fs, node, len), 0);
			ext2_iput(&fs, node);
			if (len > f->len)
				memset(f->data + f->len, 0, len - f->len);
			f->len = len;
		} else if (what == 5) {           /* unlink */
			CHECK_EQ(op('u', f->path, 0), 0);
			f->live = 0;
		} else if (what == 6) {           /* rename, maybe over another */
			int j = (int) (rnd() % MFILES);
			char to[64];
			if (j != i && mf[j].live) {
				snprintf(to, sizeof(to), "%s", mf[j].path);
				mf[j].live = 0;
			} else {
				snprintf(to, sizeof(to), "%s/f%d", mdirs[rnd() % 4], i);
				if (model_taken(to))
					continue;
			}
			CHECK_EQ(rename_paths(f->path, to), 0);
			snprintf(f->path, sizeof(f->path), "%s", to);
		} else if (what == 7) {           /* read a piece */
			size_t off = rnd() % (f->len + 1);
			size_t n = rnd() % 30000;
			size_t want = off + n > f->len ? f->len - off : n;
			struct ext2_node *node = walk(f->path);
			CHECK_EQ(ext2_read(&fs, node, off, buf, (uint32_t) n), want);
			ext2_iput(&fs, node);
			if (memcmp(buf, f->data + off, want) != 0)
				FAIL("step %d: %s differs from the model", step,
				    f->path);
		} else if (what == 8) {
			CHECK_EQ(ext2_sync(&fs), 0);
		} else if (rnd() % 20 == 0) {
			remount(0);
			model_check();
		}
	}
	model_check();
	stop();
	for (int i = 0; i < MFILES; i++) {
		if (mf[i].live)
			check_dump(mf[i].path, mf[i].data, mf[i].len);
		free(mf[i].data);
	}
	free(buf);
}

/* Thousands of random operations keep files as a model says and the file
 * system consistent for e2fsck, with 1 and 4 KiB blocks. */
TEST(random_operations)
{
	random_ops("1k", 1, 3000);
	random_ops("4k", 2, 3000);
}

/* ---- random trees ------------------------------------------------------ */

#define TNODES 400

/* One name of the model tree: its parent, its name and kind. */
struct tnode {
	int parent;                  /* index; node 0 is /rt */
	char name[16];
	int dir;
	int live;
};

static struct tnode tn[TNODES];
static int tcount;

/* tpath: the path of tree node K. */
static void tpath(int k, char *out, size_t len)
{
	if (k == 0) {
		snprintf(out, len, "/rt");
		return;
	}
	char up[512];
	tpath(tn[k].parent, up, sizeof(up));
	snprintf(out, len, "%s/%s", up, tn[k].name);
}

/* tpick: a live node (a directory when DIR) other than node 0 unless
 * ZERO; -1 when none came up. */
static int tpick(int dir, int zero)
{
	for (int tries = 0; tries < 50; tries++) {
		int k = (int) (rnd() % (uint32_t) tcount);
		if (tn[k].live && (dir < 0 || tn[k].dir == dir) && (zero || k))
			return k;
	}
	return -1;
}

/* tchildren: how many live nodes have K as parent. */
static int tchildren(int k)
{
	int n = 0;
	for (int i = 1; i < tcount; i++)
		n += tn[i].live && tn[i].parent == k;
	return n;
}

/* tbelow: is node P node K or under it? */
static int tbelow(int p, int k)
{
	for (; p; p = tn[p].parent)
		if (p == k)
			return 1;
	return k == 0;
}

/* tcheck: every live node is where the model says, of its kind, and a
 * directory's link count is 2 plus its subdirectories. */
static void tcheck(void)
{
	for (int k = 0; k < tcount; k++) {
		if (!tn[k].live)
			continue;
		char p[512];
		tpath(k, p, sizeof(p));
		struct ext2_node *n = walk(p);
		CHECK_EQ(S_ISDIR(n->d.i_mode) ? 1 : 0, tn[k].dir);
		if (tn[k].dir) {
			int sub = 0;
			for (int i = 1; i < tcount; i++)
				sub += tn[i].live && tn[i].dir && tn[i].parent == k;
			CHECK_EQ(n->d.i_links_count, 2 + sub);
		}
		ext2_iput(&fs, n);
	}
}

/* tnew: a new model node under P. */
static int tnew(int p, int dir)
{
	int k = tcount++;
	tn[k].parent = p;
	tn[k].dir = dir;
	tn[k].live = 1;
	snprintf(tn[k].name, sizeof(tn[k].name), "%c%d", dir ? 'd' : 'f', k);
	return k;
}

/* Random mkdir, create, rmdir (empty or not), unlink and renames of files
 * and directories (over files and directories, into their own subtree)
 * give the results and link counts a model says; e2fsck agrees. */
TEST(random_trees)
{
	seed = 77;
	start("1k", 0);
	CHECK_EQ(op('d', "/rt", 0755), 0);
	memset(tn, 0, sizeof(tn));
	tcount = 1;
	tn[0].dir = tn[0].live = 1;
	char a[512], b[512];
	while (tcount < TNODES - 1) {
		uint32_t what = rnd() % 8;
		int k, p, t;
		if (what <= 1 && (p = tpick(1, 1)) >= 0) {
			k = tnew(p, what == 0);
			tpath(k, a, sizeof(a));
			CHECK_EQ(op(what == 0 ? 'd' : 'c', a, 0755), 0);
		} else if (what == 2 && (k = tpick(1, 0)) >= 0) {
			tpath(k, a, sizeof(a));
			int empty = tchildren(k) == 0;
			CHECK_EQ(op('r', a, 0), empty ? 0 : -ENOTEMPTY);
			if (empty)
				tn[k].live = 0;
		} else if (what == 3 && (k = tpick(0, 0)) >= 0) {
			tpath(k, a, sizeof(a));
			CHECK_EQ(op('u', a, 0), 0);
			tn[k].live = 0;
		} else if (what >= 4 && (k = tpick(-1, 0)) >= 0 &&
		    (p = tpick(1, 1)) >= 0) {
			tpath(k, a, sizeof(a));
			int expect = 0;
			t = rnd() % 2 ? tpick(-1, 0) : -1;
			if (t >= 0 && (t == k || tn[t].parent != p))
				t = -1;
			if (tn[k].dir && tbelow(p, k))
				expect = -EINVAL;
			else if (t >= 0 && tn[t].dir && !tn[k].dir)
				expect = -EISDIR;
			else if (t >= 0 && !tn[t].dir && tn[k].dir)
				expect = -ENOTDIR;
			else if (t >= 0 && tn[t].dir && tchildren(t))
				expect = -ENOTEMPTY;
			char name[16];
			if (t >= 0)
				snprintf(name, sizeof(name), "%s", tn[t].name);
			else
				snprintf(name, sizeof(name), "m%d", tcount++);
			tpath(p, b, sizeof(b));
			snprintf(b + strlen(b), sizeof(b) - strlen(b), "/%s", name);
			CHECK_EQ(rename_paths(a, b), expect);
			if (expect == 0) {
				if (t >= 0)
					tn[t].live = 0;
				tn[k].parent = p;
				snprintf(tn[k].name, sizeof(tn[k].name), "%s", name);
			}
		}
		if (rnd() % 50 == 0)
			tcheck();
	}
	tcheck();
	remount(0);
	tcheck();
	stop();
}

static const struct kit_suite suite = {
	.name = "ext2_host", .backend = &kit_inproc, .timeout = 120,
};

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: ext2_host WORK [CASE...]\n");
		return 2;
	}
	snprintf(work, sizeof(work), "%s", argv[1]);
	snprintf(cur, sizeof(cur), "%s/cur.img", work);
	argv[1] = argv[0];              /* the kit reads the case names */
	return kit_main(&suite, argc - 1, argv + 1);
}
