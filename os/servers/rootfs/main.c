/* The root file system server: unpacks the boot archive into memory, then
 * answers VFS's file-system requests (abi/fs.h) one at a time. */
#include <stdio.h>
#include "syslib.h"
#include "rootfs.h"
#include "sef.h"

/* rfs_init: SEF init callback (every start): load the tree from the boot
 * archive. Returns 0. */
static int rfs_init(const struct sef_init_info *info)
{
	(void) info;
	rfs_load_archive();
	return 0;
}

/* main: start (load the tree), then receive, dispatch and reply forever.
 * Notifications are ignored; requests from anyone but VFS get -EPERM. */
int main(void)
{
	sef_setcb_init_fresh(rfs_init);
	sef_startup();
	for (;;) {
		message m;
		if (sef_receive(ANY, &m) != 0)
			continue;
		if (m.m_type == NOTIFY_MESSAGE)
			continue;
		endpoint_t who = m.m_source;
		m.m_type = rfs_dispatch(&m);
		ipc_sendnb(who, &m);     /* VFS waits in sendrec: never blocks */
	}
}
