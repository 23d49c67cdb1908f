/* The root file system server: unpacks the boot archive into memory, then
 * answers VFS's file-system requests (abi/fs.h) one at a time. */
#include <stdio.h>
#include "syslib.h"
#include "rootfs.h"

/* main: load the tree, then receive, dispatch and reply forever.
 * Notifications are ignored; requests from anyone but VFS get -EPERM. */
int main(void)
{
	rfs_load_archive();
	for (;;) {
		message m;
		if (ipc_receive(ANY, &m) != 0)
			continue;
		if (m.m_type == NOTIFY_MESSAGE)
			continue;
		endpoint_t who = m.m_source;
		m.m_type = rfs_dispatch(&m);
		ipc_sendnb(who, &m);     /* VFS waits in sendrec: never blocks */
	}
}
