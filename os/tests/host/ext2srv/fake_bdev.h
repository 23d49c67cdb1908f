/* The fake libbdev of the ext2 server's host test (fake_bdev.c): the
 * device is an image file; what the server asked is counted here. The
 * libbdev functions themselves are declared by os/lib/bdev/bdev.h. */
#ifndef FAKE_BDEV_H
#define FAKE_BDEV_H

#include <stddef.h>
#include <stdint.h>

struct fbd_state {
	uint32_t major;              /* bound by bdev_driver */
	char label[16];
	uint32_t dev, access;        /* the last open */
	int opens, closes;
	unsigned long reads, writes; /* transfers */
	int ioctls;                  /* DIOCFLUSH asked */
	int ioctl_answer;            /* what an ioctl answers (0: fsync) */
	int fail_reads, fail_writes; /* answer -EIO while set */
};
extern struct fbd_state fbd;

/* fbd_image: the device is image PATH from now on (NULL: none). 0, or -1
 * when it cannot be opened. A bdev_driver of label "nodriver" fails
 * (-ENOENT); an open of another major than the one bound: -ENXIO. */
int fbd_image(const char *path);

/* libbdev's calls the server makes (bdev.h has them too). */
int bdev_driver(uint32_t major, const char *label);
int bdev_open(uint32_t dev, uint32_t access);
int bdev_close(uint32_t dev);
int bdev_read(uint32_t dev, uint64_t pos, void *buf, size_t count);
int bdev_write(uint32_t dev, uint64_t pos, const void *buf, size_t count);
int bdev_ioctl(uint32_t dev, uint32_t request, void *arg);

#endif
