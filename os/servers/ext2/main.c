/* The ext2 file server: one process per mounted device (started by
 * `mount` with `service up /sbin/ext2 -label fs_<dev>`), answering VFS's
 * file-system requests (abi/fs.h) one at a time, with the ext2 core
 * (ext2.h) over libbdev. */
#include <stdio.h>
#include <stdlib.h>
#include "syslib.h"
#include "sef.h"
#include "bdev.h"
#include <abi/boot.h>
#include "srv.h"

/* init_fresh: SEF init of a first start: nothing mounted until VFS sends
 * FS_READSUPER. Returns 0. */
static int init_fresh(const struct sef_init_info *info)
{
	(void) info;
	e2s_mnt.state = E2S_IDLE;
	return 0;
}

/* init_restart: SEF init after a crash of the previous instance (a
 * stateful restart: the same endpoint, so VFS still reaches it). The
 * mount it served is gone with its memory (the cache, the references VFS
 * holds); mounting again without them could free files that are still
 * open, on a disk left half-written, so every request but FS_READSUPER
 * and FS_UNMOUNT answers -EIO until VFS unmounts. Returns 0. */
static int init_restart(const struct sef_init_info *info)
{
	(void) info;
	e2s_mnt.state = E2S_LOST;
	printf("ext2: %s restarted: the file system it served is lost "
	    "(-EIO until umount; check the disk with e2fsck)\n", sef_label());
	return 0;
}

/* lu_prepare: a live update is possible only with nothing mounted: the
 * mount's state (about 430 KiB of cache and inodes) is not handed over.
 * Returns 0 or -ENOTREADY. */
static int lu_prepare(int state)
{
	if (e2s_mnt.state != E2S_IDLE)
		return -ENOTREADY;
	return sef_cb_lu_prepare_standard(state);
}

/* on_signal: SIGTERM (`service down`): write a mount still served back
 * and mark it clean before exiting (umount unmounts first; this is for a
 * server stopped without it). */
static void on_signal(int signo)
{
	if (signo != SIGTERM)
		return;
	if (e2s_mnt.state == E2S_MOUNTED) {
		message m;
		do_unmount(&m);
	}
	exit(0);
}

/* main: start, then receive, dispatch and reply forever. Notifications:
 * DS (a block driver came back: libbdev opens its devices again) and
 * CLOCK (the write-back alarm). Requests from anyone but VFS get -EPERM. */
int main(void)
{
	sef_setcb_init_fresh(init_fresh);
	sef_setcb_init_restart(init_restart);
	sef_setcb_lu_prepare(lu_prepare);
	sef_setcb_signal_handler(on_signal);
	sef_startup();
	for (;;) {
		message m;
		if (bdev_receive(&m) != 0)
			continue;
		if (m.m_type == NOTIFY_MESSAGE) {
			if (m.m_source == DS_EP)
				bdev_ds_event();
			else if (m.m_source == CLOCK)
				e2s_alarm();
			continue;
		}
		endpoint_t who = m.m_source;
		m.m_type = e2s_dispatch(&m);
		ipc_sendnb(who, &m);     /* VFS waits in sendrec: never blocks */
		e2s_after_request();
	}
}
