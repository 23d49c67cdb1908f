/* A server's deferred answer (ipc_reply_later, ipc_reply_in_place): held
 * until the server's next trap, which takes it along: sef_receive sends it
 * and receives in one trap (IPC_REPLYRECV); any other IPC or kernel call
 * sends it first on its own (ipc_reply_flush), so it always leaves before
 * anything else the server does. */
#include <stdio.h>
#include "syslib.h"

struct ipc_deferred ipc_deferred = { .to = NONE };

/* hold: M (its m_source overwritten) is the answer to DST, sent with the
 * next trap (nothing else is held: the caller flushed it). */
static inline __attribute__((always_inline)) void hold(endpoint_t dst,
    message *m, const char *who)
{
	m->m_source = NONE;                 /* not handled yet (abi/ipc.h) */
	ipc_deferred.answer = m;
	ipc_deferred.who = who;
	ipc_deferred.to = dst;
}

/* ipc_reply_in_place: see syslib.h. */
void ipc_reply_in_place(endpoint_t dst, message *m, const char *who)
{
	if (ipc_deferred.to != NONE)
		ipc_reply_flush();
	hold(dst, m, who);
}

/* ipc_reply_later: see syslib.h. */
void ipc_reply_later(endpoint_t dst, const message *m, const char *who)
{
	if (ipc_deferred.to != NONE)
		ipc_reply_flush();
	ipc_deferred.msg = *m;
	hold(dst, &ipc_deferred.msg, who);
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
	message *answer = ipc_deferred.answer;
	if (to == NONE || answer->m_source != NONE)
		return ipc_receive(src, m);    /* _ipc_trap forgets a handled one */
	/* Held until the trap returns: a restart in this memory finds it
	 * with m_source NONE if the trap never ran (ipc_reply_held). */
	int sent;
	int r = _ipc_replyrecv_trap(to, answer, src, m, &sent);
	ipc_deferred.to = NONE;
	if (__builtin_expect(sent != 0, 0))
		ipc_reply_status(to, ipc_deferred.who, sent);
	return r;
}

/* ipc_reply_held: see syslib.h. */
endpoint_t ipc_reply_held(void)
{
	endpoint_t to = ipc_deferred.to;
	int never_left = to != NONE && ipc_deferred.answer->m_source == NONE;
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
	if (ipc_deferred.answer->m_source != NONE)
		return 0;       /* handled by a replyrecv the process left */
	int r;
	__asm__ volatile("int %1"
	    : "=a"(r) : "i"(IPC_VECTOR), "a"(IPC_SENDNB), "b"(dst),
	      "c"(ipc_deferred.answer) : "memory");
	ipc_reply_status(dst, ipc_deferred.who, r);
	return r;
}
