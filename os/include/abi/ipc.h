/* IPC primitives: the operations of the IPC trap (IPC_VECTOR).
 *
 * Trap registers: %eax = operation, %ebx = endpoint, %ecx = message address.
 * The result comes back in %eax: 0 or a negative error number.
 *
 * IPC_REPLYRECV (a server's answer and its next receive in one trap, as
 * seL4's ReplyRecv): %ebx = the endpoint to answer (NONE: no answer),
 * %edx = the answer's address, %esi = the endpoint to receive from (or
 * ANY), %ecx = where the next message goes (may be the answer's buffer).
 * The answer is sent as IPC_SENDNB (the client waits in its sendrec, so it
 * never blocks); its result comes back in %edx, and the receive's in %eax.
 * A failed answer does not stop the receive. Once the answer is handled
 * (delivered or failed), its result is also written over m_source of the
 * answer's buffer (the sender's copy, whose m_source the kernel never
 * reads): a server stopped at the trap itself (the text guard) finds it
 * unchanged after a restart in its memory, and knows the answer never
 * left.
 *
 * Errors common to every operation:
 *   -EINVAL       malformed endpoint (or ANY where a process is needed), or
 *                 a process sending to itself
 *   -EDEADSRCDST  the endpoint names a process that no longer exists (its
 *                 slot is free or holds a newer generation)
 *   -ECALLDENIED  the caller's IPC mask does not allow this destination
 *   -EFAULT       the message buffer is not valid caller memory
 *   -EDEADLK      sending would close a cycle of blocked senders (refused)
 *   -ENOTREADY    SENDNB only: the destination is not waiting for us
 */
#ifndef ABI_IPC_H
#define ABI_IPC_H

#define IPC_SEND     1   /* send a message, blocking until it is received */
#define IPC_RECEIVE  2   /* wait for a message from one endpoint or ANY */
#define IPC_SENDREC  3   /* send, then receive the reply from the same one */
#define IPC_NOTIFY   4   /* asynchronous, coalesced notification; no block */
#define IPC_SENDNB   5   /* send only if the destination is waiting now */
#define IPC_REPLYRECV 6  /* SENDNB an answer, then receive (see above) */

/* m_type of a notification message. Its payload is struct mess_notify. */
#define NOTIFY_MESSAGE 0x1000

#endif
