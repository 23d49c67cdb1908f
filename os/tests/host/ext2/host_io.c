/* The host side of the ext2 core's host test: see host_io.h. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "host_io.h"

#define SECTOR 512

static int fd = -1;
unsigned long hio_reads, hio_writes, hio_wbytes;
long hio_fail_after = -1;
int hio_fail_reads;

/* dev_read: COUNT sectors from FIRST; short or failed: -EIO (5). */
static int dev_read(void *ctx, uint64_t first, uint32_t count, void *buf)
{
	(void) ctx;
	size_t n = (size_t) count * SECTOR;
	hio_reads++;
	if (hio_fail_reads)
		return -5;
	if (pread(fd, buf, n, (off_t) (first * SECTOR)) != (ssize_t) n)
		return -5;
	return 0;
}

/* dev_write: COUNT sectors to FIRST, unless a failure is due. */
static int dev_write(void *ctx, uint64_t first, uint32_t count,
    const void *buf)
{
	(void) ctx;
	size_t n = (size_t) count * SECTOR;
	if (hio_fail_after == 0)
		return -5;
	if (hio_fail_after > 0)
		hio_fail_after--;
	hio_writes++;
	hio_wbytes += n;
	if (pwrite(fd, buf, n, (off_t) (first * SECTOR)) != (ssize_t) n)
		return -5;
	return 0;
}

const struct ext2_bdev hio_dev = {
	.ctx = NULL, .sector_size = SECTOR,
	.read_block = dev_read, .write_block = dev_write,
};

/* run: run ARGV, its stdout (and stderr when ERR) into OUT; the exit
 * status, or -1. */
static int run(char *const argv[], char *out, size_t len, int err)
{
	int pipefd[2];
	if (pipe(pipefd) < 0)
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		dup2(pipefd[1], 1);
		if (err)
			dup2(pipefd[1], 2);
		else
			dup2(open("/dev/null", O_WRONLY), 2);
		close(pipefd[0]);
		execvp(argv[0], argv);
		_exit(127);
	}
	close(pipefd[1]);
	size_t got = 0;
	ssize_t n;
	char sink[4096];
	while ((n = read(pipefd[0], len - got > 1 ? out + got : sink,
	    len - got > 1 ? len - got - 1 : sizeof(sink))) > 0)
		if (len - got > 1)
			got += (size_t) n;
	if (len)
		out[got] = 0;
	close(pipefd[0]);
	int status;
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

int hio_open(const char *pristine, const char *work)
{
	hio_close();
	char *argv[] = { "cp", "--sparse=always", (char *) pristine,
	    (char *) work, NULL };
	char out[256];
	if (run(argv, out, sizeof(out), 1) != 0) {
		fprintf(stderr, "cp %s %s: %s\n", pristine, work, out);
		return -1;
	}
	fd = open(work, O_RDWR);
	if (fd < 0) {
		perror(work);
		return -1;
	}
	hio_reads = hio_writes = hio_wbytes = 0;
	hio_fail_after = -1;
	hio_fail_reads = 0;
	return 0;
}

int hio_reopen(const char *work)
{
	hio_close();
	fd = open(work, O_RDWR);
	if (fd < 0) {
		perror(work);
		return -1;
	}
	hio_reads = hio_writes = hio_wbytes = 0;
	hio_fail_after = -1;
	hio_fail_reads = 0;
	return 0;
}

void hio_close(void)
{
	if (fd >= 0)
		close(fd);
	fd = -1;
}

uint32_t hio_now(void)
{
	return (uint32_t) time(NULL);
}

int hio_fsck(const char *img, char *out, size_t len)
{
	char *argv[] = { "e2fsck", "-fn", (char *) img, NULL };
	return run(argv, out, len, 1);
}

int hio_preen(const char *img, char *out, size_t len)
{
	char copy[600];
	snprintf(copy, sizeof(copy), "%s.preen", img);
	char *cp[] = { "cp", "--sparse=always", (char *) img, copy, NULL };
	if (run(cp, out, len, 1) != 0)
		return -1;
	char *argv[] = { "e2fsck", "-fp", copy, NULL };
	int r = run(argv, out, len, 1);
	unlink(copy);
	return r;
}

int hio_debugfs(const char *img, const char *cmd, char *out, size_t len)
{
	char *argv[] = { "debugfs", "-R", (char *) cmd, (char *) img, NULL };
	return run(argv, out, len, 0);
}

int hio_ssv(const char *img, const char *field, const char *value)
{
	char cmd[256], out[256];
	snprintf(cmd, sizeof(cmd), "ssv %s %s", field, value);
	char *argv[] = { "debugfs", "-w", "-R", cmd, (char *) img, NULL };
	return run(argv, out, sizeof(out), 1);
}

int hio_dump(const char *img, const char *path, uint8_t **data, size_t *len)
{
	char tmp[600], cmd[1400], out[256];
	snprintf(tmp, sizeof(tmp), "%s.dump", img);
	unlink(tmp);
	snprintf(cmd, sizeof(cmd), "dump \"%s\" \"%s\"", path, tmp);
	hio_debugfs(img, cmd, out, sizeof(out));
	int f = open(tmp, O_RDONLY);
	if (f < 0)
		return -1;
	struct stat st;
	fstat(f, &st);
	*len = (size_t) st.st_size;
	*data = malloc(*len + 1);
	size_t got = 0;
	while (got < *len) {
		ssize_t n = read(f, *data + got, *len - got);
		if (n <= 0)
			break;
		got += (size_t) n;
	}
	close(f);
	unlink(tmp);
	return got == *len ? 0 : -1;
}

static struct hio_entry *tree;
static int tree_n, tree_cap;
static size_t root_len;

/* visit: one entry of the walk into TREE. */
static int visit(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	(void) flag;
	if (ftw->level == 0)
		return 0;
	if (tree_n == tree_cap) {
		tree_cap = tree_cap ? tree_cap * 2 : 64;
		tree = realloc(tree, (size_t) tree_cap * sizeof(*tree));
	}
	struct hio_entry *e = &tree[tree_n++];
	memset(e, 0, sizeof(*e));
	snprintf(e->path, sizeof(e->path), "%s", path + root_len + 1);
	e->ino = st->st_ino;
	e->nlink = st->st_nlink;
	if (S_ISDIR(st->st_mode)) {
		e->kind = 'd';
	} else if (S_ISLNK(st->st_mode)) {
		e->kind = 'l';
		e->data = malloc(4096);
		ssize_t n = readlink(path, (char *) e->data, 4096);
		e->len = n > 0 ? (size_t) n : 0;
	} else {
		e->kind = 'f';
		e->len = (size_t) st->st_size;
		e->data = malloc(e->len + 1);
		int f = open(path, O_RDONLY);
		size_t got = 0;
		while (f >= 0 && got < e->len) {
			ssize_t n = read(f, e->data + got, e->len - got);
			if (n <= 0)
				break;
			got += (size_t) n;
		}
		if (f >= 0)
			close(f);
	}
	return 0;
}

int hio_tree(const char *root, struct hio_entry **out)
{
	tree = NULL;
	tree_n = tree_cap = 0;
	root_len = strlen(root);
	if (nftw(root, visit, 16, FTW_PHYS) < 0)
		return -1;
	*out = tree;
	return tree_n;
}

void hio_pattern(uint8_t *buf, size_t len, uint32_t seed)
{
	uint32_t x = seed * 2654435761u + 1;
	for (size_t i = 0; i < len; i++) {
		x = x * 1103515245u + 12345u;
		buf[i] = (uint8_t) (x >> 16);
	}
}
