/* IPC primitives: the operations of the IPC trap (IPC_VECTOR).
 *
 * Trap registers: %eax = operation, %ebx = endpoint, %ecx = message address.
 * The result comes back in %eax: 0 or a negative error number.
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

/* m_type of a notification message. Its payload is struct mess_notify. */
#define NOTIFY_MESSAGE 0x1000

#endif
