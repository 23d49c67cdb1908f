/* The block-device protocol: what a file server (or VFS, for a block
 * special file) asks a block driver.
 *
 * The caller sends each request with sendrec and the driver answers with
 * BDEV_REPLY {id, status}. A block driver never suspends a request and
 * never sends a request of its own, so callers and drivers cannot
 * deadlock.
 *
 * Transfers move a byte range at a 64-bit byte position of a minor device
 * (a whole drive or one of its partitions), through grants the caller
 * made: BDEV_READ and BDEV_WRITE with one grant, BDEV_GATHER (read into a
 * vector) and BDEV_SCATTER (write from a vector) with a grant for an
 * array of struct bdev_iovec, each element naming a grant and a size.
 * The grants' owner is always the sender of the request (m_source): a
 * driver never uses a grant of a third process.
 *
 * All or nothing: a transfer either moves every byte asked for and
 * answers the byte count, or answers a negative error; there is no
 * partial count plus an error. The one shorter count is at the end of the
 * device: a transfer is clipped there (a transfer starting at the end or
 * beyond moves 0 bytes), a count the caller can tell from the device size
 * (DIOCGETP). Rules every driver enforces (libblockdriver checks them):
 *   - pos and every element's size are multiples of the sector size
 *     (BDEV_SECTOR_SIZE for every driver here), else -EINVAL;
 *   - a vector has 1..BDEV_IOV_MAX elements, its total is at most
 *     BDEV_XFER_MAX bytes, else -EINVAL;
 *   - a minor the driver does not have: -ENXIO;
 *   - a device error: -EIO (nothing is promised about the bytes of a
 *     failed write).
 *
 * Minor numbers (as the reference system's disks): each drive has
 * BDEV_MINORS_PER_DRIVE minors, the whole drive then its four MBR primary
 * partitions: minor = drive * 5 + 0 (c0dN) or drive * 5 + 1 + P (c0dNpP).
 *
 * Driver up: a block driver announces itself by publishing the u32
 * "drv.blk.<label>" = its device major in the data store (libblockdriver's
 * blockdriver_announce); VFS and file servers subscribe to "drv.blk.*". */
#ifndef ABI_BLOCKDEV_H
#define ABI_BLOCKDEV_H

#include <abi/payload.h>
#include <abi/ioctl.h>

#define BDEV_BASE 0x700
#define BDEV_OPEN     (BDEV_BASE + 0)  /* bdev_req: minor, access */
#define BDEV_CLOSE    (BDEV_BASE + 1)  /* bdev_req: minor */
#define BDEV_READ     (BDEV_BASE + 2)  /* bdev_req: minor, pos, grant, size */
#define BDEV_WRITE    (BDEV_BASE + 3)  /* bdev_req: as READ */
#define BDEV_GATHER   (BDEV_BASE + 4)  /* bdev_req: minor, pos, grant (the
                                        * vector), size (its elements) */
#define BDEV_SCATTER  (BDEV_BASE + 5)  /* bdev_req: as GATHER */
#define BDEV_IOCTL    (BDEV_BASE + 6)  /* bdev_req: minor, request, grant
                                        * (the argument), user */

#define BDEV_REPLY    (BDEV_BASE + 20) /* bdev_reply */

/* bdev_req.access (OPEN): what the opener will do. A device that cannot
 * be written answers an open with BDEV_W_BIT -EACCES. */
#define BDEV_R_BIT 0x1
#define BDEV_W_BIT 0x2

#define BDEV_SECTOR_SIZE 512u
#define BDEV_IOV_MAX     64            /* elements of one vector */
#define BDEV_XFER_MAX    0x40000000u   /* bytes of one transfer (1 GiB) */

/* Minors of a drive (see above). */
#define BDEV_MINORS_PER_DRIVE 5
#define BDEV_NR_PARTS         4        /* MBR primary partitions */
#define BDEV_MINOR(drive, part)  ((drive) * BDEV_MINORS_PER_DRIVE + 1 + (part))
#define BDEV_MINOR_WHOLE(drive)  ((drive) * BDEV_MINORS_PER_DRIVE)
#define BDEV_MINOR_DRIVE(minor)  ((minor) / BDEV_MINORS_PER_DRIVE)
/* The partition of a minor: -1 for the whole drive, else 0..3. */
#define BDEV_MINOR_PART(minor)   ((minor) % BDEV_MINORS_PER_DRIVE - 1)

/* One element of a GATHER/SCATTER vector, in the caller's memory. */
struct bdev_iovec {
	uint32_t grant;              /* the caller's grant for this piece */
	uint32_t size;               /* its bytes (a multiple of the sector) */
};

struct mess_bdev_req {
	uint64_t pos;                /* READ..SCATTER: byte position on the
	                              * minor device (first: same layout for
	                              * -m32 and a 64-bit host) */
	int32_t minor;
	uint32_t id;                 /* the caller's name for this request */
	uint32_t grant;              /* READ, WRITE: the data; GATHER,
	                              * SCATTER: the vector; IOCTL: the
	                              * argument */
	uint32_t size;               /* READ, WRITE: bytes; GATHER, SCATTER:
	                              * elements of the vector */
	uint32_t access;             /* OPEN: BDEV_R_BIT | BDEV_W_BIT */
	uint32_t request;            /* IOCTL: the request (below) */
	endpoint_t user;             /* OPEN, IOCTL: the process the caller
	                              * acts for (informational) */
	uint32_t flags;              /* 0 (reserved) */
};
MESS_PAYLOAD(mess_bdev_req);
_Static_assert(__builtin_offsetof(struct mess_bdev_req, minor) == 8,
    "mess_bdev_req: pos must come first");

struct mess_bdev_reply {
	uint32_t id;                 /* the request answered */
	int32_t status;              /* transfers: bytes moved (the whole
	                              * request, or clipped at the end of the
	                              * device); else 0; or a negative error */
};
MESS_PAYLOAD(mess_bdev_reply);

/* A partition (or a whole drive) and its drive's geometry: DIOCGETP's
 * argument. base and size are bytes; base is 0 for a whole drive. */
struct part_geom {
	uint64_t base;               /* first byte on the drive */
	uint64_t size;               /* bytes */
	uint32_t cylinders;          /* the drive's (translated) geometry */
	uint32_t heads;
	uint32_t sectors;            /* per track */
	uint32_t sector_size;        /* bytes (BDEV_SECTOR_SIZE) */
};

/* Block ioctls (letter 'd', as in "disk"). */
#define DIOCGETP    _IOR('d', 1, struct part_geom)  /* the minor's extent */
#define DIOCRESCAN  _IOC(0, 'd', 2, 0)  /* read the partition table again
                                        * (-EBUSY: a partition is open) */
#define DIOCFLUSH   _IOC(0, 'd', 3, 0)  /* write the drive's cache to the
                                        * medium (FLUSH CACHE): what a
                                        * file server's sync ends with */

/* The MBR (sector 0 of a drive): four primary entries at byte 446,
 * signature 0x55 0xAA at byte 510. A partition of type 0 is unused; the
 * extents are in sectors (LBA), the CHS fields are ignored. */
#define MBR_PART_OFFSET 446
#define MBR_SIG_OFFSET  510
#define MBR_SIG0        0x55
#define MBR_SIG1        0xAA

struct mbr_part {
	uint8_t status;              /* 0x80: bootable */
	uint8_t chs_first[3];
	uint8_t type;                /* 0: unused */
	uint8_t chs_last[3];
	uint32_t lba_first;          /* little endian */
	uint32_t lba_count;
} __attribute__((packed));
_Static_assert(sizeof(struct mbr_part) == 16, "an MBR entry is 16 bytes");

#endif
