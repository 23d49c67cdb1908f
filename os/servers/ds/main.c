/* The data store server (DS): typed entries under string keys, owned by
 * labels, with subscriptions (abi/ds.h). It answers every request at once
 * and only ever notifies: nobody can deadlock on it. */
#include <stdio.h>
#include "syslib.h"
#include "sef.h"
#include "ds_server.h"

/* main: start up with RS, then receive, dispatch and reply forever.
 * Notifications are ignored; replies go out with sendnb (the caller waits
 * in sendrec; one that does not cannot block DS). */
int main(void)
{
	sef_startup();
	for (;;) {
		message m;
		if (sef_receive(ANY, &m) != 0)
			continue;
		if (m.m_type == NOTIFY_MESSAGE)
			continue;
		endpoint_t who = m.m_source;
		m.m_type = ds_dispatch(&m);
		ipc_sendnb(who, &m);
	}
}
