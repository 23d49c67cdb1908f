/* usertests: users and permissions. Every rule is checked twice: as root
 * (the runner) and as the ordinary user `student` (a child that dropped to
 * uid and gid 1000). Covered: read/write bits on open (O_TRUNC needs
 * write), creating, removing and renaming in a directory (write and search
 * on it), search permission on every directory of a path and for chdir,
 * exec (x; root needs one x bit too), chmod and chown (owner or root; no
 * giving files away), the sticky bit, and on Phoenix the modes of the
 * system's own files and mknod. (Ids and signals: creds.c.)
 * Plain POSIX: the host build runs the same checks against Linux. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "ut.h"

#define STUDENT 1000        /* uid and gid of `student` (/etc/passwd) */

/* is_root: whether the runner is root; the checks need it (Phoenix's
 * console always is; a host run as an ordinary user skips them). */
static int is_root(void)
{
	if (geteuid() == 0)
		return 1;
	kit_note("not root: permission checks skipped (host run as a user)");
	return 0;
}

/* as_student: run FN in a child that became `student` (real, effective
 * and saved ids), and fail unless every check in it passed. */
static void as_student(void (*fn)(void))
{
	pid_t pid = ut_fork();
	if (pid == 0) {
		CHECK_SYS(setgid(STUDENT));
		CHECK_SYS(setuid(STUDENT));
		CHECK_EQ(getuid(), STUDENT);
		CHECK_EQ(geteuid(), STUDENT);
		CHECK_EQ(getegid(), STUDENT);
		fn();
		exit(0);
	}
	EXPECT_EXIT(pid, 0);
}

/* put: create PATH (mode MODE, owner UID:GID) holding TEXT, as root. */
static void put(const char *path, mode_t mode, uid_t uid, gid_t gid,
    const char *text)
{
	int fd = (int) CHECK_SYS(open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600));
	ut_write_all(fd, text, strlen(text));
	CHECK_SYS(close(fd));
	CHECK_SYS(chown(path, uid, gid));
	CHECK_SYS(chmod(path, mode));
}

/* dir: make directory PATH with MODE and owner UID:GID, as root. */
static void dir(const char *path, mode_t mode, uid_t uid, gid_t gid)
{
	CHECK_SYS(mkdir(path, 0700));
	CHECK_SYS(chown(path, uid, gid));
	CHECK_SYS(chmod(path, mode));
}

/* The layout most tests share, made by root in the scratch directory
 * (itself opened up so that student can reach it): r/ root's 0755
 * directory with secret (0600) and pub (0644); s/ student's own 0755. */
static void layout(void)
{
	CHECK_SYS(chmod(".", 0755));
	dir("r", 0755, 0, 0);
	put("r/secret", 0600, 0, 0, "root only");
	put("r/pub", 0644, 0, 0, "everyone reads");
	dir("s", 0755, STUDENT, STUDENT);
}

/* ---- read and write bits ---- */

static void rw_student(void)
{
	CHECK_ERR(open("r/secret", O_RDONLY), EACCES);
	CHECK_ERR(open("r/secret", O_WRONLY), EACCES);
	int fd = (int) CHECK_SYS(open("r/pub", O_RDONLY));
	close(fd);
	CHECK_ERR(open("r/pub", O_WRONLY), EACCES);
	CHECK_ERR(open("r/pub", O_RDWR), EACCES);
	CHECK_ERR(open("r/pub", O_WRONLY | O_TRUNC), EACCES);
	CHECK_ERR(open("r/pub", O_WRONLY | O_APPEND), EACCES);
	struct stat st;
	CHECK_SYS(stat("r/pub", &st));           /* stat needs no read bit */
	CHECK_EQ(st.st_size, 14);
	CHECK_EQ(st.st_uid, 0);
}

/* Owner, group and other bits decide open; root reads and writes any
 * file, even mode 0000. */
TEST(perm_read_write)
{
	if (!is_root())
		return;
	layout();
	as_student(rw_student);
	int fd = (int) CHECK_SYS(open("r/secret", O_RDWR));
	close(fd);
	CHECK_SYS(chmod("r/pub", 0));
	fd = (int) CHECK_SYS(open("r/pub", O_RDWR | O_APPEND));
	CHECK_EQ(write(fd, "!", 1), 1);
	close(fd);
}

static void group_student(void)
{
	int fd = (int) CHECK_SYS(open("r/group", O_RDONLY));
	close(fd);
	CHECK_ERR(open("r/group", O_WRONLY), EACCES);
}

/* The group bits apply to a member of the file's group, the other bits
 * to everyone else. */
TEST(perm_group)
{
	if (!is_root())
		return;
	layout();
	put("r/group", 0640, 0, STUDENT, "group reads");
	put("r/other", 0604, 0, 0, "others read");
	put("r/nogroup", 0604, 0, STUDENT, "others read, group not");
	as_student(group_student);
	pid_t pid = ut_fork();
	if (pid == 0) {
		CHECK_SYS(setgid(STUDENT));
		CHECK_SYS(setuid(STUDENT));
		int fd = (int) CHECK_SYS(open("r/other", O_RDONLY));
		close(fd);
		/* The group class matches first: 0 for the group, so no. */
		CHECK_ERR(open("r/nogroup", O_RDONLY), EACCES);
		exit(0);
	}
	EXPECT_EXIT(pid, 0);
}

/* ---- creating, removing, renaming ---- */

static void create_student(void)
{
	CHECK_ERR(open("r/new", O_WRONLY | O_CREAT, 0644), EACCES);
	CHECK_ERR(mkdir("r/newdir", 0755), EACCES);
	CHECK_ERR(unlink("r/pub"), EACCES);
	CHECK_ERR(rename("r/pub", "r/moved"), EACCES);
	CHECK_ERR(rename("r/pub", "s/moved"), EACCES);
	CHECK_ERR(rmdir("r/empty"), EACCES);
	/* In its own directory it may do all of it. */
	int fd = (int) CHECK_SYS(open("s/mine", O_WRONLY | O_CREAT, 0644));
	close(fd);
	struct stat st;
	CHECK_SYS(stat("s/mine", &st));
	CHECK_EQ(st.st_uid, STUDENT);
	CHECK_EQ(st.st_gid, STUDENT);
	CHECK_SYS(mkdir("s/d", 0755));
	CHECK_SYS(stat("s/d", &st));
	CHECK_EQ(st.st_uid, STUDENT);
	CHECK_SYS(rename("s/mine", "s/renamed"));
	CHECK_SYS(unlink("s/renamed"));
	CHECK_SYS(rmdir("s/d"));
	/* Moving root's file out of root's directory needs write on r/. */
	CHECK_ERR(rename("r/pub", "s/pub"), EACCES);
}

/* Creating, removing and renaming need write and search permission on
 * the directory; new files belong to the creator's effective ids. */
TEST(perm_create_remove)
{
	if (!is_root())
		return;
	layout();
	dir("r/empty", 0755, 0, 0);
	as_student(create_student);
	struct stat st;
	CHECK_SYS(stat("r/pub", &st));           /* untouched */
	CHECK_SYS(stat("r/empty", &st));
	CHECK_SYS(rename("r/pub", "r/moved"));   /* root may */
	CHECK_SYS(rmdir("r/empty"));
	int fd = (int) CHECK_SYS(open("r/new", O_WRONLY | O_CREAT, 0644));
	close(fd);
	CHECK_SYS(stat("r/new", &st));
	CHECK_EQ(st.st_uid, 0);
}

/* ---- search permission ---- */

static void search_student(void)
{
	CHECK_ERR(chdir("r/priv"), EACCES);
	CHECK_ERR(open("r/priv/f", O_RDONLY), EACCES);
	struct stat st;
	CHECK_ERR(stat("r/priv/f", &st), EACCES);
	CHECK_ERR(opendir("r/priv") ? 0 : -1, EACCES);
	/* Readable but not searchable: names can be listed, not reached. */
	CHECK_ERR(open("r/list/f", O_RDONLY), EACCES);
	CHECK_ERR(chdir("r/list"), EACCES);
	DIR *d = opendir("r/list");
	CHECK(d != NULL);
	closedir(d);
	CHECK_SYS(chdir("s"));
}

/* Every directory on a path needs search (x) permission, chdir too;
 * listing needs read. Root passes through any directory. */
TEST(perm_search)
{
	if (!is_root())
		return;
	layout();
	dir("r/priv", 0700, 0, 0);
	put("r/priv/f", 0644, 0, 0, "hidden");
	dir("r/list", 0744, 0, 0);
	put("r/list/f", 0644, 0, 0, "listed");
	as_student(search_student);
	CHECK_SYS(chmod("r/priv", 0));
	int fd = (int) CHECK_SYS(open("r/priv/f", O_RDONLY));
	close(fd);
	CHECK_SYS(chdir("r/priv"));
	CHECK_SYS(chdir("../.."));
}

/* ---- exec ---- */

/* copy_program: a copy of /bin/true at PATH with MODE (root's). */
static void copy_program(const char *path, mode_t mode)
{
	static char buf[4096];
	int in = (int) CHECK_SYS(open("/bin/true", O_RDONLY));
	int out = (int) CHECK_SYS(open(path, O_WRONLY | O_CREAT | O_TRUNC, 0700));
	ssize_t n;
	while ((n = read(in, buf, sizeof(buf))) > 0)
		ut_write_all(out, buf, (size_t) n);
	CHECK(n == 0);
	close(in);
	close(out);
	CHECK_SYS(chmod(path, mode));
}

/* run: exec PATH in a child; its exit status, 127 + errno reported as
 * 100 + errno when exec failed. */
static int run(const char *path)
{
	pid_t pid = ut_fork();
	if (pid == 0) {
		char *argv[] = { (char *) path, NULL };
		execv(path, argv);
		_exit(100 + errno);
	}
	int ws = ut_wait(pid);
	CHECK(WIFEXITED(ws));
	return WEXITSTATUS(ws);
}

static void exec_student(void)
{
	CHECK_EQ(run("r/owner-only"), 100 + EACCES);
	CHECK_EQ(run("r/no-x"), 100 + EACCES);
	CHECK_EQ(run("r/everyone"), 0);
}

/* Exec needs an x bit that applies; root needs at least one x bit. */
TEST(perm_exec)
{
	if (!is_root())
		return;
	layout();
	copy_program("r/owner-only", 0700);
	copy_program("r/no-x", 0644);
	copy_program("r/everyone", 0755);
	as_student(exec_student);
	CHECK_EQ(run("r/owner-only"), 0);
	CHECK_EQ(run("r/no-x"), 100 + EACCES);
	CHECK_EQ(run("r/everyone"), 0);
}

/* ---- chmod and chown ---- */

static void chmod_student(void)
{
	CHECK_SYS(chmod("s/mine", 0600));
	struct stat st;
	CHECK_SYS(stat("s/mine", &st));
	CHECK_EQ(st.st_mode & 07777, 0600);
	CHECK_ERR(chmod("r/pub", 0666), EPERM);
	CHECK_ERR(chown("r/pub", STUDENT, STUDENT), EPERM);
	CHECK_ERR(chown("s/mine", 0, STUDENT), EPERM);       /* give away */
	CHECK_ERR(chown("s/mine", (uid_t) -1, 0), EPERM);    /* not its group */
	CHECK_SYS(chown("s/mine", (uid_t) -1, STUDENT));     /* its own group */
	CHECK_SYS(stat("r/pub", &st));
	CHECK_EQ(st.st_mode & 07777, 0644);
	CHECK_EQ(st.st_uid, 0);
}

/* Only the owner or root may chmod; only root may give a file away; an
 * owner may set the group only to one it is in. */
TEST(perm_chmod_chown)
{
	if (!is_root())
		return;
	layout();
	put("s/mine", 0644, STUDENT, STUDENT, "student's");
	as_student(chmod_student);
	CHECK_SYS(chown("s/mine", 0, 0));
	CHECK_SYS(chmod("s/mine", 04755));
	struct stat st;
	CHECK_SYS(stat("s/mine", &st));
	CHECK_EQ(st.st_uid, 0);
	CHECK_EQ(st.st_gid, 0);
	CHECK_EQ(st.st_mode & 07777, 04755);
}

/* ---- the sticky bit ---- */

static void sticky_student(void)
{
	int fd = (int) CHECK_SYS(open("t/mine", O_WRONLY | O_CREAT, 0644));
	close(fd);
	CHECK_ERR(unlink("t/roots"), EPERM);
	CHECK_ERR(rename("t/roots", "t/taken"), EPERM);
	CHECK_SYS(rename("t/mine", "t/mine2"));
	CHECK_SYS(unlink("t/mine2"));
}

/* In a sticky directory (/tmp's 1777) everyone creates, but only a
 * file's owner (or the directory's, or root) removes or renames it. */
TEST(perm_sticky)
{
	if (!is_root())
		return;
	layout();
	dir("t", 01777, 0, 0);
	put("t/roots", 0666, 0, 0, "root's, writable by all");
	as_student(sticky_student);
	struct stat st;
	CHECK_SYS(stat("t/roots", &st));
	CHECK_SYS(unlink("t/roots"));
}

#ifdef __phoenix__
/* ---- the system's own files and mknod (Phoenix only) ---- */

/* expect_mode: PATH has MODE (permission bits) and owner 0:0. */
static void expect_mode(const char *path, mode_t mode)
{
	struct stat st;
	if (stat(path, &st) < 0)
		FAIL("stat %s: %s", path, strerror(errno));
	if ((st.st_mode & 07777) != mode || st.st_uid != 0 || st.st_gid != 0)
		FAIL("%s is %04o %u:%u, expected %04o 0:0",
		    path, (unsigned) (st.st_mode & 07777), (unsigned) st.st_uid,
		    (unsigned) st.st_gid, (unsigned) mode);
}

static void system_student(void)
{
	CHECK_ERR(opendir("/root") ? 0 : -1, EACCES);
	CHECK_ERR(open("/etc/passwd", O_WRONLY), EACCES);
	CHECK_ERR(open("/etc/rc", O_WRONLY | O_TRUNC), EACCES);
	CHECK_ERR(open("/etc/evil", O_WRONLY | O_CREAT, 0644), EACCES);
	CHECK_ERR(open("/etc/system.conf.d/evil", O_WRONLY | O_CREAT, 0644),
	    EACCES);
	CHECK_ERR(open("/bin/sh", O_WRONLY), EACCES);
	CHECK_ERR(unlink("/bin/sh"), EACCES);
	CHECK_ERR(open("/dev/agent", O_RDWR), EACCES);
	CHECK_ERR(mknod("/tmp/ut-console", S_IFCHR | 0666, DEV_MAKE(4, 0)),
	    EPERM);
	int fd = (int) CHECK_SYS(open("/dev/hello", O_RDONLY));
	close(fd);
	fd = (int) CHECK_SYS(open("/dev/null", O_RDWR));
	close(fd);
}

/* The modes the system is built with: /root private, /etc and the
 * manifests root's and not writable by others, /tmp sticky and open,
 * devices with the modes their drivers need; an ordinary user cannot
 * change any of it or make device nodes. */
TEST(perm_system)
{
	expect_mode("/root", 0700);
	expect_mode("/etc", 0755);
	expect_mode("/etc/passwd", 0644);
	expect_mode("/etc/group", 0644);
	expect_mode("/etc/system.conf.d", 0755);
	expect_mode("/tmp", 01777);
	expect_mode("/bin/sh", 0755);
	expect_mode("/dev/hello", 0666);
	expect_mode("/dev/null", 0666);
	expect_mode("/dev/agent", 0600);
	struct stat st;
	CHECK_SYS(stat("/home/student", &st));
	CHECK_EQ(st.st_uid, STUDENT);
	CHECK_EQ(st.st_gid, STUDENT);
	as_student(system_student);
}
#endif
