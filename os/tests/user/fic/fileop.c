/* fic's disk workload (driver ata): a file copied and compared on the
 * ext2 file system of /dev/c0d0, which /etc/rc mounts on /home (the
 * campaign's disk, harness/campaign.py, holds FIC_SRC: FIC_SIZE bytes of
 * harness/disk.py's pattern of seed FIC_SEED). One operation:
 *   1. read FIC_SRC from its start (the client's open descriptor) and
 *      compare it with the pattern;
 *   2. write it to FIC_COPY.PID (created or truncated: every process of
 *      fic its own copy), ask VFS to write everything back (VFS_SYNC: the
 *      blocks reach the driver now, during the trial);
 *   3. read the copy back and compare it, and remove it (every workload
 *      process has its own name: kept, they would fill the disk).
 * A failing call is an error (OP_ERROR: with libbdev's retries in the file
 * server it should not happen while the driver recovers); other bytes than
 * the pattern's, or a short file, are wrong data (OP_WRONG). */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <abi/boot.h>
#include <abi/vfs.h>
#include "syslib.h"
#include "fic.h"

#define FIC_SIZE (64 * 1024)
#define FIC_SEED 0xF1C0u
#define PATTERN_MULT 0x9E3779B1u

static unsigned char want[FIC_SIZE];
static unsigned char got[FIC_SIZE];
static int made;

/* make_want: the pattern of FIC_SEED (harness.disk.pattern), once. */
static void make_want(void)
{
	for (uint32_t w = 0; w < FIC_SIZE / 4; w++) {
		uint32_t v = ((w + 1) * PATTERN_MULT) ^ FIC_SEED;
		memcpy(want + 4 * w, &v, 4);
	}
	made = 1;
}

/* read_all: read up to FIC_SIZE + 1 bytes of FD from its position into
 * GOT (a longer file shows as FIC_SIZE + 1). The count, or -1. */
static ssize_t read_all(int fd)
{
	static unsigned char extra;
	ssize_t total = 0;
	while (total < FIC_SIZE) {
		ssize_t n = read(fd, got + total, FIC_SIZE - total);
		if (n < 0)
			return -1;
		if (n == 0)
			return total;
		total += n;
	}
	ssize_t n = read(fd, &extra, 1);
	return n < 0 ? -1 : total + n;
}

/* vfs_sync: VFS_SYNC; 0 or a negative error. */
static int vfs_sync(void)
{
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = VFS_SYNC;
	int r = ipc_sendrec(VFS_EP, &m);
	return r != 0 ? r : m.m_type;
}

/* op_file: one copy and comparison (see the top of the file) with C's
 * descriptor of FIC_SRC; OP_OK, OP_WRONG or OP_ERROR. */
int op_file(struct wl_client *c)
{
	if (!made)
		make_want();
	if (lseek(c->fd, 0, SEEK_SET) < 0)
		return OP_ERROR;
	ssize_t n = read_all(c->fd);
	if (n < 0)
		return OP_ERROR;
	if (n != FIC_SIZE || memcmp(got, want, FIC_SIZE) != 0)
		return OP_WRONG;
	char copy[64];
	snprintf(copy, sizeof(copy), "%s.%d", FIC_COPY, (int) getpid());
	int fd = open(copy, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return OP_ERROR;
	int r = OP_ERROR;
	if (write(fd, got, FIC_SIZE) != FIC_SIZE || vfs_sync() < 0 ||
	    lseek(fd, 0, SEEK_SET) < 0)
		goto out;
	memset(got, 0, sizeof(got));
	n = read_all(fd);
	if (n >= 0)
		r = n == FIC_SIZE && memcmp(got, want, FIC_SIZE) == 0 ?
		    OP_OK : OP_WRONG;
out:
	close(fd);
	if (unlink(copy) < 0 && r == OP_OK)
		r = OP_ERROR;
	return r;
}
