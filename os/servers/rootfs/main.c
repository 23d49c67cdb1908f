/* The root file system server: unpacks the boot archive into memory, then
 * answers VFS's file-system requests (abi/fs.h) one at a time. */
#include <stdio.h>
#include "syslib.h"
#include "rootfs.h"
#include "sef.h"

/* rfs_init: SEF init callback (every start). A fresh start loads the
 * tree from the boot archive. A start in the previous instance's memory
 * (SEF_INIT_KEPT: a restart in place, a keep-state live update) keeps the
 * tree SEF has had checked (rfs_check): only inodes a create cut short
 * left are freed; nothing outside rootfs's memory needs re-syncing (it
 * asks nobody; a request of VFS's it was handling is answered -EIO by
 * SEF). Returns 0. */
static int rfs_init(const struct sef_init_info *info)
{
	if (info->flags & SEF_INIT_KEPT) {
		int freed = rfs_check_repair();
		if (freed)
			printf("rootfs: kept state: %d inodes left by a create "
			    "cut short freed\n", freed);
		return 0;
	}
	rfs_load_archive();
	return 0;
}

/* main: start (load the tree, or keep it), then receive, dispatch and reply forever.
 * Notifications are ignored; requests from anyone but VFS get -EPERM. */
int main(void)
{
	sef_setcb_init_fresh(rfs_init);
	sef_setcb_state_check(rfs_check);
	/* A fresh start reloads the boot archive (files made since are lost)
	 * and keeps the system running: the hook may be offered. */
	sef_setcb_state_corrupt(rfs_corrupt);
	sef_startup();
	for (;;) {
		message m;
		if (sef_receive(ANY, &m) != 0)
			continue;
		if (m.m_type == NOTIFY_MESSAGE)
			continue;
		endpoint_t who = m.m_source;
		m.m_type = rfs_dispatch(&m);
		/* VFS waits in sendrec: never blocks; leaves with the next
		 * receive (one trap). */
		ipc_reply_later(who, &m, NULL);
	}
}
