/* Host test of the VFS server: every handler driven through vfs_dispatch
 * as user processes and PM would, with the real rootfs behind it and fake
 * drivers (fake.c). Built with the host gcc (-m32) by
 * os/tests/test_vfs_host.py. Its cases run on the test kit (os/tests/kit)
 * in process, in source order, each on the state the one before left:
 * "test NAME: OK|FAILED", then the summary. */
/* The kit first, and the host error numbers (its <errno.h>) that differ
 * from Phoenix's undefined: the server returns Phoenix's
 * (os/include/abi/errno.h, through syslib.h). A new difference stops the
 * build ("redefined"). */
#include "../kit_errno.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "vfs_server.h"
#include "fake.h"
#include <abi/clock.h>
#include <abi/socket.h>

#define A ep_make(20, 1)      /* user processes */
#define B ep_make(21, 1)
#define C ep_make(22, 1)
#define BAD_PTR 16u

/* ---- calls as a process makes them ------------------------------------ */

static int call(endpoint_t ep, message *m)
{
	m->m_source = ep;
	return vfs_dispatch(m);
}

static message msg(int type)
{
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = type;
	return m;
}

static message path_msg(int type, const char *path)
{
	message m = msg(type);
	m.u.vfs_path.path = (vir_bytes) path;
	m.u.vfs_path.path_len = strlen(path);
	return m;
}

static int v_open(endpoint_t ep, const char *path, int flags, int mode)
{
	message m = path_msg(VFS_OPEN, path);
	m.u.vfs_path.flags = flags;
	m.u.vfs_path.mode = (uint32_t) mode;
	return call(ep, &m);
}

static int v_path(endpoint_t ep, int type, const char *path)
{
	message m = path_msg(type, path);
	m.u.vfs_path.mode = 0755;
	return call(ep, &m);
}

static int v_fd(endpoint_t ep, int type, int fd, int fd2, int arg)
{
	message m = msg(type);
	m.u.vfs_fd.fd = fd;
	m.u.vfs_fd.fd2 = fd2;
	m.u.vfs_fd.arg = arg;
	return call(ep, &m);
}

static int v_close(endpoint_t ep, int fd)
{
	return v_fd(ep, VFS_CLOSE, fd, 0, 0);
}

static int v_io(endpoint_t ep, int type, int fd, const void *buf,
    uint32_t len)
{
	message m = msg(type);
	m.u.vfs_io.fd = fd;
	m.u.vfs_io.buf = (vir_bytes) buf;
	m.u.vfs_io.len = len;
	return call(ep, &m);
}

static int v_read(endpoint_t ep, int fd, void *buf, uint32_t len)
{
	return v_io(ep, VFS_READ, fd, buf, len);
}

static int v_write(endpoint_t ep, int fd, const void *buf, uint32_t len)
{
	return v_io(ep, VFS_WRITE, fd, buf, len);
}

static int v_writes(endpoint_t ep, int fd, const char *s)
{
	return v_write(ep, fd, s, strlen(s));
}

static int v_lseek(endpoint_t ep, int fd, int off, int whence, int *pos)
{
	message m = msg(VFS_LSEEK);
	m.u.vfs_lseek.fd = fd;
	m.u.vfs_lseek.offset = off;
	m.u.vfs_lseek.whence = whence;
	int r = call(ep, &m);
	if (pos)
		*pos = m.u.vfs_lseek.offset;
	return r;
}

static int v_stat(endpoint_t ep, const char *path, struct stat *st)
{
	message m = path_msg(VFS_STAT, path);
	m.u.vfs_path.buf = (vir_bytes) st;
	return call(ep, &m);
}

static int v_fstat(endpoint_t ep, int fd, struct stat *st)
{
	return v_io(ep, VFS_FSTAT, fd, st, sizeof(*st));
}

static int v_rename(endpoint_t ep, const char *a, const char *b)
{
	message m = path_msg(VFS_RENAME, a);
	m.u.vfs_path.path2 = (vir_bytes) b;
	m.u.vfs_path.path2_len = strlen(b);
	return call(ep, &m);
}

static int v_pipe(endpoint_t ep, int fds[2])
{
	message m = msg(VFS_PIPE);
	int r = call(ep, &m);
	fds[0] = m.u.vfs_fd.fd;
	fds[1] = m.u.vfs_fd.fd2;
	return r;
}

static int v_getcwd(endpoint_t ep, char *buf, uint32_t len)
{
	return v_io(ep, VFS_GETCWD, 0, buf, len);
}

static int v_ioctl(endpoint_t ep, int fd, uint32_t request, void *arg)
{
	message m = msg(VFS_IOCTL);
	m.u.vfs_ioctl.fd = fd;
	m.u.vfs_ioctl.request = request;
	m.u.vfs_ioctl.arg = (vir_bytes) arg;
	return call(ep, &m);
}

static int pm(int type, endpoint_t proc, endpoint_t parent, int pid)
{
	message m = msg(type);
	m.u.vfs_pm.proc = proc;
	m.u.vfs_pm.parent = parent;
	m.u.vfs_pm.pid = pid;
	return call(PM_EP, &m);
}

static int pm_exec(endpoint_t proc, const char *path, void *buf,
    uint32_t len)
{
	message m = msg(VFS_PM_EXEC);
	m.u.vfs_pm_exec.proc = proc;
	m.u.vfs_pm_exec.path = (vir_bytes) path;
	m.u.vfs_pm_exec.path_len = strlen(path);
	m.u.vfs_pm_exec.buf = (vir_bytes) buf;
	m.u.vfs_pm_exec.buf_len = len;
	return call(PM_EP, &m);
}

/* reply_of: the reply EP got for a call that had waited (-999: none). */
static int reply_of(endpoint_t ep)
{
	int r;
	return take_reply(ep, &r) ? r : -999;
}

/* fresh: a new process record for EP (as PM would announce it). */
static void fresh(endpoint_t ep)
{
	CHECK_EQ(pm(VFS_PM_INIT, ep, 0, 7), 0);
}

/* ---- tests -------------------------------------------------------------- */

TEST(files)
{
	char buf[256];
	struct stat st;
	int pos;
	fresh(A);
	int fd = v_open(A, "/tmp/f", O_RDWR | O_CREAT, 0644);
	CHECK_EQ(fd, 0);
	CHECK_EQ(v_writes(A, fd, "hello world"), 11);
	CHECK_EQ(v_lseek(A, fd, 0, SEEK_CUR, &pos), 0);
	CHECK_EQ(pos, 11);
	CHECK_EQ(v_lseek(A, fd, 6, SEEK_SET, &pos), 0);
	CHECK_EQ(v_read(A, fd, buf, sizeof(buf)), 5);
	CHECK(memcmp(buf, "world", 5) == 0);
	CHECK_EQ(v_read(A, fd, buf, sizeof(buf)), 0);
	CHECK_EQ(v_lseek(A, fd, -3, SEEK_END, &pos), 0);
	CHECK_EQ(pos, 8);
	CHECK_EQ(v_lseek(A, fd, -20, SEEK_END, &pos), -EINVAL);
	CHECK_EQ(v_lseek(A, fd, 0, 9, &pos), -EINVAL);
	/* Past the end: a hole of zeros. */
	CHECK_EQ(v_lseek(A, fd, 20, SEEK_SET, NULL), 0);
	CHECK_EQ(v_writes(A, fd, "!"), 1);
	CHECK_EQ(v_fstat(A, fd, &st), 0);
	CHECK_EQ(st.st_size, 21);
	CHECK_EQ(st.st_mode, S_IFREG | 0644);
	CHECK_EQ(v_lseek(A, fd, 0, SEEK_SET, NULL), 0);
	CHECK_EQ(v_read(A, fd, buf, sizeof(buf)), 21);
	CHECK(memcmp(buf + 11, "\0\0\0\0\0\0\0\0\0!", 10) == 0);
	CHECK_EQ(v_close(A, fd), 0);
	CHECK_EQ(v_close(A, fd), -EBADF);
	/* O_EXCL, O_TRUNC, O_APPEND. */
	CHECK_EQ(v_open(A, "/tmp/f", O_RDWR | O_CREAT | O_EXCL, 0644), -EEXIST);
	fd = v_open(A, "/tmp/f", O_WRONLY | O_APPEND, 0);
	CHECK_EQ(fd, 0);
	CHECK_EQ(v_writes(A, fd, "+"), 1);
	CHECK_EQ(v_stat(A, "/tmp/f", &st), 0);
	CHECK_EQ(st.st_size, 22);
	CHECK_EQ(v_read(A, fd, buf, 1), -EBADF);
	int fd2 = v_open(A, "/tmp/f", O_RDONLY | O_TRUNC, 0);
	CHECK_EQ(fd2, 1);
	CHECK_EQ(v_write(A, fd2, "x", 1), -EBADF);
	CHECK_EQ(v_stat(A, "/tmp/f", &st), 0);
	CHECK_EQ(st.st_size, 22);           /* read-only: not truncated */
	int fd3 = v_open(A, "/tmp/f", O_WRONLY | O_TRUNC, 0);
	CHECK_EQ(fd3, 2);
	CHECK_EQ(v_stat(A, "/tmp/f", &st), 0);
	CHECK_EQ(st.st_size, 0);
	CHECK_EQ(v_writes(A, fd, "abc"), 3);   /* O_APPEND: at the new end */
	CHECK_EQ(v_read(A, fd2, buf, 10), 3);
	CHECK(memcmp(buf, "abc", 3) == 0);
	for (int i = 0; i < 3; i++)
		CHECK_EQ(v_close(A, i), 0);
	/* truncate by path. */
	message m = path_msg(VFS_TRUNCATE, "/tmp/f");
	m.u.vfs_path.flags = 2;
	CHECK_EQ(call(A, &m), 0);
	CHECK_EQ(v_stat(A, "/tmp/f", &st), 0);
	CHECK_EQ(st.st_size, 2);
	m.u.vfs_path.flags = -1;
	CHECK_EQ(call(A, &m), -EINVAL);
	m = path_msg(VFS_TRUNCATE, "/tmp");
	CHECK_EQ(call(A, &m), -EISDIR);
	/* Bad access mode; reads and writes of bad buffers. */
	CHECK_EQ(v_open(A, "/tmp/f", 3, 0), -EINVAL);
	fd = v_open(A, "/tmp/f", O_RDWR, 0);
	CHECK_EQ(v_read(A, fd, (void *) BAD_PTR, 2), -EFAULT);
	CHECK_EQ(v_write(A, fd, (void *) BAD_PTR, 2), -EFAULT);
	CHECK_EQ(v_fstat(A, fd, (void *) BAD_PTR), -EFAULT);
	CHECK_EQ(v_stat(A, "/tmp/f", (void *) BAD_PTR), -EFAULT);
	CHECK_EQ(v_read(A, fd, buf, 0), 0);
	CHECK_EQ(v_close(A, fd), 0);
	CHECK_EQ(v_read(A, 99, buf, 1), -EBADF);
	CHECK_EQ(v_read(A, -1, buf, 1), -EBADF);
	CHECK_EQ(v_path(A, VFS_UNLINK, "/tmp/f"), 0);
}

TEST(directories)
{
	char buf[PATH_MAX];
	struct dirent d[8];
	struct stat st;
	fresh(A);
	CHECK_EQ(v_path(A, VFS_MKDIR, "/tmp/d"), 0);
	CHECK_EQ(v_path(A, VFS_MKDIR, "/tmp/d"), -EEXIST);
	CHECK_EQ(v_path(A, VFS_MKDIR, "/tmp/d/e/"), 0);
	CHECK_EQ(v_path(A, VFS_MKDIR, "/"), -EEXIST);
	CHECK_EQ(v_path(A, VFS_MKDIR, "/nope/x"), -ENOENT);
	int fd = v_open(A, "/tmp/d/file", O_WRONLY | O_CREAT, 0600);
	CHECK_EQ(v_close(A, fd), 0);
	CHECK_EQ(v_path(A, VFS_MKDIR, "/tmp/d/file/x"), -ENOTDIR);
	CHECK_EQ(v_path(A, VFS_RMDIR, "/tmp/d"), -ENOTEMPTY);
	CHECK_EQ(v_path(A, VFS_RMDIR, "/tmp/d/file"), -ENOTDIR);
	CHECK_EQ(v_path(A, VFS_RMDIR, "/"), -EBUSY);
	CHECK_EQ(v_path(A, VFS_UNLINK, "/tmp/d/e"), -EISDIR);
	CHECK_EQ(v_path(A, VFS_UNLINK, "/tmp/d/file/"), -ENOTDIR);
	/* Directories open read-only only; O_DIRECTORY needs one. */
	CHECK_EQ(v_open(A, "/tmp/d", O_WRONLY, 0), -EISDIR);
	CHECK_EQ(v_open(A, "/tmp/d/file", O_RDONLY | O_DIRECTORY, 0), -ENOTDIR);
	CHECK_EQ(v_open(A, "/tmp/d/file/", O_RDONLY, 0), -ENOTDIR);
	CHECK_EQ(v_open(A, "/tmp/d/new/", O_RDWR | O_CREAT, 0644), -EISDIR);
	fd = v_open(A, "/tmp/d", O_RDONLY | O_DIRECTORY, 0);
	CHECK_EQ(fd, 0);
	CHECK_EQ(v_read(A, fd, buf, 10), -EISDIR);
	CHECK_EQ(v_io(A, VFS_GETDENTS, fd, d, 2 * sizeof(d[0])),
	    2 * (int) sizeof(d[0]));
	CHECK(strcmp(d[0].d_name, ".") == 0 && strcmp(d[1].d_name, "..") == 0);
	CHECK_EQ(v_io(A, VFS_GETDENTS, fd, d, sizeof(d)), 2 * (int) sizeof(d[0]));
	CHECK(strcmp(d[0].d_name, "e") == 0 && d[0].d_type == DT_DIR);
	CHECK(strcmp(d[1].d_name, "file") == 0 && d[1].d_type == DT_REG);
	CHECK_EQ(v_io(A, VFS_GETDENTS, fd, d, sizeof(d)), 0);
	CHECK_EQ(v_lseek(A, fd, 0, SEEK_SET, NULL), 0);     /* rewinddir */
	CHECK_EQ(v_io(A, VFS_GETDENTS, fd, d, sizeof(d)), 4 * (int) sizeof(d[0]));
	CHECK_EQ(v_io(A, VFS_GETDENTS, fd, (void *) BAD_PTR, sizeof(d)), 0);
	CHECK_EQ(v_lseek(A, fd, 0, SEEK_END, NULL), -EINVAL);
	CHECK_EQ(v_close(A, fd), 0);
	fd = v_open(A, "/tmp/d/file", O_RDONLY, 0);
	CHECK_EQ(v_io(A, VFS_GETDENTS, fd, d, sizeof(d)), -ENOTDIR);
	CHECK_EQ(v_close(A, fd), 0);
	/* chdir, relative paths, getcwd. */
	CHECK_EQ(v_getcwd(A, buf, sizeof(buf)), 2);
	CHECK(strcmp(buf, "/") == 0);
	CHECK_EQ(v_path(A, VFS_CHDIR, "/tmp//d/./e/"), 0);
	CHECK_EQ(v_getcwd(A, buf, sizeof(buf)), 9);
	CHECK(strcmp(buf, "/tmp/d/e") == 0);
	CHECK_EQ(v_getcwd(A, buf, 8), -ERANGE);
	CHECK_EQ(v_getcwd(A, buf, 9), 9);
	CHECK_EQ(v_getcwd(A, (void *) BAD_PTR, 100), -EFAULT);
	CHECK_EQ(v_stat(A, "../file", &st), 0);
	CHECK_EQ(st.st_mode, S_IFREG | 0600);
	CHECK_EQ(v_path(A, VFS_CHDIR, "../../.."), 0);
	CHECK_EQ(v_getcwd(A, buf, sizeof(buf)), 2);
	CHECK_EQ(v_path(A, VFS_CHDIR, "tmp/d"), 0);
	CHECK_EQ(v_getcwd(A, buf, sizeof(buf)), 7);
	CHECK(strcmp(buf, "/tmp/d") == 0);
	CHECK_EQ(v_path(A, VFS_CHDIR, "file"), -ENOTDIR);
	CHECK_EQ(v_path(A, VFS_CHDIR, "nope"), -ENOENT);
	CHECK_EQ(v_getcwd(A, buf, sizeof(buf)), 7);
	CHECK_EQ(v_path(A, VFS_UNLINK, "file"), 0);
	CHECK_EQ(v_path(A, VFS_RMDIR, "e"), 0);
	CHECK_EQ(v_path(A, VFS_RMDIR, "."), -EINVAL);
	CHECK_EQ(v_path(A, VFS_CHDIR, "/"), 0);
	CHECK_EQ(v_path(A, VFS_RMDIR, "/tmp/d/"), 0);
	CHECK_EQ(v_stat(A, "/tmp/d", &st), -ENOENT);
	/* A removed working directory: lookups there find nothing. */
	CHECK_EQ(v_path(A, VFS_MKDIR, "/tmp/gone"), 0);
	CHECK_EQ(v_path(A, VFS_CHDIR, "/tmp/gone"), 0);
	CHECK_EQ(v_path(A, VFS_RMDIR, "/tmp/gone"), 0);
	CHECK_EQ(v_open(A, "x", O_RDWR | O_CREAT, 0644), -ENOENT);
	CHECK_EQ(v_stat(A, "..", &st), -ENOENT);
	CHECK_EQ(v_path(A, VFS_CHDIR, "/"), 0);
}

TEST(names)
{
	char buf[64];
	struct stat st;
	fresh(A);
	int fd = v_open(A, "/tmp/a", O_RDWR | O_CREAT, 0644);
	CHECK_EQ(v_writes(A, fd, "AAAA"), 4);
	CHECK_EQ(v_rename(A, "/tmp/a", "/tmp/b"), 0);
	CHECK_EQ(v_stat(A, "/tmp/a", &st), -ENOENT);
	CHECK_EQ(v_stat(A, "/tmp/b", &st), 0);
	CHECK_EQ(st.st_size, 4);
	/* Unlinked while open: still there for the open file. */
	CHECK_EQ(v_path(A, VFS_UNLINK, "/tmp/b"), 0);
	CHECK_EQ(v_stat(A, "/tmp/b", &st), -ENOENT);
	CHECK_EQ(v_lseek(A, fd, 0, SEEK_SET, NULL), 0);
	CHECK_EQ(v_read(A, fd, buf, sizeof(buf)), 4);
	CHECK_EQ(v_fstat(A, fd, &st), 0);
	CHECK_EQ(st.st_nlink, 0);
	unsigned before = rfs_inodes_used();
	CHECK_EQ(v_close(A, fd), 0);
	CHECK_EQ(rfs_inodes_used(), before - 1);
	/* Rename over a file; a directory into itself. */
	CHECK_EQ(v_close(A, v_open(A, "/tmp/x", O_RDWR | O_CREAT, 0644)), 0);
	fd = v_open(A, "/tmp/y", O_RDWR | O_CREAT, 0644);
	CHECK_EQ(v_writes(A, fd, "Y"), 1);
	CHECK_EQ(v_close(A, fd), 0);
	CHECK_EQ(v_close(A, 0), -EBADF);
	CHECK_EQ(v_rename(A, "/tmp/y", "/tmp/x"), 0);
	CHECK_EQ(v_stat(A, "/tmp/x", &st), 0);
	CHECK_EQ(st.st_size, 1);
	CHECK_EQ(v_path(A, VFS_MKDIR, "/tmp/dir"), 0);
	CHECK_EQ(v_path(A, VFS_MKDIR, "/tmp/dir/sub"), 0);
	CHECK_EQ(v_rename(A, "/tmp/dir", "/tmp/dir/sub/in"), -EINVAL);
	CHECK_EQ(v_rename(A, "/tmp/x", "/tmp/dir"), -EISDIR);
	CHECK_EQ(v_rename(A, "/tmp/dir", "/tmp/x"), -ENOTDIR);
	CHECK_EQ(v_rename(A, "/tmp/x/", "/tmp/z"), -ENOTDIR);
	CHECK_EQ(v_rename(A, "/tmp/dir/", "/tmp/dir2/"), 0);
	CHECK_EQ(v_stat(A, "/tmp/dir2/sub", &st), 0);
	CHECK_EQ(v_rename(A, "/", "/tmp/r"), -EBUSY);
	CHECK_EQ(v_rename(A, "/tmp/nope", "/tmp/r"), -ENOENT);
	CHECK_EQ(v_rename(A, "/tmp/x", "/nope/r"), -ENOENT);
	CHECK_EQ(v_path(A, VFS_UNLINK, "/tmp/x"), 0);
	CHECK_EQ(v_path(A, VFS_RMDIR, "/tmp/dir2/sub"), 0);
	CHECK_EQ(v_path(A, VFS_RMDIR, "/tmp/dir2"), 0);
	CHECK_EQ(v_path(A, VFS_UNLINK, "/"), -EISDIR);
}

TEST(bad_paths)
{
	char path[PATH_MAX + 10];
	struct stat st;
	fresh(A);
	memset(path, 'a', sizeof(path));
	path[0] = '/';
	path[PATH_MAX] = '\0';
	CHECK_EQ(v_stat(A, path, &st), -ENAMETOOLONG);      /* 256 bytes */
	path[PATH_MAX - 1] = '\0';                  /* 255: length is fine ... */
	CHECK_EQ(v_stat(A, path, &st), -ENAMETOOLONG);      /* ... the name not */
	memset(path, 'n', NAME_MAX + 2);
	path[0] = '/';
	path[NAME_MAX + 1] = '\0';                  /* a 59-byte name */
	CHECK_EQ(v_stat(A, path, &st), -ENOENT);
	path[NAME_MAX + 1] = 'n';
	path[NAME_MAX + 2] = '\0';                  /* 60 bytes */
	CHECK_EQ(v_stat(A, path, &st), -ENAMETOOLONG);
	CHECK_EQ(v_open(A, path, O_RDWR | O_CREAT, 0644), -ENAMETOOLONG);
	CHECK_EQ(v_path(A, VFS_MKDIR, path), -ENAMETOOLONG);
	path[NAME_MAX + 1] = '\0';
	int fd = v_open(A, path, O_RDWR | O_CREAT, 0644);
	CHECK_EQ(fd, 0);
	CHECK_EQ(v_close(A, fd), 0);
	CHECK_EQ(v_path(A, VFS_UNLINK, path), 0);
	CHECK_EQ(v_stat(A, "", &st), -ENOENT);
	CHECK_EQ(v_stat(A, "/nope", &st), -ENOENT);
	CHECK_EQ(v_stat(A, "/nope/deeper", &st), -ENOENT);
	CHECK_EQ(v_stat(A, "/dev/null/x", &st), -ENOTDIR);
	CHECK_EQ(v_stat(A, "/dev/null/", &st), -ENOTDIR);
	CHECK_EQ(v_stat(A, "//dev///null", &st), 0);
	CHECK_EQ(v_stat(A, "/..", &st), 0);
	CHECK_EQ(st.st_ino, FS_ROOT_INO);
	message m = path_msg(VFS_STAT, "/tmp");
	m.u.vfs_path.path = BAD_PTR;
	m.u.vfs_path.buf = (vir_bytes) &st;
	CHECK_EQ(call(A, &m), -EFAULT);
	m = path_msg(VFS_OPEN, "/tmp");
	m.u.vfs_path.path = BAD_PTR;
	CHECK_EQ(call(A, &m), -EFAULT);
	char nul[] = "/tmp\0/x";
	m = path_msg(VFS_STAT, nul);
	m.u.vfs_path.path_len = 7;
	CHECK_EQ(call(A, &m), -EINVAL);
	m = msg(VFS_BASE + 39);       /* unused (30 is VFS_SYNC now) */
	CHECK_EQ(call(A, &m), -ENOSYS);
	m = msg(VFS_BASE + 300);
	CHECK_EQ(call(A, &m), -ENOSYS);
}

TEST(descriptors)
{
	char buf[16];
	fresh(A);
	int fd = v_open(A, "/tmp/fds", O_RDWR | O_CREAT, 0644);
	CHECK_EQ(fd, 0);
	CHECK_EQ(v_fd(A, VFS_DUP, fd, -1, 0), 1);
	CHECK_EQ(v_writes(A, 1, "ab"), 2);          /* shared position */
	CHECK_EQ(v_writes(A, 0, "cd"), 2);
	CHECK_EQ(v_lseek(A, 0, 0, SEEK_SET, NULL), 0);
	CHECK_EQ(v_read(A, 1, buf, 16), 4);
	CHECK(memcmp(buf, "abcd", 4) == 0);
	CHECK_EQ(v_fd(A, VFS_DUP, 0, 0, 0), 0);     /* dup2 onto itself */
	CHECK_EQ(v_fd(A, VFS_DUP, 0, 5, 0), 5);
	CHECK_EQ(v_fd(A, VFS_DUP, 0, OPEN_MAX, 0), -EBADF);
	CHECK_EQ(v_fd(A, VFS_DUP, 9, 3, 0), -EBADF);
	CHECK_EQ(v_fd(A, VFS_DUP, 9, -1, 0), -EBADF);
	int other = v_open(A, "/tmp/other", O_RDWR | O_CREAT, 0644);
	CHECK_EQ(other, 2);
	CHECK_EQ(v_fd(A, VFS_DUP, 0, 2, 0), 2);     /* dup2 closes "other" */
	CHECK_EQ(v_lseek(A, 2, 0, SEEK_CUR, NULL), 0);
	int pos;
	v_lseek(A, 2, 0, SEEK_CUR, &pos);
	CHECK_EQ(pos, 4);
	/* fcntl. */
	CHECK_EQ(v_fd(A, VFS_FCNTL, 0, F_DUPFD, 10), 10);
	CHECK_EQ(v_fd(A, VFS_FCNTL, 0, F_DUPFD, OPEN_MAX), -EINVAL);
	CHECK_EQ(v_fd(A, VFS_FCNTL, 0, F_GETFD, 0), 0);
	CHECK_EQ(v_fd(A, VFS_FCNTL, 10, F_SETFD, FD_CLOEXEC), 0);
	CHECK_EQ(v_fd(A, VFS_FCNTL, 10, F_GETFD, 0), FD_CLOEXEC);
	CHECK_EQ(v_fd(A, VFS_FCNTL, 0, F_GETFL, 0), O_RDWR);
	CHECK_EQ(v_fd(A, VFS_FCNTL, 0, F_SETFL, O_APPEND | O_NONBLOCK | O_TRUNC),
	    0);
	CHECK_EQ(v_fd(A, VFS_FCNTL, 1, F_GETFL, 0),
	    O_RDWR | O_APPEND | O_NONBLOCK);        /* shared open file */
	CHECK_EQ(v_fd(A, VFS_FCNTL, 0, 99, 0), -EINVAL);
	CHECK_EQ(v_fd(A, VFS_FCNTL, 7, F_GETFD, 0), -EBADF);
	int cfd = v_open(A, "/tmp/fds", O_RDONLY | O_CLOEXEC, 0);
	CHECK_EQ(cfd, 3);
	CHECK_EQ(v_fd(A, VFS_FCNTL, cfd, F_GETFD, 0), FD_CLOEXEC);
	/* exec closes the close-on-exec ones. */
	CHECK_EQ(pm(VFS_PM_EXECDONE, A, 0, 0), 0);
	CHECK_EQ(v_close(A, 3), -EBADF);
	CHECK_EQ(v_close(A, 10), -EBADF);
	CHECK_EQ(v_close(A, 5), 0);
	/* EMFILE when all OPEN_MAX are in use. */
	int n = 0, r;
	while ((r = v_fd(A, VFS_DUP, 0, -1, 0)) >= 0)
		n++;
	CHECK_EQ(r, -EMFILE);
	CHECK_EQ(n + 3, OPEN_MAX);
	CHECK_EQ(v_open(A, "/tmp/fds", O_RDONLY, 0), -EMFILE);
	int fds[2];
	CHECK_EQ(v_pipe(A, fds), -EMFILE);
	CHECK_EQ(pm(VFS_PM_EXIT, A, 0, 0), 0);
	fresh(A);
	CHECK_EQ(v_open(A, "/tmp/fds", O_RDONLY, 0), 0);
	CHECK_EQ(v_path(A, VFS_UNLINK, "/tmp/fds"), 0);
	CHECK_EQ(v_path(A, VFS_UNLINK, "/tmp/other"), 0);
	CHECK_EQ(pm(VFS_PM_EXIT, A, 0, 0), 0);
}

TEST(pipes)
{
	char buf[8192], big[10000];
	struct stat st;
	int fds[2];
	fresh(A);
	CHECK_EQ(v_pipe(A, fds), 0);
	CHECK_EQ(fds[0], 0);
	CHECK_EQ(fds[1], 1);
	CHECK_EQ(v_writes(A, fds[1], "ping"), 4);
	CHECK_EQ(v_fstat(A, fds[0], &st), 0);
	CHECK_EQ(st.st_mode & S_IFMT, S_IFIFO);
	CHECK_EQ(st.st_size, 4);
	CHECK_EQ(v_lseek(A, fds[0], 0, SEEK_SET, NULL), -ESPIPE);
	CHECK_EQ(v_read(A, fds[1], buf, 4), -EBADF);
	CHECK_EQ(v_write(A, fds[0], buf, 4), -EBADF);
	CHECK_EQ(v_read(A, fds[0], buf, 2), 2);
	CHECK_EQ(v_read(A, fds[0], buf, 100), 2);
	CHECK(memcmp(buf, "ng", 2) == 0);
	/* A child shares the pipe; the parent's read waits for its write. */
	CHECK_EQ(pm(VFS_PM_FORK, B, A, 8), 0);
	CHECK_EQ(v_read(A, fds[0], buf, 100), SUSPENDED);
	CHECK_EQ(pending_replies(), 0);
	CHECK_EQ(v_writes(B, fds[1], "from child"), 10);
	CHECK_EQ(reply_of(A), 10);
	CHECK(memcmp(buf, "from child", 10) == 0);
	/* Handed straight to a waiting reader that wants fewer bytes than the
	 * write: the rest goes into the ring, in order. */
	CHECK_EQ(v_read(A, fds[0], buf, 3), SUSPENDED);
	CHECK_EQ(v_writes(B, fds[1], "abcdef"), 6);
	CHECK_EQ(reply_of(A), 3);
	CHECK(memcmp(buf, "abc", 3) == 0);
	CHECK_EQ(v_fstat(A, fds[0], &st), 0);
	CHECK_EQ(st.st_size, 3);
	CHECK_EQ(v_read(A, fds[0], buf, 100), 3);
	CHECK(memcmp(buf, "def", 3) == 0);
	/* A bad writer's buffer: the reader keeps waiting, the writer gets
	 * -EFAULT. */
	CHECK_EQ(v_read(A, fds[0], buf, 100), SUSPENDED);
	CHECK_EQ(v_write(B, fds[1], (void *) BAD_PTR, 4), -EFAULT);
	CHECK_EQ(reply_of(A), -999);
	CHECK_EQ(v_writes(B, fds[1], "ok"), 2);
	CHECK_EQ(reply_of(A), 2);
	/* A big write waits for the reader and goes in pieces. */
	for (unsigned i = 0; i < sizeof(big); i++)
		big[i] = (char) (i * 31 + 7);
	CHECK_EQ(v_write(B, fds[1], big, sizeof(big)), SUSPENDED);
	CHECK_EQ(v_read(A, fds[0], buf, sizeof(buf)), PIPE_BUF);
	CHECK_EQ(reply_of(B), -999);
	CHECK_EQ(v_read(A, fds[0], buf + PIPE_BUF, sizeof(buf) - PIPE_BUF),
	    PIPE_BUF);
	CHECK_EQ(reply_of(B), (int) sizeof(big));
	CHECK(memcmp(buf, big, 2 * PIPE_BUF) == 0);
	CHECK_EQ(v_read(A, fds[0], buf, sizeof(buf)), (int) sizeof(big) - 8192);
	CHECK(memcmp(buf, big + 8192, sizeof(big) - 8192) == 0);
	/* Writes of PIPE_BUF or less are all or nothing. */
	CHECK_EQ(v_write(A, fds[1], big, PIPE_BUF - 10), PIPE_BUF - 10);
	CHECK_EQ(v_write(B, fds[1], big, 20), SUSPENDED);
	CHECK_EQ(v_read(A, fds[0], buf, 5), 5);
	CHECK_EQ(reply_of(B), -999);              /* 15 bytes free: not enough */
	CHECK_EQ(v_read(A, fds[0], buf, 10), 10);
	CHECK_EQ(reply_of(B), 20);
	CHECK_EQ(v_read(A, fds[0], buf, sizeof(buf)), PIPE_BUF - 25 + 20);
	/* O_NONBLOCK. */
	CHECK_EQ(v_fd(A, VFS_FCNTL, fds[0], F_SETFL, O_NONBLOCK), 0);
	CHECK_EQ(v_read(A, fds[0], buf, 10), -EAGAIN);
	CHECK_EQ(v_fd(A, VFS_FCNTL, fds[0], F_SETFL, 0), 0);
	/* EOF once every writer is closed; a waiting reader wakes with 0. */
	CHECK_EQ(v_close(A, fds[1]), 0);
	CHECK_EQ(v_read(A, fds[0], buf, 10), SUSPENDED);   /* B still writes */
	CHECK_EQ(pm(VFS_PM_EXIT, B, 0, 0), 0);
	CHECK_EQ(reply_of(A), 0);
	CHECK_EQ(v_read(A, fds[0], buf, 10), 0);
	CHECK_EQ(v_close(A, fds[0]), 0);
	/* EPIPE with no reader; a waiting writer wakes with what it wrote. */
	CHECK_EQ(v_pipe(A, fds), 0);
	CHECK_EQ(pm(VFS_PM_FORK, B, A, 8), 0);
	CHECK_EQ(v_close(A, fds[0]), 0);
	CHECK_EQ(v_writes(A, fds[1], "x"), 1);           /* B reads still */
	CHECK_EQ(v_write(A, fds[1], big, sizeof(big)), SUSPENDED);
	CHECK_EQ(v_close(B, fds[0]), 0);
	CHECK_EQ(reply_of(A), PIPE_BUF - 1);
	CHECK_EQ(v_writes(A, fds[1], "x"), -EPIPE);
	CHECK_EQ(pm(VFS_PM_EXIT, B, 0, 0), 0);
	CHECK_EQ(v_close(A, fds[1]), 0);
	/* PM cancels a waiting read (a signal): -EINTR, and PM hears 1. */
	CHECK_EQ(v_pipe(A, fds), 0);
	CHECK_EQ(v_read(A, fds[0], buf, 10), SUSPENDED);
	CHECK_EQ(pm(VFS_PM_UNPAUSE, A, 0, 0), 1);
	CHECK_EQ(reply_of(A), -EINTR);
	CHECK_EQ(pm(VFS_PM_UNPAUSE, A, 0, 0), 0);
	/* A process that exits while waiting is forgotten: no reply. */
	CHECK_EQ(v_read(A, fds[0], buf, 10), SUSPENDED);
	CHECK_EQ(pm(VFS_PM_FORK, C, A, 9), -0);
	CHECK_EQ(pm(VFS_PM_EXIT, A, 0, 0), 0);
	CHECK_EQ(v_writes(C, fds[1], "late"), 4);
	CHECK_EQ(reply_of(A), -999);
	CHECK_EQ(v_read(C, fds[0], buf, 10), 4);
	CHECK_EQ(pm(VFS_PM_EXIT, C, 0, 0), 0);
	CHECK_EQ(pending_replies(), 0);
}

TEST(devices)
{
	static char buf[10000];
	struct termios t;
	int32_t pg;
	fresh(A);
	/* memdev: null, zero (more than one 4 KiB transfer), full. */
	int null = v_open(A, "/dev/null", O_RDWR, 0);
	CHECK_EQ(null, 0);
	CHECK_EQ(memdev_opens, 1);
	CHECK_EQ(v_writes(A, null, "gone"), 4);
	CHECK_EQ(v_read(A, null, buf, 100), 0);
	CHECK_EQ(v_lseek(A, null, 0, SEEK_SET, NULL), 0);
	int zero = v_open(A, "/dev/zero", O_RDONLY, 0);
	memset(buf, 'x', sizeof(buf));
	int magic = magic_grants_made;
	CHECK_EQ(v_read(A, zero, buf, sizeof(buf)), (int) sizeof(buf));
	/* Straight into the user's buffer: one magic grant per 4 KiB chunk,
	 * each revoked when its request ends. */
	CHECK_EQ(magic_grants_made - magic, ((int) sizeof(buf) + 4095) / 4096);
	CHECK_EQ(grants_live, 0);
	int zeros = 1;
	for (unsigned i = 0; i < sizeof(buf); i++)
		zeros &= buf[i] == 0;
	CHECK(zeros);
	CHECK_EQ(v_read(A, zero, (void *) BAD_PTR, 10), -EFAULT);
	int full = v_open(A, "/dev/full", O_WRONLY, 0);
	CHECK_EQ(v_writes(A, full, "x"), -ENOSPC);
	CHECK_EQ(v_write(A, null, (void *) BAD_PTR, 10), -EFAULT);
	CHECK_EQ(v_write(A, null, buf, sizeof(buf)), (int) sizeof(buf));
	CHECK_EQ(v_ioctl(A, null, TCGETS, &t), -ENOTTY);
	CHECK_EQ(v_ioctl(A, null, 0x1234, &t), -ENOTTY);
	CHECK_EQ(grants_live, 0);
	/* Closing the last descriptor closes the device (dup shares it). */
	CHECK_EQ(v_fd(A, VFS_DUP, null, -1, 0), 3);
	CHECK_EQ(v_close(A, null), 0);
	CHECK_EQ(memdev_closes, 0);
	CHECK_EQ(v_close(A, 3), 0);
	CHECK_EQ(memdev_closes, 1);
	/* The driver is not running: -EIO; no driver for the major: -ENXIO. */
	CHECK_EQ(v_open(A, "/dev/tty", O_RDWR, 0), -EIO);
	message m = path_msg(VFS_MKNOD, "/dev/odd");
	m.u.vfs_path.mode = S_IFCHR | 0600;
	m.u.vfs_path.dev = DEV_MAKE(9, 3);
	CHECK_EQ(call(A, &m), 0);
	CHECK_EQ(v_open(A, "/dev/odd", O_RDWR, 0), -ENXIO);
	/* A driver comes up for major 9 (played by memdev): bound. */
	driver_up_init();
	fake_ds_publish("drv.chr.odd", 9, MEMDEV_EP);
	fake_ds_publish("drv.chr.bad", 200, MEMDEV_EP);   /* ignored */
	driver_up_event();
	int odd = v_open(A, "/dev/odd", O_RDWR, 0);
	CHECK(odd >= 0);
	CHECK_EQ(v_read(A, odd, buf, 10), 0);
	CHECK_EQ(v_close(A, odd), 0);
	CHECK(cdev_is_driver(MEMDEV_EP));
	CHECK(!cdev_is_driver(A));
	m.u.vfs_path.mode = S_IFIFO | 0600;
	CHECK_EQ(call(A, &m), -ENOSYS);
	m.u.vfs_path.mode = S_IFDIR | 0600;
	CHECK_EQ(call(A, &m), -EINVAL);
	CHECK_EQ(v_path(A, VFS_UNLINK, "/dev/odd"), 0);
	/* The terminal: reads wait for input. */
	tty.running = 1;
	int fd = v_open(A, "/dev/tty", O_RDWR, 0);
	CHECK_EQ(fd, 0);
	CHECK_EQ(tty.opens, 1);
	CHECK_EQ(v_writes(A, fd, "prompt$ "), 8);
	CHECK(tty.out_len == 8 && memcmp(tty.out, "prompt$ ", 8) == 0);
	CHECK_EQ(v_write(A, fd, buf, 9000), 9000);    /* three transfers */
	CHECK_EQ(tty.writes, 4);
	CHECK_EQ(v_read(A, fd, buf, 100), SUSPENDED);
	tty_type("ls -l\n");
	cdev_status(TTY_EP);                         /* the notification */
	CHECK_EQ(reply_of(A), 6);
	CHECK(memcmp(buf, "ls -l\n", 6) == 0);
	tty_type("ready");                           /* no reader: kept */
	CHECK_EQ(v_read(A, fd, buf, 3), 3);
	CHECK_EQ(v_read(A, fd, buf, 100), 2);
	CHECK(memcmp(buf, "dy", 2) == 0);
	CHECK_EQ(v_lseek(A, fd, 0, SEEK_SET, NULL), -ESPIPE);
	/* ioctls copy their argument in or out. */
	memset(&t, 0, sizeof(t));
	CHECK_EQ(v_ioctl(A, fd, TCGETS, &t), 0);
	CHECK_EQ(t.c_lflag, ICANON | ECHO | ISIG);
	CHECK_EQ(t.c_cc_eof, 4);
	pg = 42;
	CHECK_EQ(v_ioctl(A, fd, TIOCSPGRP, &pg), 0);
	CHECK_EQ(tty.pgrp, 42);
	pg = 0;
	CHECK_EQ(v_ioctl(A, fd, TIOCGPGRP, &pg), 0);
	CHECK_EQ(pg, 42);
	CHECK_EQ(v_ioctl(A, fd, TIOCGPGRP, (void *) BAD_PTR), -EFAULT);
	CHECK_EQ(v_ioctl(A, fd, TIOCSPGRP, (void *) BAD_PTR), -EFAULT);
	CHECK_EQ(v_ioctl(A, fd, 0x9999, &pg), -ENOTTY);
	int reg = v_open(A, "/tmp/plain", O_RDWR | O_CREAT, 0644);
	CHECK_EQ(v_ioctl(A, reg, TCGETS, &t), -ENOTTY);
	CHECK_EQ(v_ioctl(A, 77, TCGETS, &t), -EBADF);
	CHECK_EQ(v_close(A, reg), 0);
	CHECK_EQ(v_path(A, VFS_UNLINK, "/tmp/plain"), 0);
	/* A signal cancels a waiting terminal read: CDEV_CANCEL, -EINTR. */
	CHECK_EQ(v_read(A, fd, buf, 100), SUSPENDED);
	CHECK_EQ(pm(VFS_PM_UNPAUSE, A, 0, 0), 1);
	CHECK_EQ(tty.cancels, 1);
	CHECK_EQ(reply_of(A), -EINTR);
	CHECK_EQ(tty.pending, 0);
	/* The terminal driver restarts (driver up again): a waiting read
	 * ends with -EIO; the terminal works again. */
	CHECK_EQ(v_read(A, fd, buf, 100), SUSPENDED);
	fake_ds_publish("drv.chr.tty", TTY_MAJOR, TTY_EP);
	driver_up_event();
	CHECK_EQ(reply_of(A), -EIO);
	CHECK_EQ(grants_live, 0);
	tty.pending = 0;
	tty_type("x");
	CHECK_EQ(v_read(A, fd, buf, 100), 1);
	/* A reader that exits is cancelled at the driver too. */
	CHECK_EQ(v_read(A, fd, buf, 100), SUSPENDED);
	CHECK_EQ(pm(VFS_PM_EXIT, A, 0, 0), 0);
	CHECK_EQ(tty.cancels, 2);
	CHECK_EQ(tty.closes, 1);
	CHECK_EQ(reply_of(A), -999);
	CHECK_EQ(memdev_closes, 4);      /* /dev/odd too */
	CHECK_EQ(grants_live, 0);
	/* Nonblocking read of an empty terminal. */
	fresh(A);
	fd = v_open(A, "/dev/tty", O_RDONLY | O_NONBLOCK, 0);
	CHECK_EQ(v_read(A, fd, buf, 10), -EAGAIN);
	CHECK_EQ(pm(VFS_PM_EXIT, A, 0, 0), 0);
	tty.running = 0;
}

/* mknod_dev: make device file PATH of TYPE (S_IFCHR, S_IFBLK) and DEV as
 * EP. */
static int mknod_dev(endpoint_t ep, const char *path, uint32_t type,
    uint32_t dev)
{
	message m = path_msg(VFS_MKNOD, path);
	m.u.vfs_path.mode = type | 0600;
	m.u.vfs_path.dev = dev;
	return call(ep, &m);
}

/* block_devices: a block special file reaches its driver through the
 * block protocol: unaligned byte ranges become whole sectors, the end of
 * the device ends reads and fills writes (-ENOSPC), DIOCGETP, SEEK_END;
 * a driver that dies makes the call wait until it is back (opened again,
 * the call carried on), or fail with EIO after the wait, or -EINTR. */
TEST(block_devices)
{
	static char buf[10000], pat[1000];
	struct part_geom g;
	int pos;
	fresh(A);
	CHECK_EQ(mknod_dev(A, "/dev/ram0", S_IFBLK, DEV_MAKE(13, 0)), 0);
	CHECK_EQ(mknod_dev(A, "/dev/ram0p0", S_IFBLK, DEV_MAKE(13, 1)), 0);
	struct stat st;
	CHECK_EQ(v_stat(A, "/dev/ram0", &st), 0);
	CHECK(S_ISBLK(st.st_mode));
	CHECK_EQ(st.st_rdev, DEV_MAKE(13, 0));
	CHECK_EQ(v_open(A, "/dev/ram0", O_RDWR, 0), -ENXIO);  /* no driver */
	/* The driver comes up. */
	driver_up_init();
	blk.ep = ep_make(30, 1);
	blk.running = 1;
	fake_ds_publish("drv.blk.ramdisk", 13, blk.ep);
	driver_up_event();
	int fd = v_open(A, "/dev/ram0", O_RDWR, 0);
	CHECK(fd >= 0);
	CHECK_EQ(blk.opens, 1);
	CHECK_EQ(v_open(A, "/dev/ram0p0", O_RDONLY, 0), -ENXIO);
	CHECK_EQ(blk.opens, 1);
	CHECK_EQ(v_lseek(A, fd, 0, SEEK_END, &pos), 0);
	CHECK_EQ(pos, (int) FAKE_BLK_SIZE);
	CHECK_EQ(v_stat(A, "/dev/ram0", &st), 0);    /* a lookup: same size */
	CHECK_EQ(v_lseek(A, fd, 0, SEEK_END, &pos), 0);
	CHECK_EQ(pos, (int) FAKE_BLK_SIZE);
	/* Unaligned write and read back; the bytes around stay. */
	for (unsigned i = 0; i < sizeof(pat); i++)
		pat[i] = (char) (i * 7 + 1);
	CHECK_EQ(v_lseek(A, fd, 100, SEEK_SET, NULL), 0);
	CHECK_EQ(v_write(A, fd, pat, sizeof(pat)), (int) sizeof(pat));
	CHECK(memcmp(blk.disk + 100, pat, sizeof(pat)) == 0);
	CHECK_EQ(blk.disk[99], 0);
	CHECK_EQ(blk.disk[1100], 0);
	CHECK_EQ(v_lseek(A, fd, 100, SEEK_SET, NULL), 0);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(v_read(A, fd, buf, sizeof(pat)), (int) sizeof(pat));
	CHECK(memcmp(buf, pat, sizeof(pat)) == 0);
	/* Reads stop at the end of the device; writes there: -ENOSPC. */
	CHECK_EQ(v_lseek(A, fd, 0, SEEK_SET, NULL), 0);
	CHECK_EQ(v_read(A, fd, buf, sizeof(buf)), (int) FAKE_BLK_SIZE);
	CHECK(memcmp(buf + 100, pat, sizeof(pat)) == 0);
	CHECK_EQ(v_read(A, fd, buf, 10), 0);
	CHECK_EQ(v_write(A, fd, pat, 10), -ENOSPC);
	CHECK_EQ(v_lseek(A, fd, (int) FAKE_BLK_SIZE - 2, SEEK_SET, NULL), 0);
	CHECK_EQ(v_write(A, fd, "xyz", 3), 2);
	CHECK_EQ(blk.disk[FAKE_BLK_SIZE - 1], 'y');
	CHECK_EQ(v_read(A, fd, (void *) BAD_PTR, 10), 0);    /* at the end */
	CHECK_EQ(v_lseek(A, fd, 0, SEEK_SET, NULL), 0);
	CHECK_EQ(v_read(A, fd, (void *) BAD_PTR, 10), -EFAULT);
	/* ioctl: DIOCGETP; others -ENOTTY. */
	memset(&g, 0, sizeof(g));
	CHECK_EQ(v_ioctl(A, fd, DIOCGETP, &g), 0);
	CHECK_EQ(g.size, FAKE_BLK_SIZE);
	CHECK_EQ(g.sector_size, BDEV_SECTOR_SIZE);
	CHECK_EQ(v_ioctl(A, fd, TCGETS, &g), -ENOTTY);
	CHECK_EQ(v_ioctl(A, fd, DIOCGETP, (void *) BAD_PTR), -EFAULT);
	CHECK_EQ(grants_live, 0);
	/* The driver dies during a read: the read waits; the driver comes
	 * back (a new endpoint): the device is opened again, the read goes
	 * on and gets its bytes. */
	blk.running = 0;
	CHECK_EQ(v_lseek(A, fd, 100, SEEK_SET, NULL), 0);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(v_read(A, fd, buf, sizeof(pat)), SUSPENDED);
	CHECK(fake_alarm != 0);
	CHECK_EQ(reply_of(A), -999);
	blk.ep = ep_make(30, 2);
	blk.running = 1;
	fake_ds_publish("drv.blk.ramdisk", 13, blk.ep);
	driver_up_event();
	CHECK_EQ(blk.opens, 2);
	CHECK_EQ(reply_of(A), (int) sizeof(pat));
	CHECK(memcmp(buf, pat, sizeof(pat)) == 0);
	CHECK_EQ(v_lseek(A, fd, 0, SEEK_CUR, &pos), 0);
	CHECK_EQ(pos, 1100);
	/* A driver that stays away: EIO after the wait (the alarm). */
	blk.running = 0;
	CHECK_EQ(v_write(A, fd, pat, 10), SUSPENDED);
	bdev_alarm(1234 + 1);                        /* too early */
	CHECK_EQ(reply_of(A), -999);
	CHECK(fake_alarm != 0);
	bdev_alarm(1234 + 60 * CLOCK_HZ);
	CHECK_EQ(reply_of(A), -EIO);
	/* A signal ends the wait: -EINTR. */
	CHECK_EQ(v_read(A, fd, buf, 10), SUSPENDED);
	CHECK_EQ(pm(VFS_PM_UNPAUSE, A, 0, 0), 1);
	CHECK_EQ(reply_of(A), -EINTR);
	CHECK_EQ(v_ioctl(A, fd, DIOCGETP, &g), -EIO);
	/* An open while the driver is gone waits too: it gets its descriptor
	 * once the driver is back; or -EINTR (a signal), or -EIO (the wait),
	 * the open file dropped. */
	CHECK_EQ(v_open(A, "/dev/ram0", O_RDONLY, 0), SUSPENDED);
	CHECK_EQ(pm(VFS_PM_UNPAUSE, A, 0, 0), 1);
	CHECK_EQ(reply_of(A), -EINTR);
	CHECK_EQ(v_open(A, "/dev/ram0", O_RDONLY, 0), SUSPENDED);
	bdev_alarm(1234 + 60 * CLOCK_HZ);
	CHECK_EQ(reply_of(A), -EIO);
	int opens = blk.opens;
	CHECK_EQ(v_open(A, "/dev/ram0", O_RDONLY | O_CLOEXEC, 0), SUSPENDED);
	blk.ep = ep_make(30, 3);
	blk.running = 1;
	fake_ds_publish("drv.blk.ramdisk", 13, blk.ep);
	driver_up_event();
	CHECK_EQ(blk.opens, opens + 2);               /* fd again, the new one */
	int fd2 = reply_of(A);
	CHECK(fd2 >= 0 && fd2 != fd);
	CHECK_EQ(v_lseek(A, fd2, 0, SEEK_END, &pos), 0);
	CHECK_EQ(pos, (int) FAKE_BLK_SIZE);
	CHECK_EQ(v_close(A, fd2), 0);
	/* A process that exits while its open waits drops the open file. */
	blk.running = 0;
	fresh(C);
	CHECK_EQ(v_open(C, "/dev/ram0", O_RDONLY, 0), SUSPENDED);
	CHECK_EQ(pm(VFS_PM_EXIT, C, 0, 0), 0);
	CHECK_EQ(reply_of(C), -999);
	blk.running = 1;
	CHECK_EQ(v_close(A, fd), 0);
	CHECK_EQ(blk.closes, 2);                      /* fd2, fd */
	CHECK_EQ(grants_live, 0);
	/* Only root makes device files. */
	fake_cred(B, 1000, 1000);
	fresh(B);
	CHECK_EQ(mknod_dev(B, "/tmp/blk", S_IFBLK, DEV_MAKE(13, 0)), -EPERM);
	fake_cred(B, 0, 0);
	CHECK_EQ(v_path(A, VFS_UNLINK, "/dev/ram0"), 0);
	CHECK_EQ(v_path(A, VFS_UNLINK, "/dev/ram0p0"), 0);
	CHECK_EQ(pm(VFS_PM_EXIT, A, 0, 0), 0);
	CHECK_EQ(pm(VFS_PM_EXIT, B, 0, 0), 0);
}

TEST(pm)
{
	static char image[4096];
	struct stat st;
	char buf[64];
	/* Only PM may. */
	message m = msg(VFS_PM_INIT);
	m.u.vfs_pm.proc = B;
	CHECK_EQ(call(A, &m), -EPERM);
	m = msg(VFS_PM_EXEC);
	CHECK_EQ(call(B, &m), -EPERM);
	CHECK_EQ(call(PM_EP, &m), -EINVAL);
	/* A process VFS never saw starts fresh; INIT resets a known one. */
	int fd = v_open(C, "/tmp/pmfile", O_RDWR | O_CREAT, 0755);
	CHECK_EQ(fd, 0);
	CHECK_EQ(v_writes(C, fd, "\177ELF program"), 12);
	CHECK_EQ(v_path(C, VFS_CHDIR, "/tmp"), 0);
	fresh(C);
	CHECK_EQ(v_close(C, 0), -EBADF);
	CHECK_EQ(v_getcwd(C, buf, sizeof(buf)), 2);
	/* A newer process in a slot replaces the old record. */
	endpoint_t c2 = ep_make(22, 2);
	CHECK_EQ(v_path(C, VFS_CHDIR, "/tmp"), 0);
	CHECK_EQ(v_getcwd(c2, buf, sizeof(buf)), 2);
	/* Fork copies descriptors and the working directory. */
	fresh(A);
	CHECK_EQ(v_path(A, VFS_CHDIR, "/tmp"), 0);
	fd = v_open(A, "pmfile", O_RDONLY, 0);
	CHECK_EQ(pm(VFS_PM_FORK, B, A, 11), 0);
	CHECK_EQ(v_getcwd(B, buf, sizeof(buf)), 5);
	CHECK_EQ(v_read(B, fd, buf, 4), 4);
	CHECK_EQ(v_read(A, fd, buf, 4), 4);        /* the shared position */
	CHECK(memcmp(buf, " pro", 4) == 0);
	CHECK_EQ(pm(VFS_PM_FORK, B, B, 11), -EINVAL);
	/* Exec: relative to the process's cwd, into PM's buffer. */
	CHECK_EQ(pm_exec(B, "pmfile", image, sizeof(image)), 12);
	CHECK(memcmp(image, "\177ELF", 4) == 0);
	CHECK_EQ(pm_exec(B, "pmfile", image, 11), -E2BIG);
	CHECK_EQ(pm_exec(B, "/tmp", image, sizeof(image)), -EISDIR);
	CHECK_EQ(pm_exec(B, "/dev/null", image, sizeof(image)), -EACCES);
	CHECK_EQ(pm_exec(B, "/nope", image, sizeof(image)), -ENOENT);
	CHECK_EQ(pm_exec(B, "pmfile", (void *) BAD_PTR, sizeof(image)), -EFAULT);
	fd = v_open(A, "noexec", O_RDWR | O_CREAT, 0644);
	CHECK_EQ(pm_exec(A, "noexec", image, sizeof(image)), -EACCES);
	CHECK_EQ(v_path(A, VFS_UNLINK, "noexec"), 0);
	CHECK_EQ(v_path(A, VFS_UNLINK, "pmfile"), 0);
	CHECK_EQ(v_stat(A, "pmfile", &st), -ENOENT);
	CHECK_EQ(pm(VFS_PM_REBOOT, 0, 0, 0), 0);
	CHECK_EQ(pm(VFS_PM_EXIT, A, 0, 0), 0);
	CHECK_EQ(pm(VFS_PM_EXIT, B, 0, 0), 0);
	CHECK_EQ(pm(VFS_PM_EXIT, B, 0, 0), 0);     /* twice: harmless */
	CHECK_EQ(pm(VFS_PM_EXIT, c2, 0, 0), 0);
	CHECK_EQ(pm(VFS_PM_EXIT, C, 0, 0), 0);
}

/* ---- permissions (perm.c) ----------------------------------------------- */

#define S ep_make(23, 1)      /* student, 1000:1000 */
#define O ep_make(24, 1)      /* another user, 1001:1001 */
#define G ep_make(25, 1)      /* a user in student's group, 1002:1000 */

static int v_mkdir(endpoint_t ep, const char *path, uint32_t mode)
{
	message m = path_msg(VFS_MKDIR, path);
	m.u.vfs_path.mode = mode;
	return call(ep, &m);
}

static int v_chmod(endpoint_t ep, const char *path, uint32_t mode)
{
	message m = msg(VFS_CHMOD);
	m.u.vfs_attr.path = (vir_bytes) path;
	m.u.vfs_attr.path_len = strlen(path);
	m.u.vfs_attr.mode = mode;
	return call(ep, &m);
}

static int v_chown(endpoint_t ep, const char *path, uint32_t uid,
    uint32_t gid)
{
	message m = msg(VFS_CHOWN);
	m.u.vfs_attr.path = (vir_bytes) path;
	m.u.vfs_attr.path_len = strlen(path);
	m.u.vfs_attr.uid = uid;
	m.u.vfs_attr.gid = gid;
	return call(ep, &m);
}

static int v_fattr(endpoint_t ep, int type, int fd, uint32_t mode,
    uint32_t uid, uint32_t gid)
{
	message m = msg(type);
	m.u.vfs_attr.fd = fd;
	m.u.vfs_attr.mode = mode;
	m.u.vfs_attr.uid = uid;
	m.u.vfs_attr.gid = gid;
	return call(ep, &m);
}

static int v_access(endpoint_t ep, const char *path, int how)
{
	message m = path_msg(VFS_ACCESS, path);
	m.u.vfs_path.flags = how;
	return call(ep, &m);
}

static int v_utime(endpoint_t ep, const char *path, uint32_t now,
    uint32_t atime, uint32_t mtime)
{
	message m = msg(VFS_UTIME);
	m.u.vfs_utime.path = (vir_bytes) path;
	m.u.vfs_utime.path_len = strlen(path);
	m.u.vfs_utime.now = now;
	m.u.vfs_utime.atime = atime;
	m.u.vfs_utime.mtime = mtime;
	return call(ep, &m);
}

/* owner_of: "uid:gid:mode" of PATH as root sees it (mode in octal, the
 * type left out), or "error N". */
static const char *owner_of(const char *path)
{
	static char out[64];
	struct stat st;
	int r = v_stat(PM_EP, path, &st);
	if (r != 0)
		snprintf(out, sizeof(out), "error %d", r);
	else
		snprintf(out, sizeof(out), "%u:%u:%o", (unsigned) st.st_uid,
		    (unsigned) st.st_gid, (unsigned) (st.st_mode & 07777));
	return out;
}

/* test_perm_rule: perm_check alone, the rule every handler applies. */
TEST(perm_rule)
{
	struct proc_cred root = { 0, 0, 0, 0, 0 };
	struct proc_cred st = { 1000, 1000, 1000, 1000, 5 };
	struct proc_cred grp = { 1002, 1002, 1000, 1000, 6 };
	struct proc_cred oth = { 1001, 1001, 1001, 1001, 7 };
	uint32_t reg = S_IFREG, dir = S_IFDIR;
	/* Root reads and writes anything, searches any directory, but runs
	 * only what has some x bit. */
	CHECK_EQ(perm_check(&root, reg | 0000, 1000, 1000, PERM_R | PERM_W), 0);
	CHECK_EQ(perm_check(&root, dir | 0000, 1000, 1000, PERM_X), 0);
	CHECK_EQ(perm_check(&root, reg | 0644, 0, 0, PERM_X), -EACCES);
	CHECK_EQ(perm_check(&root, reg | 0001, 1000, 1000, PERM_X), 0);
	/* Exactly one set of bits applies: the owner's, else the group's,
	 * else the others'. */
	CHECK_EQ(perm_check(&st, reg | 0077, 1000, 1000, PERM_R), -EACCES);
	CHECK_EQ(perm_check(&st, reg | 0400, 1000, 1000, PERM_R), 0);
	CHECK_EQ(perm_check(&st, reg | 0400, 1000, 1000, PERM_W), -EACCES);
	CHECK_EQ(perm_check(&grp, reg | 0640, 1000, 1000, PERM_R), 0);
	CHECK_EQ(perm_check(&grp, reg | 0647, 1000, 1000, PERM_W), -EACCES);
	CHECK_EQ(perm_check(&oth, reg | 0604, 1000, 1000, PERM_R), 0);
	CHECK_EQ(perm_check(&oth, reg | 0674, 1000, 1000, PERM_W), -EACCES);
	CHECK_EQ(perm_check(&oth, dir | 0754, 1000, 1000, PERM_X), -EACCES);
	CHECK_EQ(perm_check(&oth, dir | 0755, 1000, 1000, PERM_X), 0);
	CHECK_EQ(perm_check(&oth, reg | 0000, 1000, 1000, 0), 0);
}

/* test_permissions: every request that checks, as root, an owner, a
 * group member and somebody else. */
TEST(permissions)
{
	static char image[64];
	struct stat st;
	char buf[16];
	fresh(S);
	fresh(O);
	fresh(G);
	fake_cred(S, 1000, 1000);
	fake_cred(O, 1001, 1001);
	fake_cred(G, 1002, 1000);
	/* Root makes a home for student; new files are the creator's, with
	 * the umask (022) taken out. */
	CHECK_EQ(v_mkdir(A, "/home", 0755), 0);
	CHECK_EQ(v_mkdir(A, "/home/s", 0777), 0);
	CHECK_STR(owner_of("/home/s"), "0:0:755");
	CHECK_EQ(v_chown(A, "/home/s", 1000, 1000), 0);
	CHECK_STR(owner_of("/home/s"), "1000:1000:755");
	int fd = v_open(S, "/home/s/f", O_WRONLY | O_CREAT, 0666);
	CHECK_EQ(fd, 0);
	CHECK_EQ(v_writes(S, fd, "secret"), 6);
	CHECK_STR(owner_of("/home/s/f"), "1000:1000:644");
	/* A newly created file opens as asked whatever its mode. */
	CHECK_EQ(v_close(S, fd), 0);
	fd = v_open(S, "/home/s/ro", O_RDWR | O_CREAT, 0444);
	CHECK_EQ(fd, 0);
	CHECK_EQ(v_writes(S, fd, "x"), 1);
	CHECK_EQ(v_close(S, fd), 0);
	CHECK_EQ(v_open(S, "/home/s/ro", O_RDWR, 0), -EACCES);
	CHECK_EQ(v_open(S, "/home/s/ro", O_RDONLY | O_TRUNC, 0), -EACCES);
	CHECK_EQ(v_open(S, "/home/s/ro", O_RDONLY | O_CREAT, 0644), 0);
	CHECK_EQ(v_close(S, 0), 0);
	CHECK_EQ(v_open(A, "/home/s/ro", O_RDWR, 0), 0);   /* root: yes */
	CHECK_EQ(v_close(A, 0), 0);
	/* Somebody else: read yes, write, truncate, create, remove, rename
	 * no. */
	fd = v_open(O, "/home/s/f", O_RDONLY, 0);
	CHECK_EQ(fd, 0);
	CHECK_EQ(v_read(O, fd, buf, sizeof(buf)), 6);
	CHECK_EQ(v_close(O, fd), 0);
	CHECK_EQ(v_open(O, "/home/s/f", O_WRONLY, 0), -EACCES);
	CHECK_EQ(v_open(O, "/home/s/f", O_RDWR, 0), -EACCES);
	CHECK_EQ(v_open(O, "/home/s/f", O_WRONLY | O_CREAT, 0644), -EACCES);
	CHECK_EQ(v_open(O, "/home/s/new", O_WRONLY | O_CREAT, 0644), -EACCES);
	CHECK_EQ(v_open(O, "/home/s/f", O_RDWR | O_CREAT | O_EXCL, 0644),
	    -EEXIST);
	message m = path_msg(VFS_TRUNCATE, "/home/s/f");
	CHECK_EQ(call(O, &m), -EACCES);
	CHECK_EQ(v_path(O, VFS_UNLINK, "/home/s/f"), -EACCES);
	CHECK_EQ(v_mkdir(O, "/home/s/d", 0755), -EACCES);
	CHECK_EQ(v_rename(O, "/home/s/f", "/home/s/g"), -EACCES);
	CHECK_EQ(v_rename(O, "/home/s/f", "/tmp/g"), -EACCES);
	CHECK_EQ(v_stat(O, "/home/s/f", &st), 0);
	CHECK_EQ(st.st_uid, 1000);
	CHECK_EQ(st.st_gid, 1000);
	/* A group member gets the group's bits. */
	CHECK_EQ(v_chmod(S, "/home/s/f", 0640), 0);
	CHECK_EQ(v_open(G, "/home/s/f", O_RDONLY, 0), 0);
	CHECK_EQ(v_close(G, 0), 0);
	CHECK_EQ(v_open(G, "/home/s/f", O_WRONLY, 0), -EACCES);
	CHECK_EQ(v_open(O, "/home/s/f", O_RDONLY, 0), -EACCES);
	CHECK_EQ(v_access(G, "/home/s/f", PERM_R), 0);
	CHECK_EQ(v_access(G, "/home/s/f", PERM_W), -EACCES);
	CHECK_EQ(v_access(O, "/home/s/f", 0), 0);
	CHECK_EQ(v_access(O, "/home/s/f", PERM_R), -EACCES);
	CHECK_EQ(v_access(O, "/home/s/f", 8), -EINVAL);
	/* utime: the owner and root give any times; others with write
	 * permission only now, without it nothing. */
	CHECK_EQ(v_utime(S, "/home/s/f", 0, 5, 7), 0);
	CHECK_EQ(v_stat(A, "/home/s/f", &st), 0);
	CHECK_EQ(st.st_atime, 5);
	CHECK_EQ(st.st_mtime, 7);
	CHECK_EQ(v_utime(O, "/home/s/f", 1, 0, 0), -EACCES);
	CHECK_EQ(v_utime(O, "/home/s/f", 0, 1, 1), -EPERM);
	CHECK_EQ(v_chmod(S, "/home/s/f", 0646), 0);
	CHECK_EQ(v_utime(O, "/home/s/f", 0, 1, 1), -EPERM);
	CHECK_EQ(v_utime(O, "/home/s/f", 1, 0, 0), 0);
	CHECK_EQ(v_stat(A, "/home/s/f", &st), 0);
	CHECK(st.st_mtime != 7 && st.st_atime == st.st_mtime);
	CHECK_EQ(v_utime(A, "/home/s/f", 0, 1, 2), 0);
	CHECK_EQ(v_stat(A, "/home/s/f", &st), 0);
	CHECK_EQ(st.st_mtime, 2);
	CHECK_EQ(v_utime(S, "/home/s/none", 1, 0, 0), -ENOENT);
	CHECK_EQ(v_chmod(S, "/home/s/f", 0640), 0);
	/* access uses the real ids: set-user-id root does not count. */
	fake_seteid(O, 0, 0);
	CHECK_EQ(v_open(O, "/home/s/f", O_RDONLY, 0), 0);
	CHECK_EQ(v_close(O, 0), 0);
	CHECK_EQ(v_access(O, "/home/s/f", PERM_R), -EACCES);
	fake_cred(O, 1001, 1001);
	/* The owner can do it all in a directory of its own. */
	CHECK_EQ(v_mkdir(S, "/home/s/d", 0700), 0);
	CHECK_STR(owner_of("/home/s/d"), "1000:1000:700");
	CHECK_EQ(v_rename(S, "/home/s/ro", "/home/s/d/ro"), 0);
	/* No search permission: nothing below is reachable. */
	CHECK_EQ(v_stat(O, "/home/s/d/ro", &st), -EACCES);
	CHECK_EQ(v_open(O, "/home/s/d/ro", O_RDONLY, 0), -EACCES);
	CHECK_EQ(v_path(O, VFS_CHDIR, "/home/s/d"), -EACCES);
	CHECK_EQ(v_path(O, VFS_UNLINK, "/home/s/d/ro/"), -EACCES);
	CHECK_EQ(v_path(O, VFS_UNLINK, "/home/s/d/nope"), -EACCES);
	CHECK_EQ(v_rename(O, "/home/s/d/ro/", "/tmp/x"), -EACCES);
	CHECK_EQ(v_open(O, "/home/s/d", O_RDONLY, 0), -EACCES);  /* no read */
	CHECK_EQ(v_path(S, VFS_CHDIR, "/home/s/d"), 0);
	CHECK_EQ(v_stat(S, "ro", &st), 0);
	CHECK_EQ(v_chmod(S, "/home/s/d", 0600), 0);   /* no x, even for S */
	CHECK_EQ(v_stat(S, "/home/s/d/ro", &st), -EACCES);
	CHECK_EQ(v_stat(A, "/home/s/d/ro", &st), 0);  /* root searches */
	CHECK_EQ(v_chmod(S, "/home/s/d", 0300), 0);   /* x, w: no listing */
	CHECK_EQ(v_stat(S, "/home/s/d/ro", &st), 0);
	CHECK_EQ(v_open(S, "/home/s/d", O_RDONLY, 0), -EACCES);
	CHECK_EQ(v_chmod(S, "/home/s/d", 0500), 0);   /* no w: no changes */
	CHECK_EQ(v_path(S, VFS_UNLINK, "/home/s/d/ro"), -EACCES);
	CHECK_EQ(v_open(S, "/home/s/d/n", O_RDWR | O_CREAT, 0600), -EACCES);
	/* A directory moving to another parent needs its own w bit. */
	CHECK_EQ(v_rename(S, "/home/s/d", "/home/s/d2"), 0);
	CHECK_EQ(v_rename(S, "/home/s/d2", "/tmp/d2"), -EACCES);
	CHECK_EQ(v_chmod(S, "/home/s/d2", 0700), 0);
	CHECK_EQ(v_path(S, VFS_UNLINK, "/home/s/d2/ro"), 0);
	CHECK_EQ(v_path(S, VFS_CHDIR, "/"), 0);
	CHECK_EQ(v_path(S, VFS_RMDIR, "/home/s/d2"), 0);
	/* chmod: the owner or root (-EPERM); chown: root gives away, the
	 * owner only changes the group to its own. */
	CHECK_EQ(v_chmod(O, "/home/s/f", 0777), -EPERM);
	CHECK_EQ(v_chmod(S, "/home/s/f", 010000), -EINVAL);
	CHECK_EQ(v_chown(S, "/home/s/f", 1001, FS_KEEP_ID), -EPERM);
	CHECK_EQ(v_chown(S, "/home/s/f", FS_KEEP_ID, 1001), -EPERM);
	CHECK_EQ(v_chown(O, "/home/s/f", FS_KEEP_ID, 1001), -EPERM);
	CHECK_EQ(v_chown(S, "/home/s/f", 1000, 1000), 0);
	CHECK_EQ(v_chown(A, "/home/s/f", 0, 1001), 0);
	CHECK_STR(owner_of("/home/s/f"), "0:1001:640");
	CHECK_EQ(v_chown(A, "/home/s/f", 1000, 1000), 0);
	fake_seteid(S, 1000, 1002);       /* egid 1002: may take group 1002 */
	CHECK_EQ(v_chown(S, "/home/s/f", FS_KEEP_ID, 1002), 0);
	CHECK_STR(owner_of("/home/s/f"), "1000:1002:640");
	/* ... and set-group-id only for its own group. */
	fake_cred(S, 1000, 1000);
	CHECK_EQ(v_chmod(S, "/home/s/f", 02755), 0);
	CHECK_STR(owner_of("/home/s/f"), "1000:1002:755");
	/* fchmod, fchown on a descriptor; a non-root chown clears the
	 * set-id bits. */
	fd = v_open(S, "/home/s/f", O_RDONLY, 0);
	CHECK_EQ(v_fattr(S, VFS_FCHMOD, fd, 04750, 0, 0), 0);
	CHECK_STR(owner_of("/home/s/f"), "1000:1002:4750");
	CHECK_EQ(v_fattr(S, VFS_FCHOWN, fd, 0, FS_KEEP_ID, 1000), 0);
	CHECK_STR(owner_of("/home/s/f"), "1000:1000:750");
	CHECK_EQ(v_fattr(O, VFS_FCHMOD, fd, 0777, 0, 0), -EBADF);
	CHECK_EQ(v_fattr(S, VFS_FCHOWN, 9, 0, 0, 0), -EBADF);
	int pfd[2];
	CHECK_EQ(v_pipe(S, pfd), 0);
	CHECK_EQ(v_fstat(S, pfd[0], &st), 0);
	CHECK_EQ(st.st_uid, 1000);
	CHECK_EQ(v_fattr(S, VFS_FCHMOD, pfd[0], 0777, 0, 0), -EINVAL);
	CHECK_EQ(v_close(S, pfd[0]), 0);
	CHECK_EQ(v_close(S, pfd[1]), 0);
	CHECK_EQ(v_close(S, fd), 0);
	/* The vnode of an open file follows chmod: a second open sees it. */
	fd = v_open(O, "/tmp", O_RDONLY, 0);
	CHECK_EQ(v_chmod(S, "/home/s/f", 0755), 0);
	CHECK_EQ(v_open(O, "/home/s/f", O_RDONLY, 0), 1);
	CHECK_EQ(v_chmod(S, "/home/s/f", 0750), 0);
	CHECK_EQ(v_open(O, "/home/s/f", O_RDONLY, 0), -EACCES);
	CHECK_EQ(v_close(O, 1), 0);
	CHECK_EQ(v_close(O, fd), 0);
	/* Exec: x for the exec'ing process; root needs some x bit. The
	 * reply carries the file's mode and owner (set-user-id). */
	fd = v_open(S, "/home/s/prog", O_WRONLY | O_CREAT, 0744);
	CHECK_EQ(v_writes(S, fd, "ELF"), 4);
	CHECK_EQ(v_close(S, fd), 0);
	CHECK_EQ(pm_exec(S, "/home/s/prog", image, sizeof(image)), 4);
	CHECK_EQ(pm_exec(O, "/home/s/prog", image, sizeof(image)), -EACCES);
	CHECK_EQ(v_chmod(S, "/home/s/prog", 04755), 0);
	m = msg(VFS_PM_EXEC);
	m.u.vfs_pm_exec.proc = O;
	m.u.vfs_pm_exec.path = (vir_bytes) "/home/s/prog";
	m.u.vfs_pm_exec.path_len = strlen("/home/s/prog");
	m.u.vfs_pm_exec.buf = (vir_bytes) image;
	m.u.vfs_pm_exec.buf_len = sizeof(image);
	CHECK_EQ(call(PM_EP, &m), 4);
	CHECK_EQ(m.u.vfs_pm_exec.mode, S_IFREG | 04755);
	CHECK_EQ(m.u.vfs_pm_exec.uid, 1000);
	CHECK_EQ(m.u.vfs_pm_exec.gid, 1000);
	CHECK_EQ(v_chmod(S, "/home/s/prog", 0644), 0);
	CHECK_EQ(pm_exec(A, "/home/s/prog", image, sizeof(image)), -EACCES);
	CHECK_EQ(v_chmod(S, "/home/s/prog", 0010), 0);
	CHECK_EQ(pm_exec(A, "/home/s/prog", image, sizeof(image)), 4);
	CHECK_EQ(pm_exec(S, "/home/s/prog", image, sizeof(image)), -EACCES);
	/* The sticky /tmp: only the entry's owner, the directory's or root
	 * removes or renames. */
	CHECK_EQ(v_chmod(A, "/tmp", 01777), 0);
	fd = v_open(S, "/tmp/sf", O_WRONLY | O_CREAT, 0666);
	CHECK_EQ(v_close(S, fd), 0);
	CHECK_EQ(v_mkdir(S, "/tmp/sd", 0777), 0);
	CHECK_EQ(v_path(O, VFS_UNLINK, "/tmp/sf"), -EPERM);
	CHECK_EQ(v_path(O, VFS_RMDIR, "/tmp/sd"), -EPERM);
	CHECK_EQ(v_rename(O, "/tmp/sf", "/tmp/of"), -EPERM);
	fd = v_open(O, "/tmp/of", O_WRONLY | O_CREAT, 0666);
	CHECK_EQ(v_close(O, fd), 0);
	CHECK_EQ(v_rename(O, "/tmp/of", "/tmp/sf"), -EPERM); /* replaces S's */
	CHECK_EQ(v_rename(S, "/tmp/sf", "/tmp/sf2"), 0);
	CHECK_EQ(v_path(S, VFS_UNLINK, "/tmp/sf2"), 0);
	CHECK_EQ(v_path(S, VFS_RMDIR, "/tmp/sd"), 0);
	CHECK_EQ(v_path(A, VFS_UNLINK, "/tmp/of"), 0);
	/* Without the sticky bit anyone with w on the directory may. */
	CHECK_EQ(v_chmod(A, "/tmp", 0777), 0);
	fd = v_open(S, "/tmp/sf", O_WRONLY | O_CREAT, 0666);
	CHECK_EQ(v_close(S, fd), 0);
	CHECK_EQ(v_path(O, VFS_UNLINK, "/tmp/sf"), 0);
	CHECK_EQ(v_chmod(A, "/tmp", 01777), 0);
	/* mknod: root only. */
	m = path_msg(VFS_MKNOD, "/tmp/mem");
	m.u.vfs_path.mode = S_IFCHR | 0666;
	m.u.vfs_path.dev = DEV_MAKE(1, 3);
	CHECK_EQ(call(S, &m), -EPERM);
	CHECK_EQ(v_stat(A, "/tmp/mem", &st), -ENOENT);
	/* umask: returns the old one, children inherit it. */
	m = msg(VFS_UMASK);
	m.u.vfs_attr.mode = 077;
	CHECK_EQ(call(S, &m), 022);
	CHECK_EQ(pm(VFS_PM_FORK, C, S, 12), 0);
	fake_cred(C, 1000, 1000);
	fd = v_open(C, "/home/s/u", O_WRONLY | O_CREAT, 0666);
	CHECK_EQ(v_close(C, fd), 0);
	CHECK_STR(owner_of("/home/s/u"), "1000:1000:600");
	CHECK_EQ(v_mkdir(C, "/home/s/ud", 0777), 0);
	CHECK_STR(owner_of("/home/s/ud"), "1000:1000:700");
	m.u.vfs_attr.mode = 0;
	CHECK_EQ(call(C, &m), 077);
	CHECK_EQ(call(C, &m), 0);
	/* Clean up: the leak check counts inodes. */
	CHECK_EQ(v_path(S, VFS_RMDIR, "/home/s/ud"), 0);
	CHECK_EQ(v_path(S, VFS_UNLINK, "/home/s/u"), 0);
	CHECK_EQ(v_path(S, VFS_UNLINK, "/home/s/prog"), 0);
	CHECK_EQ(v_path(S, VFS_UNLINK, "/home/s/f"), 0);
	CHECK_EQ(v_path(O, VFS_RMDIR, "/home/s"), -EACCES);
	CHECK_EQ(v_path(A, VFS_RMDIR, "/home/s"), 0);
	CHECK_EQ(v_path(A, VFS_RMDIR, "/home"), 0);
	fake_cred(S, 0, 0);
	fake_cred(O, 0, 0);
	fake_cred(G, 0, 0);
	fake_cred(C, 0, 0);
	for (endpoint_t ep = C; ep <= G; ep = ep_make(ep_slot(ep) + 1, 1))
		pm(VFS_PM_EXIT, ep, 0, 0);
}

static int v_link(endpoint_t ep, const char *a, const char *b)
{
	message m = path_msg(VFS_LINK, a);
	m.u.vfs_path.path2 = (vir_bytes) b;
	m.u.vfs_path.path2_len = strlen(b);
	return call(ep, &m);
}

/* link: hard links through VFS: a second name, st_nlink, the errors
 * (EEXIST, ENOENT, EPERM for a directory, EACCES without write on the
 * new name's directory, ENAMETOOLONG); the data outlives its first name. */
TEST(link)
{
	struct stat st;
	char buf[8];
	fresh(A);
	fresh(S);
	fake_cred(S, 1000, 1000);
	CHECK_EQ(v_path(A, VFS_MKDIR, "/tmp/l"), 0);
	int fd = v_open(A, "/tmp/l/a", O_RDWR | O_CREAT, 0644);
	CHECK_EQ(fd, 0);
	CHECK_EQ(v_writes(A, fd, "data"), 4);
	CHECK_EQ(v_close(A, fd), 0);
	CHECK_EQ(v_link(A, "/tmp/l/a", "/tmp/l/b"), 0);
	CHECK_EQ(v_stat(A, "/tmp/l/b", &st), 0);
	CHECK_EQ(st.st_nlink, 2);
	CHECK_EQ(v_link(A, "/tmp/l/a", "/tmp/l/b"), -EEXIST);
	CHECK_EQ(v_link(A, "/tmp/l/a", "/"), -EEXIST);
	CHECK_EQ(v_link(A, "/tmp/l/a", "/tmp/l/b/"), -EEXIST);
	CHECK_EQ(v_link(A, "/tmp/l/a", "/tmp/l/new/"), -ENOENT);
	CHECK_EQ(v_link(A, "/tmp/l/none", "/tmp/l/c"), -ENOENT);
	CHECK_EQ(v_link(A, "/tmp/l/a", "/tmp/nodir/c"), -ENOENT);
	CHECK_EQ(v_link(A, "/tmp/l", "/tmp/l2"), -EPERM);
	CHECK_EQ(v_link(A, "/tmp/l/a/", "/tmp/l/c"), -ENOTDIR);
	char name[NAME_MAX + 8];
	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	CHECK_EQ(v_link(A, "/tmp/l/a", name), -ENAMETOOLONG);
	/* No write permission on /tmp/l (root's, 755): EACCES. */
	CHECK_EQ(v_link(S, "/tmp/l/a", "/tmp/l/s"), -EACCES);
	CHECK_EQ(v_link(S, "/tmp/l/a", "/tmp/s"), 0);       /* /tmp is 1777 */
	CHECK_EQ(v_path(S, VFS_UNLINK, "/tmp/s"), -EPERM);  /* sticky: root's */
	CHECK_EQ(v_path(A, VFS_UNLINK, "/tmp/s"), 0);
	/* The first name goes, the data stays under the second. */
	CHECK_EQ(v_path(A, VFS_UNLINK, "/tmp/l/a"), 0);
	CHECK_EQ(v_stat(A, "/tmp/l/b", &st), 0);
	CHECK_EQ(st.st_nlink, 1);
	fd = v_open(A, "/tmp/l/b", O_RDONLY, 0);
	CHECK_EQ(fd, 0);
	CHECK_EQ(v_read(A, fd, buf, sizeof(buf)), 4);
	CHECK(memcmp(buf, "data", 4) == 0);
	CHECK_EQ(v_path(A, VFS_UNLINK, "/tmp/l/b"), 0);
	CHECK_EQ(v_fstat(A, fd, &st), 0);
	CHECK_EQ(st.st_nlink, 0);
	CHECK_EQ(v_close(A, fd), 0);
	CHECK_EQ(v_path(A, VFS_RMDIR, "/tmp/l"), 0);
	pm(VFS_PM_EXIT, S, 0, 0);
}

/* deep_cwd: a working directory whose absolute path is longer than
 * PATH_MAX (entered one step at a time) works: getcwd gives it (ERANGE
 * for a small buffer), relative names resolve, ".." climbs back. Past
 * CWD_MAX chdir says ENAMETOOLONG. pipe writes its descriptors itself: a
 * bad pointer is EFAULT and leaves no descriptor behind. */
TEST(deep_cwd)
{
	static char want[CWD_MAX + 64], got[CWD_MAX];
	char comp[48];
	int fds[2];
	fresh(A);
	memset(comp, 'd', sizeof(comp) - 1);
	comp[sizeof(comp) - 1] = '\0';
	CHECK_EQ(v_path(A, VFS_CHDIR, "/tmp"), 0);
	strcpy(want, "/tmp");
	int depth = 0;
	while (strlen(want) + 1 + strlen(comp) < CWD_MAX) {
		CHECK_EQ(v_path(A, VFS_MKDIR, comp), 0);
		CHECK_EQ(v_path(A, VFS_CHDIR, comp), 0);
		strcat(want, "/");
		strcat(want, comp);
		depth++;
	}
	CHECK(strlen(want) >= PATH_MAX);
	CHECK_EQ(v_getcwd(A, got, sizeof(got)), (int) strlen(want) + 1);
	CHECK_STR(got, want);
	CHECK_EQ(v_getcwd(A, got, PATH_MAX), -ERANGE);
	int fd = v_open(A, "here", O_RDWR | O_CREAT, 0644);
	CHECK_EQ(fd, 0);
	CHECK_EQ(v_close(A, fd), 0);
	CHECK_EQ(v_path(A, VFS_MKDIR, comp), 0);
	CHECK_EQ(v_path(A, VFS_CHDIR, comp), -ENAMETOOLONG);
	CHECK_EQ(v_path(A, VFS_RMDIR, comp), 0);
	CHECK_EQ(v_path(A, VFS_UNLINK, "here"), 0);
	/* pipe with a bad pointer: EFAULT, both descriptors closed again. */
	message m = msg(VFS_PIPE);
	m.u.vfs_io.buf = BAD_PTR;
	CHECK_EQ(call(A, &m), -EFAULT);
	m = msg(VFS_PIPE);
	m.u.vfs_io.buf = (vir_bytes) fds;
	CHECK_EQ(call(A, &m), 0);
	CHECK(fds[0] == 0 && fds[1] == 1);
	CHECK_EQ(v_close(A, 0), 0);
	CHECK_EQ(v_close(A, 1), 0);
	/* Back up, removing the tree. */
	for (int i = 0; i < depth; i++) {
		CHECK_EQ(v_path(A, VFS_CHDIR, ".."), 0);
		CHECK_EQ(v_path(A, VFS_RMDIR, comp), 0);
	}
	CHECK_EQ(v_getcwd(A, got, sizeof(got)), 5);
	CHECK_STR(got, "/tmp");
	CHECK_EQ(v_path(A, VFS_CHDIR, "/"), 0);
}

/* ---- mounts and symbolic links ------------------------------------------ */

static int v_symlink(endpoint_t ep, const char *target, const char *name)
{
	message m = path_msg(VFS_SYMLINK, target);
	m.u.vfs_path.path2 = (vir_bytes) name;
	m.u.vfs_path.path2_len = strlen(name);
	return call(ep, &m);
}

static int v_readlink(endpoint_t ep, const char *path, char *buf,
    uint32_t size)
{
	message m = path_msg(VFS_READLINK, path);
	m.u.vfs_path.buf = (vir_bytes) buf;
	m.u.vfs_path.flags = size;
	return call(ep, &m);
}

static int v_lstat(endpoint_t ep, const char *path, struct stat *st)
{
	message m = path_msg(VFS_LSTAT, path);
	m.u.vfs_path.buf = (vir_bytes) st;
	return call(ep, &m);
}

static int v_statfs(endpoint_t ep, const char *path, struct statfs *sf)
{
	message m = path_msg(VFS_STATFS, path);
	m.u.vfs_path.buf = (vir_bytes) sf;
	return call(ep, &m);
}

static int v_mount(endpoint_t ep, const char *dev, const char *dir,
    const char *label, uint32_t flags)
{
	message m = msg(VFS_MOUNT);
	m.u.vfs_mount.dev = (vir_bytes) dev;
	m.u.vfs_mount.dir = (vir_bytes) dir;
	m.u.vfs_mount.label = (vir_bytes) label;
	m.u.vfs_mount.flags = flags;
	return call(ep, &m);
}

static int v_umount(endpoint_t ep, const char *dir, char *label)
{
	message m = msg(VFS_UMOUNT);
	m.u.vfs_mount.dir = (vir_bytes) dir;
	m.u.vfs_mount.label = (vir_bytes) label;
	return call(ep, &m);
}

static int v_getmnt(endpoint_t ep, int index, struct mnt_entry *e)
{
	return v_io(ep, VFS_GETMNT, index, e, sizeof(*e));
}

/* read_file: the first bytes of PATH as a string in BUF (SIZE). */
static int read_file(endpoint_t ep, const char *path, char *buf,
    uint32_t size)
{
	int fd = v_open(ep, path, O_RDONLY, 0);
	if (fd < 0)
		return fd;
	int n = v_read(ep, fd, buf, size - 1);
	v_close(ep, fd);
	if (n >= 0)
		buf[n] = '\0';
	return n;
}

/* symlinks: on rootfs: open, stat and chdir follow links (relative ones
 * from the link's directory, absolute from /), lstat and readlink see the
 * link; unlink and rename act on the link; at most SYMLOOP_MAX links per
 * lookup (ELOOP); getcwd after chdir through a link is the real path. */
TEST(symlinks)
{
	struct stat st;
	char buf[64], name[16], prev[16];
	fresh(A);
	CHECK_EQ(v_path(A, VFS_MKDIR, "/tmp/sd"), 0);
	int fd = v_open(A, "/tmp/sd/target", O_RDWR | O_CREAT, 0644);
	CHECK(fd >= 0);
	CHECK_EQ(v_writes(A, fd, "linked data"), 11);
	CHECK_EQ(v_close(A, fd), 0);
	CHECK_EQ(v_symlink(A, "/tmp/sd/target", "/tmp/abs"), 0);
	CHECK_EQ(v_symlink(A, "target", "/tmp/sd/rel"), 0);
	CHECK_EQ(v_symlink(A, "sd", "/tmp/dl"), 0);
	CHECK_EQ(read_file(A, "/tmp/abs", buf, sizeof(buf)), 11);
	CHECK_STR(buf, "linked data");
	CHECK_EQ(read_file(A, "/tmp/sd/rel", buf, sizeof(buf)), 11);
	CHECK_EQ(read_file(A, "/tmp/dl/rel", buf, sizeof(buf)), 11);
	CHECK_EQ(v_stat(A, "/tmp/abs", &st), 0);
	CHECK(S_ISREG(st.st_mode));
	CHECK_EQ(st.st_size, 11);
	CHECK_EQ(v_lstat(A, "/tmp/abs", &st), 0);
	CHECK_EQ(st.st_mode, S_IFLNK | 0777);
	CHECK_EQ(st.st_size, 14);
	CHECK_EQ(v_lstat(A, "/tmp/dl/rel", &st), 0);    /* middle followed */
	CHECK(S_ISLNK(st.st_mode));
	CHECK_EQ(v_readlink(A, "/tmp/abs", buf, sizeof(buf)), 14);
	CHECK(memcmp(buf, "/tmp/sd/target", 14) == 0);
	CHECK_EQ(v_readlink(A, "/tmp/abs", buf, 4), 4);
	CHECK_EQ(v_readlink(A, "/tmp/sd/target", buf, sizeof(buf)), -EINVAL);
	CHECK_EQ(v_readlink(A, "/tmp/abs", buf, 0), -EINVAL);
	CHECK_EQ(v_readlink(A, "/tmp/abs", (char *) BAD_PTR, 10), -EFAULT);
	CHECK_EQ(v_readlink(A, "/tmp/none", buf, sizeof(buf)), -ENOENT);
	/* Errors making one. */
	CHECK_EQ(v_symlink(A, "x", "/tmp/abs"), -EEXIST);
	CHECK_EQ(v_symlink(A, "x", "/tmp/sd"), -EEXIST);
	CHECK_EQ(v_symlink(A, "x", "/"), -EEXIST);
	CHECK_EQ(v_symlink(A, "", "/tmp/e"), -ENOENT);
	CHECK_EQ(v_symlink(A, "x", "/nodir/e"), -ENOENT);
	fake_cred(B, 1000, 1000);
	fresh(B);
	CHECK_EQ(v_symlink(B, "x", "/tmp/sd/b"), -EACCES);  /* root's 755 */
	CHECK_EQ(v_symlink(B, "x", "/tmp/b"), 0);
	CHECK_EQ(v_lstat(B, "/tmp/b", &st), 0);
	CHECK_EQ(st.st_uid, 1000);
	CHECK_EQ(v_path(B, VFS_UNLINK, "/tmp/b"), 0);
	/* A dangling link: ENOENT to follow, fine to lstat and remove. */
	CHECK_EQ(v_symlink(A, "/tmp/nothing", "/tmp/dang"), 0);
	CHECK_EQ(v_open(A, "/tmp/dang", O_RDONLY, 0), -ENOENT);
	CHECK_EQ(v_stat(A, "/tmp/dang", &st), -ENOENT);
	CHECK_EQ(v_lstat(A, "/tmp/dang", &st), 0);
	CHECK_EQ(v_path(A, VFS_UNLINK, "/tmp/dang"), 0);
	/* chdir through a link: getcwd is where it leads. */
	CHECK_EQ(v_path(A, VFS_CHDIR, "/tmp/dl"), 0);
	CHECK_EQ(v_getcwd(A, buf, sizeof(buf)), 8);
	CHECK_STR(buf, "/tmp/sd");
	CHECK_EQ(v_path(A, VFS_CHDIR, "../dl/."), 0);
	CHECK_EQ(v_getcwd(A, buf, sizeof(buf)), 8);
	CHECK_EQ(v_path(A, VFS_CHDIR, "/"), 0);
	CHECK_EQ(v_path(A, VFS_CHDIR, "/tmp/abs"), -ENOTDIR);
	/* Loops: a link to itself, and a chain: SYMLOOP_MAX links are fine,
	 * one more is ELOOP. */
	CHECK_EQ(v_symlink(A, "/tmp/loop", "/tmp/loop"), 0);
	CHECK_EQ(v_stat(A, "/tmp/loop", &st), -ELOOP);
	CHECK_EQ(v_open(A, "/tmp/loop/x", O_RDONLY, 0), -ELOOP);
	CHECK_EQ(v_lstat(A, "/tmp/loop", &st), 0);
	CHECK_EQ(v_path(A, VFS_UNLINK, "/tmp/loop"), 0);
	strcpy(prev, "sd/target");
	for (int i = 1; i <= SYMLOOP_MAX + 1; i++) {
		snprintf(name, sizeof(name), "/tmp/c%d", i);
		CHECK_EQ(v_symlink(A, prev, name), 0);
		strcpy(prev, name + 5);
	}
	CHECK_EQ(read_file(A, "/tmp/c8", buf, sizeof(buf)), 11);
	CHECK_EQ(read_file(A, "/tmp/c9", buf, sizeof(buf)), -ELOOP);
	for (int i = 1; i <= SYMLOOP_MAX + 1; i++) {
		snprintf(name, sizeof(name), "/tmp/c%d", i);
		CHECK_EQ(v_path(A, VFS_UNLINK, name), 0);
	}
	/* Rename and hard link act on the link itself; O_CREAT through a
	 * link opens what it names. */
	CHECK_EQ(v_rename(A, "/tmp/abs", "/tmp/abs2"), 0);
	CHECK_EQ(v_link(A, "/tmp/abs2", "/tmp/abs3"), 0);
	CHECK_EQ(v_lstat(A, "/tmp/abs3", &st), 0);
	CHECK(S_ISLNK(st.st_mode));
	CHECK_EQ(st.st_nlink, 2);
	fd = v_open(A, "/tmp/abs3", O_WRONLY | O_CREAT | O_APPEND, 0644);
	CHECK(fd >= 0);
	CHECK_EQ(v_writes(A, fd, "!"), 1);
	CHECK_EQ(v_close(A, fd), 0);
	CHECK_EQ(v_open(A, "/tmp/abs3", O_WRONLY | O_CREAT | O_EXCL, 0644),
	    -EEXIST);
	CHECK_EQ(read_file(A, "/tmp/sd/target", buf, sizeof(buf)), 12);
	/* unlink and rmdir never follow: the link goes, the target stays. */
	CHECK_EQ(v_path(A, VFS_RMDIR, "/tmp/dl"), -ENOTDIR);
	CHECK_EQ(v_path(A, VFS_UNLINK, "/tmp/dl"), 0);
	CHECK_EQ(v_path(A, VFS_UNLINK, "/tmp/abs2"), 0);
	CHECK_EQ(v_path(A, VFS_UNLINK, "/tmp/abs3"), 0);
	CHECK_EQ(v_path(A, VFS_UNLINK, "/tmp/sd/rel"), 0);
	CHECK_EQ(v_stat(A, "/tmp/sd/target", &st), 0);
	CHECK_EQ(v_path(A, VFS_UNLINK, "/tmp/sd/target"), 0);
	CHECK_EQ(v_path(A, VFS_RMDIR, "/tmp/sd"), 0);
	pm(VFS_PM_EXIT, B, 0, 0);
	fake_cred(B, 0, 0);
}

#define FS_EP ep_make(31, 1)          /* the second file server */

/* mounts: the refusals of VFS_MOUNT, then a file system mounted on /mnt:
 * files there live on the second server, stat gives its device, ".."
 * leads out of it (also for getcwd), links and renames across are
 * EXDEV, its mount point cannot go; statfs, sync, getmnt; umount is busy
 * while a file or a working directory is in use and writes the label
 * back; read-only mounts; a server that dies; reboot unmounts. */
TEST(mounts)
{
	struct stat st;
	struct statfs sf;
	struct mnt_entry e;
	char buf[64], label[MNT_LABEL_MAX];
	fresh(A);
	fake_cred(B, 1000, 1000);
	fresh(B);
	fakefs_reset(FS_EP);
	driver_up_init();
	blk.ep = ep_make(30, 4);
	blk.running = 1;
	fake_ds_publish("drv.blk.ramdisk", 13, blk.ep);
	driver_up_event();
	CHECK_EQ(mknod_dev(A, "/dev/fsdisk", S_IFBLK, DEV_MAKE(13, 0)), 0);
	CHECK_EQ(mknod_dev(A, "/dev/nodrv", S_IFBLK, DEV_MAKE(20, 0)), 0);
	CHECK_EQ(v_path(A, VFS_MKDIR, "/mnt"), 0);
	CHECK_EQ(v_path(A, VFS_MKDIR, "/mnt/hidden"), 0);
	int fd = v_open(A, "/tmp/file", O_RDWR | O_CREAT, 0644);
	CHECK_EQ(v_close(A, fd), 0);
	/* Refusals. */
	CHECK_EQ(v_mount(B, "/dev/fsdisk", "/mnt", FAKEFS_LABEL, 0), -EPERM);
	CHECK_EQ(v_mount(A, "/dev/null", "/mnt", FAKEFS_LABEL, 0), -ENOTBLK);
	CHECK_EQ(v_mount(A, "/dev/none", "/mnt", FAKEFS_LABEL, 0), -ENOENT);
	CHECK_EQ(v_mount(A, "/dev/fsdisk", "/tmp/file", FAKEFS_LABEL, 0),
	    -ENOTDIR);
	CHECK_EQ(v_mount(A, "/dev/fsdisk", "/nodir", FAKEFS_LABEL, 0), -ENOENT);
	CHECK_EQ(v_mount(A, "/dev/fsdisk", "/mnt", "fs_none", 0), -ENOENT);
	CHECK_EQ(v_mount(A, "/dev/fsdisk", "/mnt", "tty", 0), -EINVAL);
	CHECK_EQ(v_mount(A, "/dev/fsdisk", "/mnt", "", 0), -EINVAL);
	CHECK_EQ(v_mount(A, "/dev/fsdisk", "/mnt", "a_label_far_too_long", 0),
	    -EINVAL);
	CHECK_EQ(v_mount(A, "/dev/fsdisk", "/mnt", FAKEFS_LABEL, 0x80),
	    -EINVAL);
	CHECK_EQ(v_mount(A, "/dev/fsdisk", "/mnt", (char *) BAD_PTR, 0),
	    -EFAULT);
	CHECK_EQ(v_mount(A, "/dev/nodrv", "/mnt", FAKEFS_LABEL, 0), -ENXIO);
	CHECK_EQ(v_mount(A, "/dev/fsdisk", "/", FAKEFS_LABEL, 0), -EBUSY);
	ffs.running = 0;
	CHECK_EQ(v_mount(A, "/dev/fsdisk", "/mnt", FAKEFS_LABEL, 0), -EIO);
	ffs.running = 1;
	CHECK_EQ(ffs.readsupers, 0);
	CHECK_EQ(v_getmnt(A, 1, &e), -ENOENT);
	/* Mounted. */
	CHECK_EQ(v_mount(A, "/dev/fsdisk", "/tmp/../mnt/", FAKEFS_LABEL, 0), 0);
	CHECK_EQ(ffs.readsupers, 1);
	CHECK_EQ(ffs.dev, DEV_MAKE(13, 0));
	CHECK_EQ(ffs.flags, 0);
	CHECK_STR(ffs.driver, "ramdisk");
	CHECK_EQ(v_mount(A, "/dev/fsdisk", "/tmp", FAKEFS_LABEL, 0), -EBUSY);
	CHECK_EQ(v_mount(A, "/dev/fsdisk", "/mnt", FAKEFS_LABEL, 0), -EBUSY);
	CHECK_EQ(v_getmnt(A, 0, &e), 0);
	CHECK_EQ(e.dev, 0);
	CHECK_STR(e.dir, "/");
	CHECK_STR(e.devname, "none");
	CHECK_EQ(v_getmnt(A, 1, &e), 0);
	CHECK_EQ(e.dev, DEV_MAKE(13, 0));
	CHECK_EQ(e.flags, 0);
	CHECK_STR(e.dir, "/mnt");
	CHECK_STR(e.devname, "/dev/fsdisk");
	CHECK_STR(e.label, FAKEFS_LABEL);
	CHECK_EQ(v_getmnt(A, 2, &e), -ENOENT);
	CHECK_EQ(v_getmnt(A, -1, &e), -ENOENT);
	CHECK_EQ(v_getmnt(A, 0, (struct mnt_entry *) BAD_PTR), -EFAULT);
	/* Files on the mounted file system. */
	CHECK_EQ(v_stat(A, "/mnt/hidden", &st), -ENOENT);
	CHECK_EQ(v_stat(A, "/mnt", &st), 0);
	CHECK_EQ(st.st_ino, FFS_ROOT);
	CHECK_EQ(st.st_dev, DEV_MAKE(13, 0));
	fd = v_open(A, "/mnt/f", O_RDWR | O_CREAT, 0644);
	CHECK(fd >= 0);
	CHECK_EQ(v_writes(A, fd, "on disk"), 7);
	CHECK_EQ(v_close(A, fd), 0);
	CHECK(fakefs_has("f"));
	CHECK_EQ(read_file(A, "/mnt/f", buf, sizeof(buf)), 7);
	CHECK_STR(buf, "on disk");
	CHECK_EQ(v_stat(A, "/mnt/f", &st), 0);
	CHECK_EQ(st.st_dev, DEV_MAKE(13, 0));
	CHECK_EQ(st.st_size, 7);
	CHECK_EQ(v_path(A, VFS_MKDIR, "/mnt/d"), 0);
	/* ".." out of the mount, and getcwd. */
	CHECK_EQ(v_path(A, VFS_CHDIR, "/mnt/d"), 0);
	CHECK_EQ(v_getcwd(A, buf, sizeof(buf)), 7);
	CHECK_STR(buf, "/mnt/d");
	CHECK_EQ(v_stat(A, "../../tmp/file", &st), 0);
	CHECK_EQ(v_stat(A, "../f", &st), 0);
	CHECK_EQ(v_path(A, VFS_CHDIR, ".."), 0);
	CHECK_EQ(v_getcwd(A, buf, sizeof(buf)), 5);
	CHECK_STR(buf, "/mnt");
	CHECK_EQ(v_path(A, VFS_CHDIR, ".."), 0);
	CHECK_EQ(v_getcwd(A, buf, sizeof(buf)), 2);
	CHECK_STR(buf, "/");
	CHECK_EQ(v_stat(A, ".", &st), 0);
	CHECK_EQ(st.st_ino, FS_ROOT_INO);
	CHECK_EQ(v_path(A, VFS_CHDIR, "mnt/d/../.."), 0);
	CHECK_EQ(v_getcwd(A, buf, sizeof(buf)), 2);
	/* Links: a symbolic link out of the mount (relative, through ".."
	 * of its root) and one into it. */
	struct stat tst;
	CHECK_EQ(v_stat(A, "/tmp/file", &tst), 0);
	CHECK_EQ(v_symlink(A, "../tmp/file", "/mnt/up"), 0);
	CHECK_EQ(v_stat(A, "/mnt/up", &st), 0);
	CHECK_EQ(st.st_ino, tst.st_ino);
	CHECK_EQ(st.st_dev, tst.st_dev);
	CHECK_EQ(v_readlink(A, "/mnt/up", buf, sizeof(buf)), 11);
	CHECK_EQ(v_symlink(A, "/mnt/f", "/tmp/in"), 0);
	CHECK_EQ(read_file(A, "/tmp/in", buf, sizeof(buf)), 7);
	CHECK_EQ(v_path(A, VFS_UNLINK, "/tmp/in"), 0);
	CHECK_EQ(v_path(A, VFS_UNLINK, "/mnt/up"), 0);
	/* Across file systems: EXDEV; the mount point stays. */
	CHECK_EQ(v_link(A, "/mnt/f", "/tmp/f"), -EXDEV);
	CHECK_EQ(v_link(A, "/tmp/file", "/mnt/g"), -EXDEV);
	CHECK_EQ(v_rename(A, "/mnt/f", "/tmp/f"), -EXDEV);
	CHECK_EQ(v_rename(A, "/tmp/file", "/mnt/g"), -EXDEV);
	CHECK_EQ(v_path(A, VFS_RMDIR, "/mnt"), -EBUSY);
	CHECK_EQ(v_rename(A, "/mnt", "/mnt2"), -EBUSY);
	CHECK_EQ(v_path(A, VFS_MKDIR, "/tmp/x"), 0);
	CHECK_EQ(v_rename(A, "/tmp/x", "/mnt"), -EBUSY);
	CHECK_EQ(v_path(A, VFS_RMDIR, "/tmp/x"), 0);
	/* statfs of each, sync. */
	CHECK_EQ(v_statfs(A, "/mnt/f", &sf), 0);
	CHECK_STR(sf.f_type, "fake");
	CHECK_EQ(sf.f_bsize, 1024);
	CHECK_EQ(sf.f_flags, 0);
	CHECK_EQ(v_statfs(A, "/tmp", &sf), 0);
	CHECK_STR(sf.f_type, "rootfs");
	CHECK_EQ(v_statfs(B, "/mnt", &sf), 0);
	CHECK_EQ(v_statfs(A, "/mnt/none", &sf), -ENOENT);
	CHECK_EQ(v_statfs(A, "/mnt", (struct statfs *) BAD_PTR), -EFAULT);
	message m = msg(VFS_SYNC);
	CHECK_EQ(call(B, &m), 0);
	CHECK_EQ(ffs.syncs, 1);
	/* umount: root only, busy while in use. */
	fd = v_open(A, "/mnt/f", O_RDONLY, 0);
	CHECK(fd >= 0);
	CHECK_EQ(v_umount(A, "/mnt", label), -EBUSY);
	CHECK_EQ(v_close(A, fd), 0);
	CHECK_EQ(v_path(B, VFS_CHDIR, "/mnt/d"), 0);
	CHECK_EQ(v_umount(A, "/mnt", label), -EBUSY);
	CHECK_EQ(v_path(B, VFS_CHDIR, "/"), 0);
	CHECK_EQ(v_umount(B, "/mnt", label), -EPERM);
	CHECK_EQ(v_umount(A, "/tmp", label), -EINVAL);
	CHECK_EQ(v_umount(A, "/", label), -EBUSY);
	CHECK_EQ(v_umount(A, "/mnt/none", label), -ENOENT);
	CHECK_EQ(v_umount(A, "/mnt", (char *) BAD_PTR), -EFAULT);
	memset(label, 0, sizeof(label));
	CHECK_EQ(v_umount(A, "/mnt", label), 0);
	CHECK_STR(label, FAKEFS_LABEL);
	CHECK_EQ(ffs.unmounts, 1);
	CHECK_EQ(fakefs_refs(), 0);
	CHECK_EQ(v_stat(A, "/mnt/hidden", &st), 0);   /* rootfs's again */
	CHECK_EQ(v_stat(A, "/mnt/f", &st), -ENOENT);
	CHECK_EQ(v_getmnt(A, 1, &e), -ENOENT);
	CHECK_EQ(v_umount(A, "/mnt", label), -EINVAL);
	/* Read-only: the server refuses changes; statfs and getmnt say so. */
	CHECK_EQ(v_mount(A, "/dev/fsdisk", "/mnt", FAKEFS_LABEL, MNT_RDONLY),
	    0);
	CHECK_EQ(ffs.flags, FS_MOUNT_RDONLY);
	CHECK_EQ(v_open(A, "/mnt/new", O_RDWR | O_CREAT, 0644), -EROFS);
	CHECK_EQ(read_file(A, "/mnt/f", buf, sizeof(buf)), 7);
	CHECK_EQ(v_statfs(A, "/mnt", &sf), 0);
	CHECK_EQ(sf.f_flags, MNT_RDONLY);
	CHECK_EQ(v_getmnt(A, 1, &e), 0);
	CHECK_EQ(e.flags, MNT_RDONLY);
	CHECK_EQ(v_umount(A, "/mnt", NULL), 0);
	/* A server that dies: its calls fail with EIO, the rest works; umount
	 * takes the mount away all the same. */
	CHECK_EQ(v_mount(A, "/dev/fsdisk", "/mnt", FAKEFS_LABEL, 0), 0);
	ffs.running = 0;
	CHECK_EQ(v_stat(A, "/mnt/f", &st), -EIO);
	CHECK_EQ(v_open(A, "/mnt/g", O_RDWR | O_CREAT, 0644), -EIO);
	CHECK_EQ(call(A, &m), -EIO);
	CHECK_EQ(v_stat(A, "/tmp/file", &st), 0);
	CHECK_EQ(v_umount(A, "/mnt", label), -EIO);
	CHECK_EQ(v_getmnt(A, 1, &e), -ENOENT);
	CHECK_EQ(v_stat(A, "/mnt/hidden", &st), 0);
	/* Reboot: every mount gets FS_UNMOUNT before PM's answer. */
	fakefs_reset(FS_EP);
	CHECK_EQ(v_mount(A, "/dev/fsdisk", "/mnt", FAKEFS_LABEL, 0), 0);
	fd = v_open(A, "/mnt/f2", O_RDWR | O_CREAT, 0644);
	CHECK(fd >= 0);
	CHECK_EQ(pm(VFS_PM_REBOOT, 0, 0, 0), 0);
	CHECK_EQ(ffs.unmounts, 1);
	CHECK_EQ(pm(VFS_PM_REBOOT, 0, 0, 0), 0);
	CHECK_EQ(ffs.unmounts, 1);                    /* once only */
	CHECK_EQ(v_close(A, fd), 0);
	CHECK_EQ(v_umount(A, "/mnt", label), 0);
	CHECK_EQ(ffs.unmounts, 1);
	/* Clean up. */
	CHECK_EQ(v_path(A, VFS_RMDIR, "/mnt/hidden"), 0);
	CHECK_EQ(v_path(A, VFS_RMDIR, "/mnt"), 0);
	CHECK_EQ(v_path(A, VFS_UNLINK, "/tmp/file"), 0);
	CHECK_EQ(v_path(A, VFS_UNLINK, "/dev/fsdisk"), 0);
	CHECK_EQ(v_path(A, VFS_UNLINK, "/dev/nodrv"), 0);
	pm(VFS_PM_EXIT, B, 0, 0);
	fake_cred(B, 0, 0);
}

static int v_poll(endpoint_t ep, struct pollfd *fds, uint32_t n,
    int timeout)
{
	message m = msg(VFS_POLL);
	m.u.vfs_poll.fds = (vir_bytes) fds;
	m.u.vfs_poll.nfds = n;
	m.u.vfs_poll.timeout = timeout;
	return call(ep, &m);
}

/* clones: an open of a cloning device (/dev/tcp, abi/socket.h) that the
 * driver answers CDEV_CLONED | minor gets a vnode of its own: its reads
 * and its close name the new minor, fstat shows the device file's inode
 * and mode with the unit's rdev, dup and fork share it, an ioctl the
 * driver suspends (accept) completes with its argument copied back or
 * is cancelled by a signal, and a minor too big for a device number
 * closes the unit again. */
TEST(clones)
{
	char c;
	struct stat st, dst;
	fresh(A);
	net.running = 1;
	net.next = FAKE_NET_FIRST;
	driver_up_init();
	fake_ds_publish("drv.chr.inet", INET_MAJOR, FAKE_NET_EP);
	driver_up_event();
	CHECK_EQ(mknod_dev(PM_EP, "/dev/tcp", S_IFCHR,
	    DEV_MAKE(INET_MAJOR, NET_MINOR_TCP)), 0);
	int a = v_open(A, "/dev/tcp", O_RDWR, 0);
	int b = v_open(A, "/dev/tcp", O_RDWR, 0);
	CHECK(a >= 0 && b >= 0 && a != b);
	CHECK_EQ(net.opens, 2);
	CHECK_EQ(v_read(A, a, &c, 1), 1);
	CHECK_EQ(c, FAKE_NET_FIRST);
	CHECK_EQ(v_read(A, b, &c, 1), 1);
	CHECK_EQ(c, FAKE_NET_FIRST + 1);
	CHECK_EQ(v_fstat(A, a, &st), 0);
	CHECK_EQ(v_stat(A, "/dev/tcp", &dst), 0);
	CHECK(S_ISCHR(st.st_mode));
	CHECK_EQ(st.st_mode, dst.st_mode);
	CHECK_EQ(st.st_ino, dst.st_ino);
	CHECK_EQ(st.st_rdev, DEV_MAKE(INET_MAJOR, FAKE_NET_FIRST));
	CHECK_EQ(dst.st_rdev, DEV_MAKE(INET_MAJOR, NET_MINOR_TCP));
	/* dup shares the unit: one close, with the unit's minor. */
	int d = v_fd(A, VFS_DUP, a, -1, 0);
	CHECK(d >= 0);
	CHECK_EQ(v_close(A, a), 0);
	CHECK_EQ(net.closes, 0);
	CHECK_EQ(v_read(A, d, &c, 1), 1);
	CHECK_EQ(c, FAKE_NET_FIRST);
	CHECK_EQ(v_close(A, d), 0);
	CHECK_EQ(net.closes, 1);
	CHECK_EQ(net.last_closed, FAKE_NET_FIRST);
	/* An ioctl the driver suspends (accept) waits; its argument comes
	 * back when it completes; a signal cancels it (-EINTR). */
	struct net_accept acc;
	memset(&acc, 0, sizeof(acc));
	acc.listener = FAKE_NET_FIRST;
	CHECK_EQ(v_ioctl(A, b, NIOCACCEPT, &acc), SUSPENDED);
	CHECK(net.ioctl_waiting);
	CHECK_EQ(pm(VFS_PM_UNPAUSE, A, 0, 0), 1);
	CHECK_EQ(reply_of(A), -EINTR);
	CHECK_EQ(net.cancels, 1);
	CHECK_EQ(v_ioctl(A, b, NIOCACCEPT, &acc), SUSPENDED);
	net_finish_ioctl();
	cdev_status(FAKE_NET_EP);
	CHECK_EQ(reply_of(A), 0);
	CHECK_EQ(acc.listener, FAKE_NET_FIRST);
	CHECK_EQ(acc.peer.addr, 0x0202000au);
	CHECK_EQ(acc.peer.port, 0x5000);
	CHECK_EQ(grants_live, 0);
	/* A minor a device number cannot hold: closed again, -ENFILE. */
	net.next = 300;
	CHECK_EQ(v_open(A, "/dev/tcp", O_RDWR, 0), -ENFILE);
	CHECK_EQ(net.closes, 2);
	CHECK_EQ(net.last_closed, 300);
	net.next = FAKE_NET_FIRST + 2;
	/* Exit closes the units it holds. */
	CHECK_EQ(pm(VFS_PM_EXIT, A, 0, 0), 0);
	CHECK_EQ(net.closes, 3);
	CHECK_EQ(net.last_closed, FAKE_NET_FIRST + 1);
	CHECK_EQ(grants_live, 0);
}

/* poll: VFS_POLL on pipes (data, room, a writer or reader gone), regular
 * files, bad descriptors, the terminal and a cloned unit (CDEV_SELECT;
 * a waiting poll wakes when the driver reports readiness), timeouts
 * (0: at once; an alarm ends it with 0), a signal (-EINTR), an exit. */
TEST(poll)
{
	char buf[PIPE_BUF];
	struct pollfd pf[4];
	int p[2];
	fresh(A);
	fresh(B);
	CHECK_EQ(v_pipe(A, p), 0);
	/* Empty pipe: the write end is writable, the read end not. */
	pf[0] = (struct pollfd) { p[0], POLLIN, 0 };
	pf[1] = (struct pollfd) { p[1], POLLOUT, 0 };
	pf[2] = (struct pollfd) { -1, POLLIN, 0 };
	pf[3] = (struct pollfd) { 29, POLLIN, 0 };
	CHECK_EQ(v_poll(A, pf, 4, 0), 2);
	CHECK_EQ(pf[0].revents, 0);
	CHECK_EQ(pf[1].revents, POLLOUT);
	CHECK_EQ(pf[2].revents, 0);
	CHECK_EQ(pf[3].revents, POLLNVAL);
	CHECK_EQ(v_poll(A, pf, 1, 0), 0);
	CHECK_EQ(v_poll(A, (void *) BAD_PTR, 1, 0), -EFAULT);
	CHECK_EQ(v_poll(A, pf, POLL_MAX + 1, 0), -EINVAL);
	/* A waiting poll wakes when B (sharing the pipe by fork) writes. */
	CHECK_EQ(pm(VFS_PM_FORK, B, A, 8), 0);
	CHECK_EQ(v_poll(A, pf, 1, -1), SUSPENDED);
	CHECK_EQ(v_writes(B, p[1], "hi"), 2);
	CHECK_EQ(reply_of(A), 1);
	CHECK_EQ(pf[0].revents, POLLIN);
	/* A full pipe is not writable; a read makes room. */
	CHECK_EQ(v_read(A, p[0], buf, sizeof(buf)), 2);
	memset(buf, 'x', sizeof(buf));
	CHECK_EQ(v_write(A, p[1], buf, sizeof(buf)), (int) sizeof(buf));
	pf[1].revents = 7;
	CHECK_EQ(v_poll(A, &pf[1], 1, 0), 0);
	CHECK_EQ(pf[1].revents, 0);
	CHECK_EQ(v_poll(A, &pf[1], 1, 1000), SUSPENDED);
	CHECK_EQ(v_read(B, p[0], buf, 10), 10);
	CHECK_EQ(reply_of(A), 1);
	CHECK_EQ(pf[1].revents, POLLOUT);
	/* The timeout: nothing ready at the deadline: 0. */
	CHECK_EQ(v_read(A, p[0], buf, sizeof(buf)), (int) sizeof(buf) - 10);
	CHECK_EQ(v_poll(A, pf, 1, 500), SUSPENDED);
	CHECK(fake_alarm != 0);
	poll_alarm(1234 + 1);                          /* too early */
	CHECK_EQ(reply_of(A), -999);
	poll_alarm(1234 + CLOCK_HZ / 2);
	CHECK_EQ(reply_of(A), 0);
	/* A signal ends a waiting poll with -EINTR. */
	CHECK_EQ(v_poll(A, pf, 1, -1), SUSPENDED);
	CHECK_EQ(pm(VFS_PM_UNPAUSE, A, 0, 0), 1);
	CHECK_EQ(reply_of(A), -EINTR);
	/* The writers close: POLLHUP; the readers close: POLLERR. */
	CHECK_EQ(v_poll(A, pf, 1, -1), SUSPENDED);
	CHECK_EQ(v_close(B, p[1]), 0);
	CHECK_EQ(reply_of(A), -999);                   /* A still writes */
	CHECK_EQ(v_close(A, p[1]), 0);
	CHECK_EQ(reply_of(A), 1);
	CHECK_EQ(pf[0].revents, POLLHUP);
	CHECK_EQ(v_pipe(A, p), 0);
	CHECK_EQ(v_close(A, p[0]), 0);
	pf[0] = (struct pollfd) { p[1], POLLOUT, 0 };
	CHECK_EQ(v_poll(A, pf, 1, 0), 1);
	CHECK_EQ(pf[0].revents, POLLERR);
	CHECK_EQ(v_close(A, p[1]), 0);
	/* Regular files are always ready. */
	int reg = v_open(A, "/tmp/polled", O_RDWR | O_CREAT, 0644);
	pf[0] = (struct pollfd) { reg, POLLIN | POLLOUT, 0 };
	CHECK_EQ(v_poll(A, pf, 1, -1), 1);
	CHECK_EQ(pf[0].revents, POLLIN | POLLOUT);
	CHECK_EQ(v_close(A, reg), 0);
	CHECK_EQ(v_path(A, VFS_UNLINK, "/tmp/polled"), 0);
	/* The terminal: not readable until input comes; its report wakes
	 * the poll. An exit forgets a waiting poll. */
	tty.running = 1;
	int t = v_open(A, "/dev/tty", O_RDWR, 0);
	pf[0] = (struct pollfd) { t, POLLIN, 0 };
	pf[1] = (struct pollfd) { t, POLLOUT, 0 };
	CHECK_EQ(v_poll(A, pf, 2, 0), 1);
	CHECK_EQ(pf[1].revents, POLLOUT);
	CHECK_EQ(v_poll(A, pf, 1, -1), SUSPENDED);
	CHECK_EQ(tty.sel_watch, 1);
	tty_type("k\n");
	cdev_status(TTY_EP);
	CHECK_EQ(reply_of(A), 1);
	CHECK_EQ(pf[0].revents, POLLIN);
	CHECK_EQ(v_read(A, t, buf, 10), 2);
	/* A cloned unit: its own minor is asked. */
	int s = v_open(A, "/dev/tcp", O_RDWR, 0);
	CHECK(s >= 0);
	int minor = net.next - 1;
	pf[0] = (struct pollfd) { s, POLLIN, 0 };
	pf[1] = (struct pollfd) { t, POLLIN, 0 };
	CHECK_EQ(v_poll(A, pf, 2, -1), SUSPENDED);
	CHECK_EQ(net.watch[minor], 1);
	net_ready(minor);
	cdev_status(FAKE_NET_EP);
	CHECK_EQ(reply_of(A), 1);
	CHECK_EQ(pf[0].revents, POLLIN);
	CHECK_EQ(pf[1].revents, 0);
	/* The driver restarts: the poll asks the new one. */
	net.ready[minor] = 0;
	CHECK_EQ(v_poll(A, pf, 1, -1), SUSPENDED);
	net.ready[minor] = 1;
	fake_ds_publish("drv.chr.inet", INET_MAJOR, FAKE_NET_EP);
	driver_up_event();
	CHECK_EQ(reply_of(A), 1);
	CHECK_EQ(v_poll(A, &pf[1], 1, -1), SUSPENDED);
	CHECK_EQ(pm(VFS_PM_EXIT, A, 0, 0), 0);
	CHECK_EQ(reply_of(A), -999);
	CHECK_EQ(pm(VFS_PM_EXIT, B, 0, 0), 0);
	tty.running = 0;
	net.running = 0;
	CHECK_EQ(v_path(PM_EP, VFS_UNLINK, "/dev/tcp"), 0);
	CHECK_EQ(grants_live, 0);
	CHECK_EQ(pending_replies(), 0);
}

/* kept_state: the check a restart in place runs on the kept tables
 * (check.c): a consistent state passes; a reference fewer than holders,
 * a pipe ring or end count off, a pointer outside its table fail; a
 * reference more (a request cut short) passes and check_repair gives it
 * back; the wait lists are made again from the waiting calls (a list
 * left pointing anywhere is not followed); kept_init leaves the open
 * files, the pipe's data and the waiting reader as they were. */
TEST(kept_state)
{
	char why[128], buf[64];
	int fds[2], pos;
	fresh(A);
	int fd = v_open(A, "/tmp/kept", O_CREAT | O_RDWR, 0644);
	CHECK(fd >= 0);
	CHECK_EQ(v_writes(A, fd, "hello world"), 11);
	CHECK_EQ(v_lseek(A, fd, 6, SEEK_SET, &pos), 0);
	CHECK_EQ(v_pipe(A, fds), 0);
	CHECK_EQ(v_writes(A, fds[1], "unread"), 6);
	CHECK_EQ(v_path(A, VFS_CHDIR, "/tmp"), 0);
	int p2[2];
	CHECK_EQ(v_pipe(A, p2), 0);
	CHECK_EQ(pm(VFS_PM_FORK, B, A, 8), 0);
	CHECK_EQ(v_read(B, p2[0], buf, sizeof(buf)), SUSPENDED);
	CHECK_EQ(check_state(why, sizeof(why)), 0);
	CHECK_EQ(rfs_check(why, sizeof(why)), 0);   /* the tree VFS built */

	/* Fewer references than holders: corrupt. */
	struct filp *f = fd_get(proc_find(A), fd);
	f->refs--;
	CHECK_EQ(check_state(why, sizeof(why)), -EINVAL);
	CHECK(strstr(why, "holders") != NULL);
	f->refs++;
	struct vnode *vn = f->vn;
	vn->refs--;
	CHECK_EQ(check_state(why, sizeof(why)), -EINVAL);
	vn->refs++;
	struct pipe *pp = fd_get(proc_find(A), fds[0])->vn->pipe;
	pp->count = PIPE_BUF + 1;
	CHECK_EQ(check_state(why, sizeof(why)), -EINVAL);
	CHECK(strstr(why, "ring") != NULL);
	pp->count = 6;
	pp->writers++;
	CHECK_EQ(check_state(why, sizeof(why)), -EINVAL);
	CHECK(strstr(why, "writers") != NULL);
	pp->writers--;
	struct vproc *pa = proc_find(A);
	struct filp *saved = pa->fd[fd];
	pa->fd[fd] = (struct filp *) ((char *) saved + 1);
	CHECK_EQ(check_state(why, sizeof(why)), -EINVAL);
	CHECK(strstr(why, "no open file") != NULL);
	pa->fd[fd] = saved;
	pa->cloexec |= 1u << 30;
	CHECK_EQ(check_state(why, sizeof(why)), -EINVAL);
	pa->cloexec &= ~(1u << 30);
	CHECK_EQ(check_state(why, sizeof(why)), 0);

	/* More references than holders: a leak, given back. The wait lists
	 * are made again from the waiting calls, whatever the links say. */
	struct pipe *pp2 = fd_get(proc_find(A), p2[0])->vn->pipe;
	CHECK(pp2->waiting.first == proc_find(B));
	CHECK(pp2->waiting.last == proc_find(B));
	pp2->waiting.first = pp2->waiting.last = (struct vproc *) 0x1234;
	proc_find(B)->wnext = (struct vproc *) 0x5678;
	pp->waiting.first = proc_find(A);
	int refs = f->refs, vrefs = vn->refs;
	f->refs++;
	vn->refs++;
	CHECK_EQ(check_state(why, sizeof(why)), 0);
	CHECK_EQ(check_repair(), 2);
	CHECK(pp2->waiting.first == proc_find(B));
	CHECK(pp2->waiting.last == proc_find(B));
	CHECK(proc_find(B)->wnext == NULL);
	CHECK(pp->waiting.first == NULL);
	CHECK_EQ(f->refs, refs);
	CHECK_EQ(vn->refs, vrefs);
	/* An open file nobody holds (made, then the request died). */
	vnode_ref(vn);
	struct filp *orphan = filp_new(vn, O_RDONLY);
	CHECK(orphan != NULL);
	CHECK_EQ(check_state(why, sizeof(why)), 0);
	CHECK_EQ(check_repair(), 1);
	CHECK_EQ(orphan->refs, 0);
	CHECK_EQ(vn->refs, vrefs);
	CHECK_EQ(check_repair(), 0);

	/* The re-sync changes nothing that was consistent. */
	kept_init();
	CHECK_EQ(check_state(why, sizeof(why)), 0);
	CHECK_EQ(reply_of(B), -999);
	CHECK_EQ(v_lseek(A, fd, 0, SEEK_CUR, &pos), 0);
	CHECK_EQ(pos, 6);
	CHECK_EQ(v_read(A, fd, buf, sizeof(buf)), 5);
	CHECK(memcmp(buf, "world", 5) == 0);
	CHECK_EQ(v_read(A, fds[0], buf, sizeof(buf)), 6);
	CHECK(memcmp(buf, "unread", 6) == 0);
	CHECK_EQ(v_writes(A, p2[1], "late"), 4);
	CHECK_EQ(reply_of(B), 4);
	/* A waiting call whose caller the kernel let go (the old instance
	 * exited) is forgotten: no reply later. */
	CHECK_EQ(v_read(B, p2[0], buf, sizeof(buf)), SUSPENDED);
	fake_released = B;
	kept_init();
	fake_released = NONE;
	CHECK_EQ(proc_find(B)->susp, SUSP_NONE);
	CHECK_EQ(check_state(why, sizeof(why)), 0);
	CHECK_EQ(v_writes(A, p2[1], "lost"), 4);
	CHECK_EQ(reply_of(B), -999);
	CHECK_EQ(v_getcwd(A, buf, sizeof(buf)), 5);
	CHECK(strcmp(buf, "/tmp") == 0);
	CHECK_EQ(pm(VFS_PM_EXIT, B, 0, 0), 0);
	CHECK_EQ(v_path(A, VFS_UNLINK, "/tmp/kept"), 0);
	CHECK_EQ(pm(VFS_PM_EXIT, A, 0, 0), 0);
	CHECK_EQ(check_state(why, sizeof(why)), 0);
}

/* The inodes in use before the first case (main). */
static unsigned start_inodes;

/* nothing_leaks (the last case): every process gone, the tree holds what it
 * held at the start: no vnode kept an FS reference. */
TEST(nothing_leaks)
{
	pm(VFS_PM_EXIT, A, 0, 0);
	pm(VFS_PM_EXIT, PM_EP, 0, 0);
	CHECK_EQ(rfs_inodes_used(), start_inodes);
	CHECK_EQ(grants_live, 0);
	CHECK_EQ(pending_replies(), 0);
}

static const struct kit_suite suite = {
	.name = "vfs_host", .backend = &kit_inproc, .timeout = 10,
};

int main(int argc, char **argv)
{
	rfs_empty_root();
	/* The device files of os/rootfs/proto. */
	struct { const char *name; uint32_t dev; } devs[] = {
		{ "/dev/null", DEV_MAKE(1, 3) }, { "/dev/zero", DEV_MAKE(1, 5) },
		{ "/dev/full", DEV_MAKE(1, 7) }, { "/dev/tty", DEV_MAKE(4, 0) },
	};
	for (unsigned i = 0; i < sizeof(devs) / sizeof(devs[0]); i++) {
		message m = path_msg(VFS_MKNOD, devs[i].name);
		m.u.vfs_path.mode = S_IFCHR | 0666;
		m.u.vfs_path.dev = devs[i].dev;
		if (call(PM_EP, &m) != 0)
			printf("vfs_host: cannot make %s\n", devs[i].name);
	}
	start_inodes = rfs_inodes_used();
	return kit_main(&suite, argc, argv);
}
