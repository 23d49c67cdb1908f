/* The fake world of the VFS host test (fake.c): drivers, grants, the
 * reply log, and the rootfs entry points linked in. */
#ifndef FAKE_H
#define FAKE_H

#include "syslib.h"
#include "vfs_server.h"

#include "../fake_kernel.h"   /* BAD_END */

struct fake_tty {
	int running;                /* 0: TTY_EP is not there */
	char in[4096];
	size_t in_len;
	char out[65536];
	size_t out_len;
	int writes, opens, closes, cancels;
	int pending;                /* a read waits */
	uint32_t id, grant, size;
	endpoint_t reader;
	int done;                   /* a finished read for CDEV_STATUS */
	uint32_t done_id;
	int done_status;
	int32_t pgrp;
	int sel_watch;              /* VFS waits for input (CDEV_SEL_NOTIFY) */
	int sel_event;              /* a CDEV_SEL_REPLY for CDEV_STATUS */
	int selects;                /* CDEV_SELECT requests */
};
extern struct fake_tty tty;

/* A cloning driver (abi/socket.h's inet, played): an open of minor 0
 * answers CDEV_CLONED | a new minor from FAKE_NET_FIRST; reads of a unit
 * give its minor as one byte; a unit is readable (CDEV_SELECT) when
 * ready[minor] is set. */
#define FAKE_NET_EP ep_make(40, 1)
#define FAKE_NET_FIRST 16
struct fake_net {
	int running;
	int next;                   /* the next minor it clones */
	int opens, closes, last_closed;
	int ready[256];
	int watch[256];             /* VFS asked to be told */
	int event;                  /* a unit it watched became ready */
	int event_minor;
	int ioctl_waiting;          /* an ioctl it suspended (accept) */
	uint32_t ioctl_id, ioctl_grant;
	int ioctl_done, ioctl_status;
	int cancels;
};
extern struct fake_net net;
/* net_finish_ioctl: the suspended ioctl (NIOCACCEPT) completes: the
 * peer 10.0.2.2:80 goes into its struct net_accept, status
 * 0 (the test plays the notification with cdev_status(FAKE_NET_EP)). */
void net_finish_ioctl(void);
/* net_ready: unit MINOR becomes readable (VFS is told when it watches;
 * the test plays the notification with cdev_status(FAKE_NET_EP)). */
void net_ready(int minor);

#define FAKE_BLK_SIZE 8192u         /* 16 sectors */
struct fake_blk {
	endpoint_t ep;              /* where it runs (0: nowhere yet) */
	int running;                /* 0: requests fail (it died) */
	char disk[FAKE_BLK_SIZE];
	int opens, closes, requests;
};
extern struct fake_blk blk;
/* The ticks of the last sys_setalarm (0: cancelled). */
extern uint32_t fake_alarm;
extern int memdev_opens, memdev_closes, grants_live;
extern int magic_grants_made;  /* cpf_grant_magic calls that succeeded */

/* tty_type: input arrives at the terminal (completes a waiting read; the
 * test then plays the notification by calling cdev_status(TTY_EP)). */
void tty_type(const char *text);
/* take_reply: the oldest reply VFS sent EP into *R (removed); 0 if none. */
int take_reply(endpoint_t ep, int *r);
int pending_replies(void);

/* fake_ds_publish: the data store will report the u32 KEY = MAJOR,
 * owned by OWNER, at the next ds_check (driver-up events). */
void fake_ds_publish(const char *key, uint32_t major, endpoint_t owner);

/* fake_cred: EP runs as UID:GID (real and effective) from now on;
 * everybody starts as root. */
void fake_cred(endpoint_t ep, uint32_t uid, uint32_t gid);
/* fake_setuid: EP's effective ids become EUID:EGID, the real ones stay. */
void fake_seteid(endpoint_t ep, uint32_t euid, uint32_t egid);

/* A second file server (fakefs.c), mounted by the mount tests: found in
 * DS by the label FAKEFS_LABEL. */
#define FAKEFS_LABEL "fs_ram0"
#define FFS_ROOT 2                  /* its root directory's inode */
#define FFS_DATA 256                /* bytes a file may hold */
struct fake_fs {
	endpoint_t ep;              /* 0: not started */
	int running;                /* 0: sendrec to it fails (it died) */
	int mounted;                /* between READSUPER and UNMOUNT */
	int readsupers, unmounts, syncs;
	uint32_t dev, flags;        /* what READSUPER gave */
	char driver[16];
};
extern struct fake_fs ffs;
/* fakefs_reset: a fresh, unmounted server with an empty root at EP. */
void fakefs_reset(endpoint_t ep);
/* fakefs_dispatch: answer M (from VFS) as the server would. */
int fakefs_dispatch(message *m);
/* fakefs_refs: the references VFS holds on its inodes together. */
uint32_t fakefs_refs(void);
/* fakefs_has: whether some directory of it names NAME. */
int fakefs_has(const char *name);

/* rootfs (compiled in with its handler names prefixed). */
int rfs_dispatch(message *m);
void rfs_empty_root(void);
uint32_t rfs_inodes_used(void);
int rfs_check(char *why, size_t len);          /* rootfs/check.c */
/* fake_released: the process sys_getinfo(GET_PROC) says no longer waits
 * for VFS (NONE: every process waits). */
extern endpoint_t fake_released;

#endif
