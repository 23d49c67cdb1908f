/* A fake libbdev (os/lib/bdev/bdev.h) for the ext2 server's host test:
 * one device, an image file opened with fbd_image(); it records what the
 * server asked (the driver bound, opens, closes, flushes) and fails on
 * demand. Built with the host C library (its <fcntl.h>, <unistd.h>), so
 * it names Phoenix's error numbers by value through fake_bdev.h. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "fake_bdev.h"

#define P_EIO    5
#define P_ENXIO  6
#define P_EINVAL 22
#define P_ENOENT 2

static int fd = -1;
struct fbd_state fbd;

/* fbd_image: the device is image PATH from now on (-1: none). */
int fbd_image(const char *path)
{
	if (fd >= 0)
		close(fd);
	fd = path ? open(path, O_RDWR) : -1;
	return path && fd < 0 ? -1 : 0;
}

int bdev_driver(uint32_t major, const char *label)
{
	if (strcmp(label, "nodriver") == 0)
		return -P_ENOENT;
	fbd.major = major;
	snprintf(fbd.label, sizeof(fbd.label), "%s", label);
	return 0;
}

int bdev_open(uint32_t dev, uint32_t access)
{
	if (fd < 0 || (dev >> 8) != fbd.major)
		return -P_ENXIO;
	fbd.opens++;
	fbd.dev = dev;
	fbd.access = access;
	return 0;
}

int bdev_close(uint32_t dev)
{
	(void) dev;
	fbd.closes++;
	return 0;
}

int bdev_read(uint32_t dev, uint64_t pos, void *buf, size_t count)
{
	(void) dev;
	if (fbd.fail_reads)
		return -P_EIO;
	if (pos % 512 || count % 512)
		return -P_EINVAL;
	fbd.reads++;
	ssize_t n = pread(fd, buf, count, (off_t) pos);
	return n < 0 ? -P_EIO : (int) n;
}

int bdev_write(uint32_t dev, uint64_t pos, const void *buf, size_t count)
{
	(void) dev;
	if (fbd.fail_writes)
		return -P_EIO;
	if (!(fbd.access & 2))
		return -P_EIO;           /* opened for reading only */
	if (pos % 512 || count % 512)
		return -P_EINVAL;
	fbd.writes++;
	ssize_t n = pwrite(fd, buf, count, (off_t) pos);
	return n < 0 ? -P_EIO : (int) n;
}

int bdev_ioctl(uint32_t dev, uint32_t request, void *arg)
{
	(void) dev;
	(void) request;
	(void) arg;
	fbd.ioctls++;
	if (fbd.ioctl_answer == 0)
		fsync(fd);
	return fbd.ioctl_answer;
}
