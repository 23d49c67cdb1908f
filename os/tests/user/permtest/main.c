/* permtest: the file permission rules as an ordinary user meets them
 * (issue 17). Run by root: `permtest` runs every case, `permtest NAME...`
 * the named ones. Root prepares the files, then each case runs in a child
 * that becomes student (uid 1000, gid 1000) with PM_SETGID and PM_SETUID
 * (the as_root case stays root) and checks what VFS answers. One line per case, "permtest: NAME: OK" or
 * "permtest: NAME: FAILED (...)", then "permtest: ALL PASSED" (exit 0) or
 * "permtest: SOME FAILED" (exit 1). When PM cannot switch users it prints
 * "permtest: SKIP ..." and exits 77. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <abi/boot.h>
#include "syslib.h"

#define STUDENT 1000
#define SCRATCH "/tmp/permtest"        /* root's, 0755, in the sticky /tmp */
#define ROOTFILE "/tmp/permtest-root"  /* root's, 0666, in the sticky /tmp */

static int failed;                      /* in the child: this case */

#define EXPECT(call, want_errno) expect_errno(#call, (call), (want_errno), \
	__LINE__)
#define EXPECT_OK(call) EXPECT(call, 0)

/* expect_errno: CALL returned R: it must have failed with WANT (or, WANT
 * 0, succeeded). Prints the first mismatch. */
static void expect_errno(const char *call, long r, int want, int line)
{
	int got = r < 0 ? errno : 0;
	if (got == want)
		return;
	if (!failed)
		printf("(line %d: %s: %s, expected %s) ", line, call,
		    got ? strerror(got) : "succeeded",
		    want ? strerror(want) : "success");
	failed = 1;
}

/* become: switch the caller to UID and GID (group first: after the uid
 * change it could not). Returns 0 or the negative error of PM. */
static int become(uint32_t uid, uint32_t gid)
{
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = PM_SETGID;
	m.u.pm_cred.rgid = gid;
	int r = ipc_sendrec(PM_EP, &m);
	if (r == 0 && m.m_type != 0)
		r = m.m_type;
	if (r != 0)
		return r;
	memset(&m, 0, sizeof(m));
	m.m_type = PM_SETUID;
	m.u.pm_cred.ruid = uid;
	r = ipc_sendrec(PM_EP, &m);
	return r != 0 ? r : m.m_type;
}

/* open_close: open PATH with FLAGS and close it; the open's result. */
static int open_close(const char *path, int flags)
{
	int fd = open(path, flags, 0666);
	if (fd >= 0)
		close(fd);
	return fd;
}

/* ---- the cases (run as student) ---------------------------------------- */

static void case_etc(void)
{
	EXPECT_OK(open_close("/etc/passwd", O_RDONLY));
	EXPECT(open_close("/etc/passwd", O_WRONLY), EACCES);
	EXPECT(open_close("/etc/passwd", O_RDWR), EACCES);
	EXPECT(open_close("/etc/motd", O_RDONLY | O_TRUNC), EACCES);
	EXPECT(truncate("/etc/motd", 0), EACCES);
	EXPECT(open_close("/etc/new", O_WRONLY | O_CREAT), EACCES);
	EXPECT(mkdir("/etc/newdir", 0755), EACCES);
	EXPECT(unlink("/etc/passwd"), EACCES);
	EXPECT(rename("/etc/passwd", "/etc/p2"), EACCES);
	EXPECT(rename("/etc/passwd", "/tmp/p2"), EACCES);
	EXPECT(access("/etc/passwd", W_OK), EACCES);
	EXPECT_OK(access("/etc/passwd", R_OK));
	EXPECT(open_close("/etc/system.conf.d/new", O_WRONLY | O_CREAT), EACCES);
}

static void case_bin(void)
{
	EXPECT(unlink("/bin/ls"), EACCES);
	EXPECT(open_close("/bin/ls", O_WRONLY), EACCES);
	EXPECT(open_close("/bin/evil", O_WRONLY | O_CREAT), EACCES);
	EXPECT(rmdir("/usr/bin"), EACCES);
	EXPECT(rename("/bin", "/bin2"), EACCES);
}

static void case_root_home(void)
{
	struct stat st;
	EXPECT(chdir("/root"), EACCES);
	EXPECT(stat("/root/x", &st), EACCES);
	EXPECT(open_close("/root", O_RDONLY), EACCES);
	DIR *d = opendir("/root");
	EXPECT(d ? 0 : -1, EACCES);
	if (d)
		closedir(d);
	EXPECT_OK(stat("/root", &st));      /* the name itself is visible */
}

static void case_own_files(void)
{
	struct stat st;
	EXPECT_OK(chdir("/home/student"));
	EXPECT_OK(open_close("pt-f", O_WRONLY | O_CREAT));
	EXPECT_OK(stat("pt-f", &st));
	if (st.st_uid != STUDENT || st.st_gid != STUDENT ||
	    (st.st_mode & 07777) != 0644)
		EXPECT(-1, 0);              /* owner 1000:1000, 0666 less 022 */
	EXPECT_OK(mkdir("pt-d", 0777));
	EXPECT_OK(stat("pt-d", &st));
	if (st.st_uid != STUDENT || (st.st_mode & 07777) != 0755)
		EXPECT(-1, 0);
	EXPECT_OK(rename("pt-f", "pt-d/f"));
	EXPECT_OK(chmod("pt-d/f", 0600));
	EXPECT_OK(chmod("pt-d", 0500));
	EXPECT(unlink("pt-d/f"), EACCES);       /* no w on the directory */
	EXPECT_OK(chmod("pt-d", 0700));
	EXPECT_OK(unlink("pt-d/f"));
	EXPECT_OK(rmdir("pt-d"));
	EXPECT_OK(open_close(SCRATCH "-s", O_WRONLY | O_CREAT));  /* /tmp */
	EXPECT_OK(unlink(SCRATCH "-s"));
}

static void case_sticky_tmp(void)
{
	EXPECT_OK(open_close(ROOTFILE, O_RDWR));     /* 0666: may write */
	EXPECT(unlink(ROOTFILE), EACCES);            /* but not remove */
	EXPECT(rename(ROOTFILE, "/tmp/mine"), EACCES);
	EXPECT(rmdir(SCRATCH), EACCES);
	EXPECT_OK(open_close("/tmp/pt-mine", O_WRONLY | O_CREAT));
	EXPECT(rename("/tmp/pt-mine", ROOTFILE), EACCES);  /* replace root's */
	EXPECT_OK(unlink("/tmp/pt-mine"));
	EXPECT(open_close(SCRATCH "/x", O_WRONLY | O_CREAT), EACCES);
}

static void case_chmod_chown(void)
{
	EXPECT(chmod("/etc/passwd", 0666), EPERM);
	EXPECT(chmod(ROOTFILE, 0600), EPERM);
	EXPECT(chown(ROOTFILE, STUDENT, STUDENT), EPERM);
	EXPECT_OK(open_close("/home/student/pt-c", O_WRONLY | O_CREAT));
	EXPECT(chown("/home/student/pt-c", 0, -1), EPERM);     /* give away */
	EXPECT(chown("/home/student/pt-c", -1, 0), EPERM);     /* not its group */
	EXPECT_OK(chown("/home/student/pt-c", -1, STUDENT));
	EXPECT_OK(chown("/home/student/pt-c", STUDENT, -1));
	EXPECT_OK(chmod("/home/student/pt-c", 04755));
	EXPECT_OK(unlink("/home/student/pt-c"));
}

static void case_devices(void)
{
	EXPECT_OK(open_close("/dev/null", O_RDWR));
	EXPECT_OK(open_close("/dev/zero", O_RDONLY));
	EXPECT_OK(open_close("/dev/tty", O_RDWR));
	EXPECT(open_close("/dev/agent", O_RDWR), EACCES);
	EXPECT(open_close("/dev/console", O_RDONLY), EACCES);
	EXPECT(mknod("/tmp/pt-null", S_IFCHR | 0666, DEV_MAKE(1, 3)), EPERM);
	EXPECT(mknod("/home/student/pt-null", S_IFCHR | 0666, DEV_MAKE(1, 3)),
	    EPERM);
}

static void case_exec(void)
{
	char *argv[] = { "pt-prog", NULL };
	pid_t pid = fork();
	if (pid == 0) {
		execv(SCRATCH "/prog700", argv);
		_exit(errno == EACCES ? 42 : 43);
	}
	int status = 0;
	EXPECT_OK(waitpid(pid, &status, 0));
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 42 ? 0 : -1, 0);
	pid = fork();
	if (pid == 0) {
		execv(SCRATCH "/prog755", argv);   /* /bin/true */
		_exit(43);
	}
	EXPECT_OK(waitpid(pid, &status, 0));
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1, 0);
}

/* ---- the cases run as root --------------------------------------------- */

/* exec_status: the exit status of PATH run in a child, or 200 + errno when
 * execv failed. */
static int exec_status(const char *path)
{
	char *argv[] = { "pt-prog", NULL };
	pid_t pid = fork();
	if (pid == 0) {
		execv(path, argv);
		_exit(200 + errno);
	}
	int status = 0;
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static void case_root_bypass(void)
{
	struct stat st;
	EXPECT_OK(open_close(SCRATCH "/prog700", O_RDWR));
	EXPECT_OK(chmod(SCRATCH "/prog700", 0));
	EXPECT_OK(open_close(SCRATCH "/prog700", O_RDWR));   /* r/w: always */
	EXPECT(exec_status(SCRATCH "/prog700") == 200 + EACCES ? 0 : -1, 0);
	EXPECT_OK(chmod(SCRATCH "/prog700", 0010));          /* one x bit */
	EXPECT(exec_status(SCRATCH "/prog700") == 0 ? 0 : -1, 0);
	EXPECT_OK(chmod(SCRATCH "/prog700", 0700));
	EXPECT_OK(mkdir(SCRATCH "/closed", 0));
	EXPECT_OK(open_close(SCRATCH "/closed/f", O_WRONLY | O_CREAT));
	EXPECT_OK(stat(SCRATCH "/closed/f", &st));            /* x: always */
	EXPECT_OK(unlink(SCRATCH "/closed/f"));
	EXPECT_OK(rmdir(SCRATCH "/closed"));
	/* Another user's file in the sticky /tmp: root removes it. */
	EXPECT_OK(open_close("/tmp/pt-st", O_WRONLY | O_CREAT));
	EXPECT_OK(chown("/tmp/pt-st", STUDENT, STUDENT));
	EXPECT_OK(stat("/tmp/pt-st", &st));
	if (st.st_uid != STUDENT || st.st_gid != STUDENT)
		EXPECT(-1, 0);
	EXPECT_OK(chmod("/tmp/pt-st", 04755));
	EXPECT_OK(chown("/tmp/pt-st", 0, 0));         /* root keeps set-id */
	EXPECT_OK(stat("/tmp/pt-st", &st));
	if ((st.st_mode & 07777) != 04755)
		EXPECT(-1, 0);
	EXPECT_OK(chown("/tmp/pt-st", STUDENT, -1));
	EXPECT_OK(unlink("/tmp/pt-st"));
	EXPECT_OK(mknod(SCRATCH "/null", S_IFCHR | 0666, DEV_MAKE(1, 3)));
	EXPECT_OK(open_close(SCRATCH "/null", O_RDWR));
	EXPECT_OK(unlink(SCRATCH "/null"));
}

struct pt_case {
	const char *name;
	void (*fn)(void);
	int as_root;                /* 1: the child stays root */
};

static const struct pt_case cases[] = {
	{ "etc", case_etc, 0 },
	{ "bin", case_bin, 0 },
	{ "root_home", case_root_home, 0 },
	{ "own_files", case_own_files, 0 },
	{ "sticky_tmp", case_sticky_tmp, 0 },
	{ "chmod_chown", case_chmod_chown, 0 },
	{ "devices", case_devices, 0 },
	{ "exec", case_exec, 0 },
	{ "as_root", case_root_bypass, 1 },
	{ NULL, NULL, 0 },
};

/* ---- root's side ----------------------------------------------------------- */

/* copy_file: copy FROM to TO (made with MODE). 0 or -1. */
static int copy_file(const char *from, const char *to, mode_t mode)
{
	char buf[4096];
	int in = open(from, O_RDONLY);
	int out = open(to, O_WRONLY | O_CREAT | O_TRUNC, mode);
	ssize_t n = 0;
	while (in >= 0 && out >= 0 && (n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t) n) != n)
			n = -1;
	if (in >= 0)
		close(in);
	if (out >= 0)
		close(out);
	return in < 0 || out < 0 || n < 0 || chmod(to, mode) < 0 ? -1 : 0;
}

/* setup: root's files the cases need. 0 or -1 (printed). */
static int setup(void)
{
	mkdir(SCRATCH, 0755);
	if (chmod(SCRATCH, 0755) < 0 ||
	    copy_file("/bin/true", SCRATCH "/prog700", 0700) < 0 ||
	    copy_file("/bin/true", SCRATCH "/prog755", 0755) < 0 ||
	    open_close(ROOTFILE, O_WRONLY | O_CREAT) < 0 ||
	    chmod(ROOTFILE, 0666) < 0) {
		printf("permtest: cannot prepare %s: %s\n", SCRATCH,
		    strerror(errno));
		return -1;
	}
	return 0;
}

static void cleanup(void)
{
	unlink(SCRATCH "/prog700");
	unlink(SCRATCH "/prog755");
	rmdir(SCRATCH);
	unlink(ROOTFILE);
}

/* run_case: C in a child running as student (or root: C->as_root);
 * 0 when it passed. */
static int run_case(const struct pt_case *c)
{
	printf("permtest: %s: ", c->name);
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0) {
		printf("FAILED (fork: %s)\n", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		int r = c->as_root ? 0 : become(STUDENT, STUDENT);
		if (r != 0) {
			printf("FAILED (cannot become student: %d) ", r);
			failed = 1;
		} else {
			c->fn();
		}
		printf(failed ? "FAILED\n" : "OK\n");
		fflush(stdout);
		_exit(failed);
	}
	int status;
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status)) {
		printf("FAILED (the child died)\n");
		return -1;
	}
	return WEXITSTATUS(status) == 0 ? 0 : -1;
}

/* can_switch: whether PM lets root become student (a child tries). */
static int can_switch(void)
{
	pid_t pid = fork();
	if (pid == 0)
		_exit(become(STUDENT, STUDENT) == 0 ? 0 : 1);
	int status;
	return pid > 0 && waitpid(pid, &status, 0) == pid &&
	    WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

int main(int argc, char **argv)
{
	int bad = 0, ran = 0;
	if (!can_switch()) {
		printf("permtest: SKIP (PM cannot switch to uid %d)\n", STUDENT);
		return 77;
	}
	if (setup() < 0)
		return 1;
	for (const struct pt_case *c = cases; c->name; c++) {
		int wanted = argc < 2;
		for (int i = 1; i < argc; i++)
			wanted |= strcmp(argv[i], c->name) == 0;
		if (!wanted)
			continue;
		ran++;
		bad |= run_case(c) != 0;
	}
	cleanup();
	if (!ran) {
		printf("permtest: no such case\n");
		return 2;
	}
	printf(bad ? "permtest: SOME FAILED\n" : "permtest: ALL PASSED\n");
	return bad;
}
