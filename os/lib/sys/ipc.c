/* The IPC trap and one wrapper per primitive (see abi/ipc.h). A deferred
 * answer (reply_later.c) leaves first. */
#include "syslib.h"

int _ipc_trap(int op, endpoint_t ep, void *m)
{
	int r;
	if (__builtin_expect(ipc_deferred.to != NONE, 0))
		ipc_reply_flush();
	__asm__ volatile("int %1"
	    : "=a"(r) : "i"(IPC_VECTOR), "a"(op), "b"(ep), "c"(m) : "memory");
	return r;
}

int ipc_send(endpoint_t dst, message *m)
{
	return _ipc_trap(IPC_SEND, dst, m);
}

int ipc_receive(endpoint_t src, message *m)
{
	return _ipc_trap(IPC_RECEIVE, src, m);
}

int ipc_sendrec(endpoint_t dst, message *m)
{
	return _ipc_trap(IPC_SENDREC, dst, m);
}

int ipc_notify(endpoint_t dst)
{
	return _ipc_trap(IPC_NOTIFY, dst, 0);
}

int ipc_sendnb(endpoint_t dst, message *m)
{
	return _ipc_trap(IPC_SENDNB, dst, m);
}

int ipc_replyrecv(endpoint_t dst, message *reply, endpoint_t src, message *m,
    int *reply_status)
{
	if (__builtin_expect(ipc_deferred.to != NONE, 0) &&
	    reply != ipc_deferred.answer)
		ipc_reply_flush();
	int status;
	int r = _ipc_replyrecv_trap(dst, reply, src, m, &status);
	if (reply_status)
		*reply_status = status;
	return r;
}
