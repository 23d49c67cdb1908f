/* The character-device protocol: what VFS asks a character driver.
 *
 * VFS sends each request with sendrec, and the driver answers at once with
 * CDEV_REPLY: the result, or CDEV_SUSPEND when the request must wait (a
 * read with no input yet). When a suspended request completes, the driver
 * sends VFS a notification; VFS then asks CDEV_STATUS (sendrec) until the
 * driver answers CDEV_NO_STATUS, each answer a CDEV_REPLY naming the
 * request by id. A driver never sends a request of its own, so VFS and the
 * drivers cannot deadlock.
 *
 * Data moves through grants: VFS grants the driver access to its buffer
 * and the driver uses SYS_SAFECOPYFROM / SYS_SAFECOPYTO. Device numbers:
 * the major selects the driver (abi/devices.h), the minor its unit. */
#ifndef ABI_CDEV_H
#define ABI_CDEV_H

#include <abi/payload.h>

#define CDEV_BASE 0x500
#define CDEV_OPEN     (CDEV_BASE + 0)  /* cdev_req: minor, flags, user */
#define CDEV_CLOSE    (CDEV_BASE + 1)  /* cdev_req: minor */
#define CDEV_READ     (CDEV_BASE + 2)  /* cdev_req: minor, pos, grant, size, flags */
#define CDEV_WRITE    (CDEV_BASE + 3)  /* cdev_req: as READ */
#define CDEV_IOCTL    (CDEV_BASE + 4)  /* cdev_req: minor, request, grant (the argument), user */
#define CDEV_CANCEL   (CDEV_BASE + 5)  /* cdev_req: id of a suspended request */
#define CDEV_STATUS   (CDEV_BASE + 6)  /* nothing: the next completed request */
#define CDEV_SELECT   (CDEV_BASE + 7)  /* cdev_req: minor, request (CDEV_SEL_*) */

#define CDEV_REPLY     (CDEV_BASE + 20)  /* cdev_reply */
#define CDEV_NO_STATUS (CDEV_BASE + 21)  /* no completed request left */
#define CDEV_SEL_REPLY (CDEV_BASE + 22)  /* cdev_select: a minor became ready */

/* Readiness for poll/select (VFS_POLL, abi/poll.h). VFS asks CDEV_SELECT
 * with cdev_req.request = the operations it wants (CDEV_SEL_RD: a read
 * would not wait, CDEV_SEL_WR: a write would not wait, CDEV_SEL_ERR: an
 * error or end of file is pending) | CDEV_SEL_NOTIFY; the driver answers
 * at once CDEV_REPLY with status = the wanted operations ready now (0:
 * none; a negative error). With CDEV_SEL_NOTIFY the driver remembers the
 * wanted operations not ready yet and, when one becomes ready, notifies
 * VFS; VFS's CDEV_STATUS then gets CDEV_SEL_REPLY {minor, ops} (before
 * any CDEV_REPLY), and asks CDEV_SELECT again. One notification per
 * watch: a driver forgets it once reported. A driver that does not know
 * CDEV_SELECT (-ENOSYS) counts as always ready, as before poll existed. */
#define CDEV_SEL_RD     0x1
#define CDEV_SEL_WR     0x2
#define CDEV_SEL_ERR    0x4
#define CDEV_SEL_NOTIFY 0x8

struct mess_cdev_select {
	int32_t minor;               /* the unit that became ready */
	uint32_t ops;                /* CDEV_SEL_RD | CDEV_SEL_WR | CDEV_SEL_ERR */
};
MESS_PAYLOAD(mess_cdev_select);

/* cdev_reply.status of a request that will complete later. */
#define CDEV_SUSPEND  (-202)             /* = -EDONTREPLY */

/* cdev_reply.status of an OPEN that made a new unit (a cloning device
 * such as /dev/tcp, abi/socket.h): CDEV_CLONED | the new minor. VFS binds
 * the open file to that minor; its CLOSE goes to the new minor. */
#define CDEV_CLONED   0x40000000
#define CDEV_CLONED_MINOR(status) ((status) & 0x00ffffff)

struct mess_cdev_req {
	int32_t minor;
	uint32_t id;                 /* VFS's name for this request */
	endpoint_t user;             /* the process on whose behalf VFS asks */
	int32_t flags;               /* O_* of the open file (O_NONBLOCK) */
	int32_t pos;                 /* file position (READ, WRITE) */
	uint32_t grant;              /* VFS's grant for the data (or argument) */
	uint32_t size;               /* bytes (READ, WRITE); 0 for IOCTL */
	uint32_t request;            /* IOCTL: abi/termios.h */
	int32_t pgid;                /* OPEN, IOCTL: the user's process group */
	uint32_t uid;                /* the user's effective user id (0: root) */
};
MESS_PAYLOAD(mess_cdev_req);

struct mess_cdev_reply {
	uint32_t id;                 /* the request answered */
	int32_t status;              /* bytes, 0, CDEV_SUSPEND or a negative error */
};
MESS_PAYLOAD(mess_cdev_reply);

/* Terminal drivers also answer PM: which keyboard signals are pending. PM
 * asks with a sendrec after the driver notified it. */
#define TTY_PM_GETSIG (CDEV_BASE + 30)  /* -> 1, out tty_sig; 0: none */

struct mess_tty_sig {
	int32_t pgid;                /* the foreground group */
	int32_t sig;                 /* SIGINT (^C) */
};
MESS_PAYLOAD(mess_tty_sig);

#endif
