/* The host side of the ext2 core's host test: a block device over an image
 * file, copies of images, e2fsck and debugfs (e2fsprogs) run on an image,
 * and the tree an image was made from. Kept apart from ext2_host.c, which
 * uses Phoenix's error numbers and mode bits, because these need the host
 * C library's (<sys/stat.h>, <errno.h>). */
#ifndef HOST_IO_H
#define HOST_IO_H

#include <stddef.h>
#include <stdint.h>
#include "ext2.h"

/* The device: 512-byte sectors of the open image (hio_open). */
extern const struct ext2_bdev hio_dev;
/* Transfers done, bytes written, and a failure injected: after HIO_FAIL_AFTER more
 * writes every write fails with -EIO (-1: never). */
extern unsigned long hio_reads, hio_writes, hio_wbytes;
extern long hio_fail_after;
/* Reads fail with -EIO while this is set. */
extern int hio_fail_reads;

/* hio_open: copy image PRISTINE to WORK and open WORK as the device.
 * Returns 0 or -1 (an error printed). */
int hio_open(const char *pristine, const char *work);
/* hio_reopen: open image WORK as it is. */
int hio_reopen(const char *work);
/* hio_close: close the device (if open). */
void hio_close(void);
/* hio_now: the time (seconds since 1970). */
uint32_t hio_now(void);

/* hio_fsck: run `e2fsck -fn IMG`; its exit status, its output in OUT. */
int hio_fsck(const char *img, char *out, size_t len);
/* hio_preen: on a copy of IMG, `e2fsck -fp` (what a boot runs: fixes
 * only what is safe, such as the orphan list); its exit status (0 clean,
 * 1 fixed, 4 and up: a real inconsistency), its output in OUT. */
int hio_preen(const char *img, char *out, size_t len);
/* hio_debugfs: run `debugfs -R CMD IMG`; its output (stdout) in OUT;
 * returns the exit status. */
int hio_debugfs(const char *img, const char *cmd, char *out, size_t len);
/* hio_dump: file PATH of IMG as debugfs dumps it, malloc'd in *DATA
 * (*LEN bytes); 0, or -1 when debugfs made no file. */
int hio_dump(const char *img, const char *path, uint8_t **data, size_t *len);
/* hio_set_uint: `debugfs -w -R "ssv FIELD VALUE" IMG` (e.g. state 0). */
int hio_ssv(const char *img, const char *field, const char *value);

/* One thing in a host tree. */
struct hio_entry {
	char path[512];              /* relative, "a/b" */
	char kind;                   /* 'f' file, 'd' directory, 'l' link */
	uint8_t *data;               /* file contents, link target */
	size_t len;
	unsigned long ino;           /* host inode: hard links share it */
	unsigned long nlink;
};
/* hio_tree: everything under ROOT (not ROOT) in *OUT (malloc'd); returns
 * the count or -1. */
int hio_tree(const char *root, struct hio_entry **out);
/* hio_pattern: LEN bytes of a pattern seeded with SEED into BUF. */
void hio_pattern(uint8_t *buf, size_t len, uint32_t seed);

#endif
