/* The start of a VFS instance in the previous one's memory (a restart in
 * place or a keep-state live update, SEF_INIT_KEPT): the tables are
 * there (check.c has checked them and given back what a request cut short
 * left); what lives OUTSIDE VFS's memory is brought in line here. The
 * data store's subscription, the grants (SEF registers the table again),
 * the pending notifications and the queue of callers belong to the slot
 * and are kept by the kernel and DS. */
#include <stdio.h>
#include <abi/info.h>
#include "syslib.h"
#include "vfs_server.h"

/* still_waits: whether P is still blocked waiting for VFS's reply (the
 * receive half of its sendrec to VFS, per the kernel). No: the kernel
 * ended its call while VFS was down (the old instance exited, and every
 * caller waiting on it got -EDEADSRCDST), or P is gone. */
static int still_waits(const struct vproc *p)
{
	struct proc_info info;
	if (sys_getinfo(GET_PROC, p->ep, &info, sizeof(info)) <= 0 ||
	    info.endpoint != p->ep)
		return 0;
	return (info.flags & PSTATE_RECEIVING) &&
	    !(info.flags & PSTATE_SENDING) && info.blocked_on == VFS_EP;
}

/* drop_orphan: forget P's waiting call (no reply: nobody waits for it)
 * if the kernel says its caller no longer waits; counts it in *ARG. A
 * reply sent later would reach P as the answer to another call. */
static void drop_orphan(struct vproc *p, void *arg)
{
	if (p->susp == SUSP_NONE || still_waits(p))
		return;
	unsuspend(p);
	(*(int *) arg)++;
}

struct drivers_seen {
	endpoint_t ep[NR_VPROCS];
	int n;
};

/* note_driver: remember the driver P's call waits on (once each). */
static void note_driver(struct vproc *p, void *arg)
{
	struct drivers_seen *d = arg;
	if (p->susp != SUSP_CDEV)
		return;
	for (int i = 0; i < d->n; i++)
		if (d->ep[i] == p->cdev.driver)
			return;
	d->ep[d->n++] = p->cdev.driver;
}

/* kept_init: see vfs_server.h. A waiting call whose caller no longer
 * waits (the kernel failed it when the old instance exited) is forgotten
 * first: its reply would answer the caller's next call. Driver-up events that came while VFS was
 * down are read now (DS's notification is kept too; reading twice finds
 * nothing new). Drivers that hold a waiting call are asked for finished
 * ones (CDEV_STATUS): an answer the old instance was about to collect is
 * not lost. The alarm rings at once, so the block-device waits and the
 * poll deadlines are looked at (and the alarm set again) whatever the
 * kernel kept of the old one's. */
void kept_init(void)
{
	if (!vfs_root())
		printf("vfs: kept state: the root file system is not mounted\n");
	int orphans = 0;
	proc_each(drop_orphan, &orphans);
	if (orphans)
		printf("vfs: kept state: %d waiting calls whose callers the "
		    "kernel released forgotten\n", orphans);
	driver_up_event();
	static struct drivers_seen seen;
	seen.n = 0;
	proc_each(note_driver, &seen);
	for (int i = 0; i < seen.n; i++)
		cdev_status(seen.ep[i]);
	vfs_setalarm(1);
}
