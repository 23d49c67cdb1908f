/* Error numbers returned (negated) by kernel calls and servers. The values
 * marked "fixed" are relied on by `service` exit codes and tests. */
#ifndef ABI_ERRNO_H
#define ABI_ERRNO_H

#define EPERM         1    /* fixed: operation not permitted */
#define ENOENT        2    /* fixed: no such file, label or entry */
#define ESRCH         3    /* no such process */
#define EINTR         4    /* fixed: interrupted / timed out */
#define EIO           5    /* input/output error */
#define ENXIO         6    /* no such device (a major with no driver) */
#define E2BIG         7    /* argument or message too big */
#define ENOEXEC       8    /* not an executable */
#define EBADF         9    /* bad file descriptor */
#define ECHILD       10    /* no child process */
#define EAGAIN       11    /* try again (would block) */
#define ENOMEM       12    /* out of memory */
#define EACCES       13    /* permission denied */
#define EFAULT       14    /* bad address */
#define ENOTBLK      15    /* mount: not a block special file */
#define EBUSY        16    /* fixed: resource busy */
#define EEXIST       17    /* already exists */
#define EXDEV        18    /* a link or rename across file systems */
#define ENODEV       19    /* no such device */
#define ENOTDIR      20    /* not a directory */
#define EISDIR       21    /* is a directory */
#define EINVAL       22    /* fixed: invalid argument */
#define ENFILE       23    /* too many open files in system */
#define EMFILE       24    /* too many open files */
#define ENOTTY       25    /* not a terminal */
#define ENOSPC       28    /* no space left */
#define ESPIPE       29    /* illegal seek */
#define EROFS        30    /* a write on a file system mounted read-only */
#define EPIPE        32    /* broken pipe */
#define ERANGE       34    /* result out of range */
#define EDEADLK      35    /* IPC would deadlock */
#define ENAMETOOLONG 36    /* name too long */
#define ELOOP        40    /* too many symbolic links in a path */
#define ENOSYS       78    /* fixed: function not implemented */
#define ENOTEMPTY    66    /* directory not empty */
#define ENOTSOCK     88    /* not a socket */
#define EDESTADDRREQ 89    /* a datagram with no destination */
#define EMSGSIZE     90    /* datagram too big (NET_DGRAM_MAX) */
#define EPROTOTYPE   91    /* protocol wrong for the socket type */
#define ENOPROTOOPT  92    /* unknown socket option */
#define EPROTONOSUPPORT 93 /* protocol not supported */
#define EOPNOTSUPP   95    /* operation not supported on this socket */
#define EAFNOSUPPORT 97    /* address family not supported */
#define EADDRINUSE   98    /* address (port) already in use */
#define EADDRNOTAVAIL 99   /* address not this host's */
#define ENETDOWN    100    /* no interface up */
#define ECONNABORTED 103   /* connection aborted */
#define EISCONN     106    /* already connected */
#define ENOTCONN    107    /* not connected */
#define ETIMEDOUT   110    /* connection timed out */
#define ECONNREFUSED 111   /* connection refused (RST to SYN) */
#define EHOSTUNREACH 113   /* no route / no ARP answer */
#define EALREADY    114    /* a connect is already in progress */
#define EINPROGRESS 115    /* non-blocking connect started */
#define ENETUNREACH 120    /* network unreachable (101 is ELOCKED here) */
#define ECONNRESET  122    /* connection reset by peer (104 is ECALLDENIED) */
#define ENOBUFS     123    /* no buffer space (105 is EDEADSRCDST) */
#define ELOCKED      101   /* IPC: destination cannot be reached now */
#define EBADCALL     102   /* IPC: bad call number */
#define ECALLDENIED  104   /* privilege mask denies this kernel call or target */
#define EDEADSRCDST  105   /* IPC: source or destination is dead */
#define ENOTREADY    201   /* fixed: not ready */
#define ERESTART     200   /* fixed: restart / crashed in init */
#define EDONTREPLY   202   /* internal to servers: no reply to send */

#endif
