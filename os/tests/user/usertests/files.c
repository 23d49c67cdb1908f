/* usertests: files. Reading, writing, seeking, appending and truncating;
 * many files in a directory; unlink of an open file; rename; directories;
 * stat; shared offsets of dup'ed descriptors; a 1 MiB file; /dev/null and
 * /dev/zero. Every test runs in its own scratch directory. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/stat.h>
#include "ut.h"

/* Create file PATH holding TEXT. */
static void make_file(const char *path, const char *text)
{
	int fd = (int) CHECK_SYS(open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644));
	ut_write_all(fd, text, strlen(text));
	CHECK_SYS(close(fd));
}

/* Fail unless file PATH holds exactly TEXT. */
static void expect_contents(const char *path, const char *text)
{
	char buf[512];
	int fd = (int) CHECK_SYS(open(path, O_RDONLY));
	ssize_t n = ut_read_all(fd, buf, sizeof(buf) - 1);
	buf[n] = '\0';
	close(fd);
	if (strcmp(buf, text) != 0)
		FAIL("%s holds \"%s\", expected \"%s\"",
		    path, buf, text);
}

/* Write, read back, seek from each origin, and write past the end (the
 * gap reads as zeros). */
TEST(file_rw)
{
	char buf[64];
	int fd = (int) CHECK_SYS(open("f", O_RDWR | O_CREAT | O_EXCL, 0644));
	CHECK_EQ(write(fd, "hello world", 11), 11);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 0);        /* at the end */
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 11);
	CHECK(memcmp(buf, "hello world", 11) == 0);
	CHECK_EQ(lseek(fd, 6, SEEK_SET), 6);
	CHECK_EQ(read(fd, buf, 5), 5);
	CHECK(memcmp(buf, "world", 5) == 0);
	CHECK_EQ(lseek(fd, -5, SEEK_END), 6);
	CHECK_EQ(lseek(fd, -2, SEEK_CUR), 4);
	CHECK_EQ(read(fd, buf, 2), 2);
	CHECK(memcmp(buf, "o ", 2) == 0);
	CHECK_EQ(lseek(fd, 0, SEEK_END), 11);
	CHECK_ERR(lseek(fd, -100, SEEK_SET), EINVAL);
	CHECK_EQ(lseek(fd, 20, SEEK_SET), 20);
	CHECK_EQ(write(fd, "!", 1), 1);
	struct stat st;
	CHECK_SYS(fstat(fd, &st));
	CHECK_EQ(st.st_size, 21);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	memset(buf, 'x', sizeof(buf));
	CHECK_EQ(read(fd, buf, sizeof(buf)), 21);
	for (int i = 11; i < 20; i++)
		CHECK_EQ(buf[i], 0);
	CHECK_EQ(buf[20], '!');
	/* Overwrite in the middle. */
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	CHECK_EQ(write(fd, "HE", 2), 2);
	CHECK_SYS(close(fd));
	CHECK_ERR(open("f", O_RDWR | O_CREAT | O_EXCL, 0644), EEXIST);
	fd = (int) CHECK_SYS(open("f", O_RDONLY));
	CHECK_EQ(read(fd, buf, 5), 5);
	CHECK(memcmp(buf, "HEllo", 5) == 0);
	CHECK_ERR(write(fd, "x", 1), EBADF);            /* read-only */
	close(fd);
	fd = (int) CHECK_SYS(open("f", O_WRONLY));
	CHECK_ERR(read(fd, buf, 1), EBADF);             /* write-only */
	close(fd);
	CHECK_ERR(open("missing", O_RDONLY), ENOENT);
}

/* O_APPEND writes at the end whatever the offset; O_TRUNC empties. */
TEST(file_append)
{
	make_file("f", "abc");
	int fd = (int) CHECK_SYS(open("f", O_WRONLY | O_APPEND));
	CHECK_EQ(write(fd, "def", 3), 3);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	CHECK_EQ(write(fd, "ghi", 3), 3);
	close(fd);
	expect_contents("f", "abcdefghi");

	fd = (int) CHECK_SYS(open("f", O_RDWR | O_TRUNC));
	struct stat st;
	CHECK_SYS(fstat(fd, &st));
	CHECK_EQ(st.st_size, 0);
	char c;
	CHECK_EQ(read(fd, &c, 1), 0);
	CHECK_EQ(write(fd, "xy", 2), 2);
	close(fd);
	expect_contents("f", "xy");
	CHECK_SYS(stat("f", &st));
	CHECK_EQ(st.st_size, 2);
}

#define NFILES 100

/* NFILES files in one directory: readdir lists each exactly once (and
 * none once they are unlinked). */
TEST(many_files)
{
	char name[32];
	static int seen[NFILES];
	CHECK_SYS(mkdir("d", 0755));
	for (int i = 0; i < NFILES; i++) {
		snprintf(name, sizeof(name), "d/file%03d", i);
		make_file(name, name);
	}
	DIR *d = opendir("d");
	CHECK(d != NULL);
	struct dirent *e;
	int n = 0;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		char *end;
		long i = strtol(e->d_name + 4, &end, 10);
		if (strncmp(e->d_name, "file", 4) != 0 || *end != '\0' || i < 0 ||
		    i >= NFILES)
			FAIL("unexpected entry %s", e->d_name);
		if (seen[i]++)
			FAIL("entry %s listed twice", e->d_name);
		n++;
	}
	closedir(d);
	CHECK_EQ(n, NFILES);
	for (int i = 0; i < NFILES; i += 7) {
		snprintf(name, sizeof(name), "d/file%03d", i);
		expect_contents(name, name);
	}
	for (int i = 0; i < NFILES; i++) {
		snprintf(name, sizeof(name), "d/file%03d", i);
		CHECK_SYS(unlink(name));
	}
	d = opendir("d");
	CHECK(d != NULL);
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			FAIL("%s still listed", e->d_name);
	closedir(d);
	CHECK_SYS(rmdir("d"));
}

/* A file unlinked while open is gone from its directory but still reads
 * and writes through the descriptor. */
TEST(unlink_open)
{
	make_file("f", "still here");
	int fd = (int) CHECK_SYS(open("f", O_RDWR));
	CHECK_SYS(unlink("f"));
	struct stat st;
	CHECK_ERR(stat("f", &st), ENOENT);
	CHECK_ERR(unlink("f"), ENOENT);
	char buf[32];
	CHECK_EQ(read(fd, buf, sizeof(buf)), 10);
	CHECK(memcmp(buf, "still here", 10) == 0);
	CHECK_EQ(write(fd, "!", 1), 1);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 11);
	/* A new file of the same name is a different file. */
	make_file("f", "new");
	expect_contents("f", "new");
	CHECK_SYS(close(fd));
}

/* rename moves a file, replaces an existing target, and moves into
 * another directory. */
TEST(rename)
{
	struct stat st;
	make_file("a", "content a");
	CHECK_SYS(rename("a", "b"));
	CHECK_ERR(stat("a", &st), ENOENT);
	expect_contents("b", "content a");
	make_file("c", "content c");
	CHECK_SYS(rename("c", "b"));            /* replaces b */
	CHECK_ERR(stat("c", &st), ENOENT);
	expect_contents("b", "content c");
	CHECK_SYS(mkdir("d", 0755));
	CHECK_SYS(rename("b", "d/b"));
	expect_contents("d/b", "content c");
	CHECK_ERR(rename("missing", "x"), ENOENT);
}

/* mkdir, rmdir and their errors; chdir and getcwd. */
TEST(dirs)
{
	struct stat st;
	char cwd[256], sub[256];
	CHECK_SYS(mkdir("d", 0755));
	CHECK_ERR(mkdir("d", 0755), EEXIST);
	make_file("d/f", "x");
	CHECK_ERR(rmdir("d"), ENOTEMPTY);
	CHECK_ERR(rmdir("d/f"), ENOTDIR);
	CHECK_ERR(mkdir("d/f/g", 0755), ENOTDIR);
	CHECK_ERR(mkdir("nowhere/g", 0755), ENOENT);
	CHECK_ERR(open("d/f/g", O_RDONLY), ENOTDIR);
	CHECK_SYS(mkdir("d/e", 0755));
	CHECK_SYS(stat("d/e", &st));
	CHECK(S_ISDIR(st.st_mode));

	CHECK(getcwd(cwd, sizeof(cwd)) != NULL);
	CHECK_SYS(chdir("d/e"));
	CHECK(getcwd(sub, sizeof(sub)) != NULL);
	if (strlen(sub) != strlen(cwd) + 4 || strncmp(sub, cwd, strlen(cwd)) != 0 ||
	    strcmp(sub + strlen(cwd), "/d/e") != 0)
		FAIL("getcwd in %s/d/e gave %s", cwd, sub);
	make_file("../g", "relative");
	CHECK_SYS(chdir("../.."));
	expect_contents("d/g", "relative");
	CHECK_ERR(chdir("d/f"), ENOTDIR);
	CHECK_ERR(chdir("missing"), ENOENT);

	CHECK_SYS(unlink("d/f"));
	CHECK_SYS(unlink("d/g"));
	CHECK_SYS(rmdir("d/e"));
	CHECK_SYS(rmdir("d"));
	CHECK_ERR(rmdir("d"), ENOENT);
	CHECK_ERR(stat("d", &st), ENOENT);
}

/* stat and fstat give the right sizes and types. */
TEST(stat)
{
	struct stat st;
	make_file("f", "12345");
	CHECK_SYS(stat("f", &st));
	CHECK(S_ISREG(st.st_mode));
	CHECK_EQ(st.st_size, 5);
	CHECK(st.st_nlink >= 1);
	CHECK_SYS(mkdir("d", 0755));
	CHECK_SYS(stat("d", &st));
	CHECK(S_ISDIR(st.st_mode));
	CHECK_SYS(stat("/", &st));
	CHECK(S_ISDIR(st.st_mode));
	CHECK_SYS(stat("/dev/null", &st));
	CHECK(S_ISCHR(st.st_mode));
	int fd = (int) CHECK_SYS(open("f", O_WRONLY | O_APPEND));
	ut_write_all(fd, "6789", 4);
	CHECK_SYS(fstat(fd, &st));
	CHECK(S_ISREG(st.st_mode));
	CHECK_EQ(st.st_size, 9);
	close(fd);
	int pfd[2];
	CHECK_SYS(pipe(pfd));
	CHECK_SYS(fstat(pfd[0], &st));
	CHECK(S_ISFIFO(st.st_mode));
	CHECK_ERR(stat("missing", &st), ENOENT);
	CHECK_ERR(stat("f/x", &st), ENOTDIR);
}

/* dup and dup2 give descriptors that share one offset; closing one leaves
 * the other working. */
TEST(dup)
{
	char buf[8];
	make_file("f", "0123456789");
	int fd = (int) CHECK_SYS(open("f", O_RDONLY));
	int fd2 = (int) CHECK_SYS(dup(fd));
	CHECK(fd2 != fd);
	CHECK_EQ(read(fd, buf, 3), 3);
	CHECK_EQ(read(fd2, buf + 3, 3), 3);
	CHECK(memcmp(buf, "012345", 6) == 0);
	CHECK_EQ(lseek(fd2, 0, SEEK_CUR), 6);
	CHECK_EQ(dup2(fd, 10), 10);
	CHECK_EQ(lseek(10, 1, SEEK_SET), 1);
	CHECK_EQ(read(fd, buf, 1), 1);
	CHECK_EQ(buf[0], '1');
	CHECK_EQ(dup2(fd2, fd2), fd2);
	CHECK_SYS(close(fd));
	CHECK_EQ(read(fd2, buf, 1), 1);
	CHECK_EQ(buf[0], '2');
	/* dup2 onto an open descriptor closes it first. */
	int other = (int) CHECK_SYS(open("f", O_RDONLY));
	CHECK_EQ(dup2(fd2, other), other);
	CHECK_EQ(read(other, buf, 1), 1);
	CHECK_EQ(buf[0], '3');
	close(other);
	close(fd2);
	close(10);
	/* The lowest free descriptor is reused. */
	int a = (int) CHECK_SYS(open("f", O_RDONLY));
	close(a);
	int b = (int) CHECK_SYS(open("f", O_RDONLY));
	CHECK_EQ(b, a);
	close(b);
}

#define BIG (1024 * 1024)
#define CHUNK 4096

/* The byte at offset I of the big file. */
static unsigned char pattern(int i)
{
	return (unsigned char) (i * 7 + i / CHUNK);
}

/* A 1 MiB file written in 4 KiB chunks reads back intact, whole and from
 * the middle. */
TEST(big_file)
{
	static unsigned char buf[CHUNK];
	int fd = (int) CHECK_SYS(open("big", O_RDWR | O_CREAT | O_TRUNC, 0644));
	for (int off = 0; off < BIG; off += CHUNK) {
		for (int i = 0; i < CHUNK; i++)
			buf[i] = pattern(off + i);
		ut_write_all(fd, buf, CHUNK);
	}
	struct stat st;
	CHECK_SYS(fstat(fd, &st));
	CHECK_EQ(st.st_size, BIG);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	for (int off = 0; off < BIG; off += CHUNK) {
		CHECK_EQ(ut_read_all(fd, buf, CHUNK), CHUNK);
		for (int i = 0; i < CHUNK; i++)
			if (buf[i] != pattern(off + i))
				FAIL("byte %d is %d, expected %d",
				    off + i, buf[i], pattern(off + i));
	}
	CHECK_EQ(read(fd, buf, 1), 0);
	int mid = BIG / 2 + 1234;
	CHECK_EQ(lseek(fd, mid, SEEK_SET), mid);
	CHECK_EQ(ut_read_all(fd, buf, 100), 100);
	for (int i = 0; i < 100; i++)
		CHECK_EQ(buf[i], pattern(mid + i));
	close(fd);
	CHECK_SYS(unlink("big"));
}

/* /dev/null swallows writes and reads as empty; /dev/zero reads zeros. */
TEST(dev_null_zero)
{
	char buf[1000];
	int fd = (int) CHECK_SYS(open("/dev/null", O_RDWR));
	CHECK_EQ(write(fd, "discarded", 9), 9);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 0);
	close(fd);
	fd = (int) CHECK_SYS(open("/dev/zero", O_RDONLY));
	memset(buf, 0xff, sizeof(buf));
	CHECK_EQ(ut_read_all(fd, buf, sizeof(buf)), sizeof(buf));
	for (size_t i = 0; i < sizeof(buf); i++)
		CHECK_EQ(buf[i], 0);
	close(fd);
}

#ifdef __phoenix__
/* A 40 MiB file fits in the root file system (its memory budget is
 * MM_DATA_MAX, 64 MiB, and file data costs its size, not twice it: the
 * old doubling buffers failed with ENOSPC at about 32 MiB) and reads back
 * at its end. About 2 s on QEMU, 13 s on Bochs; the host test of rootfs
 * (pages_no_doubling) checks the memory it holds and gives back. */
TEST_TIMEOUT(file_40mib, 120)
{
	enum { PIECE = 64 * 1024, TOTAL = 40 * 1024 * 1024 };
	static char piece[PIECE];
	struct stat st;
	char end[2];
	int fd = (int) CHECK_SYS(open("big", O_RDWR | O_CREAT, 0644));
	for (int i = 0; i < TOTAL / PIECE; i++) {
		memset(piece, 'a' + i % 26, sizeof(piece));
		CHECK_EQ(write(fd, piece, PIECE), PIECE);
	}
	CHECK_SYS(fstat(fd, &st));
	CHECK_EQ(st.st_size, TOTAL);
	CHECK_EQ(lseek(fd, TOTAL - 1, SEEK_SET), TOTAL - 1);
	CHECK_EQ(read(fd, end, 2), 1);
	CHECK_EQ(end[0], 'a' + (TOTAL / PIECE - 1) % 26);
	CHECK_SYS(close(fd));
	CHECK_SYS(unlink("big"));
}
#endif
