/* usertests: symbolic links. symlink and readlink; open, stat and chdir
 * follow links (relative ones from the link's directory), lstat, unlink
 * and rename act on the link; a dangling link; a loop is ELOOP; getcwd
 * after chdir through a link is the real path. Plain POSIX: the host
 * build runs the same checks against Linux. */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "ut.h"

/* put: create PATH holding TEXT. */
static void put(const char *path, const char *text)
{
	int fd = (int) CHECK_SYS(open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644));
	ut_write_all(fd, text, strlen(text));
	CHECK_SYS(close(fd));
}

/* got: the contents of PATH (up to 63 bytes) as a string in BUF. */
static const char *got(const char *path, char *buf)
{
	int fd = (int) CHECK_SYS(open(path, O_RDONLY));
	ssize_t n = ut_read_all(fd, buf, 63);
	CHECK_SYS(close(fd));
	buf[n < 0 ? 0 : n] = '\0';
	return buf;
}

/* A link to a file: reading through it, stat of the file, lstat and
 * readlink of the link; writing through it changes the file. */
TEST(symlink_file)
{
	char buf[64];
	struct stat st;
	put("target", "through the link");
	CHECK_SYS(symlink("target", "l"));
	CHECK_STR(got("l", buf), "through the link");
	CHECK_SYS(stat("l", &st));
	CHECK(S_ISREG(st.st_mode));
	CHECK_EQ(st.st_size, 16);
	CHECK_SYS(lstat("l", &st));
	CHECK(S_ISLNK(st.st_mode));
	CHECK_EQ(st.st_size, 6);
	memset(buf, 'x', sizeof(buf));
	CHECK_EQ(readlink("l", buf, sizeof(buf)), 6);
	CHECK(memcmp(buf, "targetx", 7) == 0);         /* no NUL added */
	CHECK_EQ(readlink("l", buf, 3), 3);
	CHECK_ERR(readlink("target", buf, sizeof(buf)), EINVAL);
	CHECK_ERR(readlink("missing", buf, sizeof(buf)), ENOENT);
	int fd = (int) CHECK_SYS(open("l", O_WRONLY | O_APPEND));
	ut_write_all(fd, "!", 1);
	CHECK_SYS(close(fd));
	CHECK_STR(got("target", buf), "through the link!");
	CHECK_ERR(symlink("x", "l"), EEXIST);
	CHECK_ERR(symlink("x", "target"), EEXIST);
	CHECK_ERR(symlink("x", "nodir/l"), ENOENT);
}

/* Links to directories, absolute and relative, in the middle of a path;
 * chdir through one: getcwd names the directory itself. */
TEST(symlink_dir)
{
	char buf[64], here[PATH_MAX / 2], cwd[PATH_MAX], want[PATH_MAX];
	CHECK(getcwd(here, sizeof(here)) != NULL);
	CHECK_SYS(mkdir("d", 0755));
	CHECK_SYS(mkdir("d/sub", 0755));
	put("d/sub/f", "deep");
	snprintf(want, sizeof(want), "%s/d/sub", here);
	CHECK_SYS(symlink(want, "abs"));
	CHECK_SYS(symlink("d/sub", "rel"));
	CHECK_SYS(symlink("../sub/f", "d/sub/up"));      /* from its own dir */
	CHECK_STR(got("abs/f", buf), "deep");
	CHECK_STR(got("rel/f", buf), "deep");
	CHECK_STR(got("rel/up", buf), "deep");
	CHECK_SYS(chdir("rel"));
	CHECK(getcwd(cwd, sizeof(cwd)) != NULL);
	CHECK_STR(cwd, want);
	CHECK_STR(got("f", buf), "deep");
	CHECK_SYS(chdir(".."));                          /* d, not here */
	CHECK(getcwd(cwd, sizeof(cwd)) != NULL);
	snprintf(want, sizeof(want), "%s/d", here);
	CHECK_STR(cwd, want);
	CHECK_SYS(chdir(here));
	CHECK_ERR(chdir("rel/f"), ENOTDIR);
	/* unlink and rmdir take the link, never what it names. */
	CHECK_ERR(rmdir("rel"), ENOTDIR);
	CHECK_SYS(unlink("rel"));
	CHECK_SYS(unlink("abs"));
	CHECK_STR(got("d/sub/f", buf), "deep");
}

/* A dangling link can be looked at and removed, not followed; rename
 * moves the link. */
TEST(symlink_dangling)
{
	struct stat st;
	char buf[64];
	CHECK_SYS(symlink("nothing/here", "dang"));
	CHECK_ERR(open("dang", O_RDONLY), ENOENT);
	CHECK_ERR(stat("dang", &st), ENOENT);
	CHECK_SYS(lstat("dang", &st));
	CHECK(S_ISLNK(st.st_mode));
	CHECK_SYS(rename("dang", "moved"));
	CHECK_ERR(lstat("dang", &st), ENOENT);
	CHECK_EQ(readlink("moved", buf, sizeof(buf)), 12);
	CHECK_SYS(unlink("moved"));
}

/* A link to itself and a pair pointing at each other: ELOOP for any call
 * that follows them. */
TEST(symlink_loop)
{
	struct stat st;
	CHECK_SYS(symlink("self", "self"));
	CHECK_SYS(symlink("b", "a"));
	CHECK_SYS(symlink("a", "b"));
	CHECK_ERR(stat("self", &st), ELOOP);
	CHECK_ERR(open("a", O_RDONLY), ELOOP);
	CHECK_ERR(chdir("b"), ELOOP);
	CHECK_ERR(open("a/x", O_RDONLY), ELOOP);
	CHECK_SYS(lstat("a", &st));
	CHECK_SYS(unlink("a"));
	CHECK_SYS(unlink("b"));
	CHECK_SYS(unlink("self"));
}
