/* The memory manager: start-up and the receive loop. MM answers every
 * request at once and never sends a request to anyone but the kernel. */
#include <stdio.h>
#include "mm.h"

/* mm_reply: see mm.h. A non-blocking send: a client that sent with a plain
 * send (not sendrec) cannot make MM wait for it. */
void mm_reply(endpoint_t dst, message *m)
{
	int r = ipc_sendnb(dst, m);
	if (r != 0 && r != -EDEADSRCDST)
		printf("mm: reply to %d lost (%d)\n", dst, r);
}

int main(void)
{
	struct kinfo k;
	if (sys_getinfo(GET_KINFO, SELF, &k, sizeof(k)) < 0)
		k.mem_free_kib = 0;
	printf("mm: memory manager ready (%u KiB free)\n", k.mem_free_kib);

	for (;;) {
		message m;
		if (ipc_receive(ANY, &m) != 0)
			continue;
		if (m.m_type == NOTIFY_MESSAGE)
			continue;            /* MM asked nobody for anything */
		endpoint_t who = m.m_source;
		int r = mm_dispatch(&m);
		if (r == EDONTREPLY)
			continue;
		m.m_type = r;
		mm_reply(who, &m);
	}
}
