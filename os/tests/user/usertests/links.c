/* usertests: names. Hard links (link: a second name, st_nlink, the data
 * outliving its first name, EPERM for a directory, EEXIST for a taken
 * name) and a directory tree deeper than PATH_MAX entered step by step
 * (chdir, getcwd, files made there). */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/stat.h>
#include "ut.h"

/* nlink_of: st_nlink of PATH (the test fails when stat does). */
static long nlink_of(const char *path)
{
	struct stat st;
	CHECK_SYS(stat(path, &st));
	return (long) st.st_nlink;
}

/* link, then unlink the first name: the data is still there under the
 * second, and goes with the last name. */
TEST(link_keeps_data)
{
	char buf[16];
	int fd = (int) CHECK_SYS(open("first", O_WRONLY | O_CREAT, 0644));
	ut_write_all(fd, "linked data", 11);
	CHECK_SYS(close(fd));
	CHECK_SYS(link("first", "second"));
	CHECK_SYS(unlink("first"));
	CHECK_ERR(open("first", O_RDONLY), ENOENT);
	fd = (int) CHECK_SYS(open("second", O_RDONLY));
	CHECK_EQ(ut_read_all(fd, buf, sizeof(buf)), 11);
	CHECK(memcmp(buf, "linked data", 11) == 0);
	CHECK_SYS(close(fd));
	CHECK_SYS(unlink("second"));
	CHECK_ERR(open("second", O_RDONLY), ENOENT);
}

/* st_nlink counts the names, in this and another directory; both names
 * are the same file (same inode, a write through one shows in the other). */
TEST(link_nlink)
{
	struct stat a, b;
	int fd = (int) CHECK_SYS(open("f", O_WRONLY | O_CREAT, 0644));
	CHECK_EQ(nlink_of("f"), 1);
	CHECK_SYS(mkdir("sub", 0755));
	CHECK_SYS(link("f", "g"));
	CHECK_SYS(link("f", "sub/h"));
	CHECK_EQ(nlink_of("f"), 3);
	CHECK_EQ(nlink_of("sub/h"), 3);
	CHECK_SYS(stat("f", &a));
	CHECK_SYS(stat("sub/h", &b));
	CHECK(a.st_ino == b.st_ino && a.st_dev == b.st_dev);
	ut_write_all(fd, "abc", 3);
	CHECK_SYS(close(fd));
	CHECK_SYS(stat("g", &b));
	CHECK_EQ(b.st_size, 3);
	CHECK_SYS(unlink("g"));
	CHECK_EQ(nlink_of("f"), 2);
	CHECK_SYS(rename("sub/h", "h"));
	CHECK_EQ(nlink_of("f"), 2);
	CHECK_SYS(unlink("h"));
	CHECK_EQ(nlink_of("f"), 1);
}

/* A directory cannot get a second name (EPERM); a missing file has none
 * to give (ENOENT). */
TEST(link_dir_eperm)
{
	CHECK_SYS(mkdir("d", 0755));
	CHECK_ERR(link("d", "d2"), EPERM);
	CHECK_ERR(link("missing", "x"), ENOENT);
	CHECK_ERR(link("d", "nodir/x"), ENOENT);
}

/* A name that is taken (a file, a directory) is not replaced: EEXIST, and
 * the file there is unchanged. */
TEST(link_exists)
{
	int fd = (int) CHECK_SYS(open("a", O_WRONLY | O_CREAT, 0644));
	CHECK_SYS(close(fd));
	fd = (int) CHECK_SYS(open("b", O_WRONLY | O_CREAT, 0644));
	ut_write_all(fd, "bb", 2);
	CHECK_SYS(close(fd));
	CHECK_SYS(mkdir("d", 0755));
	CHECK_ERR(link("a", "b"), EEXIST);
	CHECK_ERR(link("a", "d"), EEXIST);
	CHECK_ERR(link("a", "a"), EEXIST);
	struct stat st;
	CHECK_SYS(stat("b", &st));
	CHECK_EQ(st.st_size, 2);
	CHECK_EQ(nlink_of("a"), 1);
}

/* A tree of 40-byte names, entered one chdir at a time until the
 * absolute path passes 600 bytes (more than PATH_MAX on Phoenix): every
 * chdir works, getcwd gives the path (ERANGE for a buffer too small),
 * a file made at the bottom is there by its relative and its absolute
 * name, and ".." climbs back out. */
TEST(deep_chdir)
{
	static char want[2048], got[2048];
	char comp[41];
	memset(comp, 'p', 40);
	comp[40] = '\0';
	CHECK(getcwd(want, sizeof(want)) != NULL);
	int depth = 0;
	while (strlen(want) < 600) {
		CHECK_SYS(mkdir(comp, 0755));
		CHECK_SYS(chdir(comp));
		strcat(want, "/");
		strcat(want, comp);
		depth++;
		CHECK(getcwd(got, sizeof(got)) != NULL);
		CHECK_STR(got, want);
	}
	CHECK_ERR(getcwd(got, 100) != NULL ? 0 : -1, ERANGE);
	char *mine = getcwd(NULL, 0);
	CHECK(mine != NULL);
	CHECK_STR(mine, want);
	free(mine);
	int fd = (int) CHECK_SYS(open("bottom", O_RDWR | O_CREAT, 0644));
	ut_write_all(fd, "deep", 4);
	CHECK_SYS(close(fd));
	struct stat st;
	CHECK_SYS(stat("bottom", &st));
	CHECK_EQ(st.st_size, 4);
	char up[64];
	snprintf(up, sizeof(up), "../%s/bottom", comp);
	CHECK_SYS(stat(up, &st));
	CHECK_EQ(st.st_size, 4);
	CHECK_SYS(unlink("bottom"));
	for (int i = 0; i < depth; i++) {
		CHECK_SYS(chdir(".."));
		CHECK_SYS(rmdir(comp));
	}
}
