/* The memory manager: start-up and the receive loop. MM answers every
 * request at once and never sends a request to anyone but the kernel. */
#include <stdio.h>
#include "mm.h"
#include "sef.h"

/* mm_reply: see mm.h. A non-blocking send: a client that sent with a plain
 * send (not sendrec) cannot make MM wait for it. */
void mm_reply(endpoint_t dst, message *m)
{
	int r = ipc_sendnb(dst, m);
	if (r != 0 && r != -EDEADSRCDST)
		printf("mm: reply to %d lost (%d)\n", dst, r);
}

/* mm_init: SEF init callback (every start): say how much memory is free.
 * Always ready (0). */
static int mm_init(const struct sef_init_info *info)
{
	(void) info;
	struct kinfo k;
	if (sys_getinfo(GET_KINFO, SELF, &k, sizeof(k)) < 0)
		k.mem_free_kib = 0;
	printf("mm: memory manager ready (%u KiB free)\n", k.mem_free_kib);
	return 0;
}

int main(void)
{
	sef_setcb_init_fresh(mm_init);
	sef_startup();
	for (;;) {
		message m;
		if (sef_receive(ANY, &m) != 0)
			continue;
		if (m.m_type == NOTIFY_MESSAGE)
			continue;            /* MM asked nobody for anything */
		endpoint_t who = m.m_source;
		m.m_type = mm_dispatch(&m);    /* every request is answered */
		mm_reply(who, &m);
	}
}
