/* The memory manager: start-up and the receive loop. MM answers every
 * request at once and never sends a request to anyone but the kernel. */
#include <stdio.h>
#include "mm.h"
#include "sef.h"

/* mm_reply: see mm.h. A non-blocking send: a client that sent with a plain
 * send (not sendrec) cannot make MM wait for it. */
void mm_reply(endpoint_t dst, message *m)
{
	ipc_reply_later(dst, m, "mm");   /* leaves with the next receive */
}

/* mm_init: SEF init callback of a fresh start: say how much memory is
 * free. Always ready (0). */
static int mm_init(const struct sef_init_info *info)
{
	(void) info;
	struct kinfo k;
	if (sys_getinfo(GET_KINFO, SELF, &k, sizeof(k)) < 0)
		k.mem_free_kib = 0;
	printf("mm: memory manager ready (%u KiB free)\n", k.mem_free_kib);
	return 0;
}

/* mm_init_again: SEF init callback of a restart or a live update: with
 * the old instance's memory (SEF_INIT_KEPT; SEF has checked it with
 * mm_state_check) MM goes on with its records, as they are. Without it
 * MM starts empty and learns every process again from the kernel (the
 * heap's break and the mappings of every process are lost): it says so. */
static int mm_init_again(const struct sef_init_info *info)
{
	if (info->flags & SEF_INIT_KEPT) {
		printf("mm: memory manager %s in place (restart %d): %d "
		    "records kept\n", info->type == SEF_INIT_LU ? "updated" :
		    "restarted", info->restarts, mm_count_records());
		return 0;
	}
	printf("mm: restarted without its memory: every break and mapping "
	    "is forgotten\n");
	return mm_init(info);
}

int main(void)
{
	/* With SEF_INIT_KEPT, main runs again from here in the old
	 * instance's memory: the records are the state, and no code before
	 * the receive loop may reset them. */
	sef_setcb_init_fresh(mm_init);
	sef_setcb_init_restart(mm_init_again);
	sef_setcb_init_lu(mm_init_again);
	sef_setcb_state_check(mm_state_check);
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
