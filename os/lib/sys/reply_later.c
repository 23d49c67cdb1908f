/* A server's deferred answer (ipc_reply_later): held here until the
 * server's next trap, which takes it along: sef_receive sends it and
 * receives in one trap (IPC_REPLYRECV); any other IPC or kernel call
 * sends it first on its own (ipc_reply_flush), so it always leaves before
 * anything else the server does. */
#include <stdio.h>
#include "syslib.h"

struct ipc_deferred ipc_deferred = { .to = NONE };

/* ipc_reply_later: see syslib.h. */
void ipc_reply_later(endpoint_t dst, const message *m, const char *who)
{
	if (ipc_deferred.to != NONE)
		ipc_reply_flush();
	ipc_deferred.msg = *m;
	ipc_deferred.msg.m_source = NONE;   /* not handled yet (abi/ipc.h) */
	ipc_deferred.who = who;
	ipc_deferred.to = dst;
}

/* ipc_reply_status: see syslib.h. */
void ipc_reply_status(endpoint_t dst, const char *who, int status)
{
	if (status != 0 && status != -EDEADSRCDST && who)
		printf("%s: reply to %d lost (%d)\n", who, dst, status);
}

/* ipc_reply_receive: see syslib.h. */
int ipc_reply_receive(endpoint_t src, message *m)
{
	endpoint_t to = ipc_deferred.to;
	if (to == NONE || ipc_deferred.msg.m_source != NONE)
		return ipc_receive(src, m);    /* _ipc_trap forgets a handled one */
	/* Held until the trap returns: a restart in this memory finds it
	 * with m_source NONE if the trap never ran (ipc_reply_held). */
	int sent;
	int r = ipc_replyrecv(to, &ipc_deferred.msg, src, m, &sent);
	ipc_deferred.to = NONE;
	if (__builtin_expect(sent != 0, 0))
		ipc_reply_status(to, ipc_deferred.who, sent);
	return r;
}

/* ipc_reply_held: see syslib.h. */
endpoint_t ipc_reply_held(void)
{
	endpoint_t to = ipc_deferred.to;
	int never_left = to != NONE && ipc_deferred.msg.m_source == NONE;
	ipc_deferred.to = NONE;
	return never_left ? to : NONE;
}

/* ipc_reply_flush: see syslib.h. */
int ipc_reply_flush(void)
{
	endpoint_t dst = ipc_deferred.to;
	if (dst == NONE)
		return 0;
	ipc_deferred.to = NONE;
	if (ipc_deferred.msg.m_source != NONE)
		return 0;       /* handled by a replyrecv the process left */
	int r;
	__asm__ volatile("int %1"
	    : "=a"(r) : "i"(IPC_VECTOR), "a"(IPC_SENDNB), "b"(dst),
	      "c"(&ipc_deferred.msg) : "memory");
	ipc_reply_status(dst, ipc_deferred.who, r);
	return r;
}
