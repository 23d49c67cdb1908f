/* The virtual file system server: every file request of every process
 * comes here; VFS keeps descriptors, open files and pipes itself and asks
 * the root file system (abi/fs.h), the character drivers (abi/cdev.h)
 * and the block drivers (abi/blockdev.h) for the rest. A call that must wait gets its reply later. */
#include <stdio.h>
#include <string.h>
#include "syslib.h"
#include "vfs_server.h"
#include "sef.h"

/* vfs_reply: see vfs_server.h. The caller waits in sendrec, so a
 * non-blocking send reaches it; a caller that died is no error. */
void vfs_reply(endpoint_t ep, int r, message *m)
{
	message empty;
	if (!m) {
		memset(&empty, 0, sizeof(empty));
		m = &empty;
	}
	m->m_type = r;
	ipc_reply_later(ep, m, "vfs");   /* leaves with the next trap */
}

/* vfs_reply_now: see vfs_server.h. One SENDNB trap (an answer held
 * before leaves first, libsys); the payload of ANSWER is never written,
 * so it stays zero. A caller that died is no error. */
void vfs_reply_now(endpoint_t ep, int r)
{
	static message answer;
	answer.m_type = r;
	ipc_reply_status(ep, "vfs", ipc_sendnb(ep, &answer));
}

/* vfs_setalarm: see vfs_server.h. A new alarm replaces the old one
 * (SYS_SETALARM), so an earlier one is set again. */
void vfs_setalarm(uint32_t ticks)
{
	uint32_t left = 0;
	if (sys_setalarm(ticks, 0, &left) == 0 && left != 0 && left < ticks)
		sys_setalarm(left, 0, NULL);
}

/* vfs_init: SEF init callback (every start). A fresh start mounts the
 * root and subscribes to driver-up events (DS initialises before VFS).
 * A start in the previous instance's memory (SEF_INIT_KEPT: a restart in
 * place, a keep-state live update) initialises nothing: SEF has run
 * vfs_check (the tables hold together); what a request cut short left is
 * given back and the world outside is re-synced (kept.c). Returns 0. */
static int vfs_init(const struct sef_init_info *info)
{
	if (info->flags & SEF_INIT_KEPT) {
		int freed = check_repair();
		if (freed)
			printf("vfs: kept state: %d open files and vnodes left by "
			    "a request cut short given back\n", freed);
		kept_init();
		return 0;
	}
	vfs_root();
	driver_up_init();
	return 0;
}

/* vfs_check: SEF's kept-state check (check.c). */
static int vfs_check(char *why, size_t len)
{
	return check_state(why, len);
}

/* main: start (mount the root, or take the kept tables over), then
 * receive, dispatch and reply for ever. A driver's notification means it has finished requests; the data
 * store's, that drivers came up; the clock's, that calls waiting for a
 * block driver may have waited too long (bdev.c) and polls may have
 * reached their deadline (poll.c). */
int main(void)
{
	sef_setcb_init_fresh(vfs_init);
	sef_setcb_state_check(vfs_check);
	sef_startup();
	for (;;) {
		message m;
		if (sef_receive(ANY, &m) != 0)
			continue;
		if (m.m_type == NOTIFY_MESSAGE) {
			if (m.m_source == DS_EP)
				driver_up_event();
			else if (m.m_source == CLOCK) {
				bdev_alarm(m.u.notify.timestamp);
				poll_alarm(m.u.notify.timestamp);
			}
			else if (cdev_is_driver(m.m_source))
				cdev_status(m.m_source);
			continue;
		}
		int r = vfs_dispatch(&m);
		if (r != SUSPENDED)
			vfs_reply(m.m_source, r, &m);
	}
}
