/* TEMPORARY until os/lib/sef lands (branch sef): sef_startup does nothing
 * and sef_receive is ipc_receive. Delete this file on merging SEF. */
#include "syslib.h"
#include "sef.h"

void sef_startup(void)
{
}

int sef_receive(endpoint_t src, message *m)
{
	return ipc_receive(src, m);
}
