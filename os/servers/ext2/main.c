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

/* init_restart: SEF init after a failure of the previous instance, at
 * the same endpoint (VFS still reaches it). Restarted in place
 * (SEF_INIT_KEPT: the manifest's `restart inplace`), the server runs in
 * the dead instance's memory, checked by e2s_state_check before this is
 * called: the mount, its cache and the inodes VFS holds go on (srv_kept.c).
 * Otherwise (a fresh program: the kept state failed its check, or the
 * keep-state exec could not be done) the mount it served is gone with
 * its memory; mounting again without them could free files that are
 * still open, on a disk left half-written, so every request but
 * FS_READSUPER and FS_UNMOUNT answers -EIO until VFS unmounts. Returns
 * 0. */
static int init_restart(const struct sef_init_info *info)
{
	if (info->flags & SEF_INIT_KEPT) {
		e2s_kept(sef_label(), "restarted in place");
		return 0;
	}
	e2s_mnt.state = E2S_LOST;
	printf("ext2: %s restarted: the file system it served is lost "
	    "(-EIO until umount; check the disk with e2fsck)\n", sef_label());
	return 0;
}

/* init_lu: SEF init of the new version of a live update. A keep-state
 * update (SEF_INIT_KEPT: RS updates a `restart inplace` service in a copy
 * of its memory) carries the whole mount over (srv_kept.c); a new program
 * beside the old one (only with a manifest that is not `restart inplace`)
 * starts with nothing mounted. Returns 0. */
static int init_lu(const struct sef_init_info *info)
{
	if (info->flags & SEF_INIT_KEPT)
		e2s_kept(sef_label(), "updated in place");
	else
		e2s_mnt.state = E2S_IDLE;
	return 0;
}

/* lu_prepare: the standard states. With something mounted only a
 * keep-state update can carry the mount (about 430 KiB of cache and
 * inodes) over: RS makes one for a `restart inplace` service, which the
 * manifest says this is; a program of another layout is refused by RS
 * before it asks. Returns 0 or -ENOTREADY. */
static int lu_prepare(int state)
{
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
	sef_setcb_init_lu(init_lu);
	sef_setcb_state_check(e2s_state_check);
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
		/* VFS waits in sendrec: never blocks; leaves with the next
		 * receive (one trap), or before any other IPC. */
		ipc_reply_later(who, &m, NULL);
		e2s_after_request();
	}
}
