/* What SYS_GETINFO returns. */
#ifndef ABI_INFO_H
#define ABI_INFO_H

#include <abi/types.h>

#define GET_KINFO      1     /* struct kinfo */
#define GET_PROCTAB    2     /* struct proc_info[], one per live process */
#define GET_PROC       3     /* struct proc_info of endpoint */
#define GET_PRIV       4     /* struct priv_spec of endpoint */
#define GET_BOOTIMAGE  5     /* struct boot_image_info[] (data modules too) */
#define GET_KLOG       6     /* the kernel log: the newest bytes that fit */
#define GET_MODULE     7     /* bytes of boot module .endpoint (an index
                              * into the boot image) from .offset */
#define GET_MODULE_MAP 8     /* data module .endpoint mapped read-only
                              * into the caller at .buf, .len bytes */

/* Bytes of the kernel log the kernel keeps: GET_KLOG (and PM's SI_KLOG)
 * never return more. The harness reads it from harness/abi.py. */
#define KLOG_SIZE      32768

struct kinfo {
	uint32_t hz;             /* clock ticks per second */
	uint32_t nr_procs;       /* process slots */
	uint32_t mem_total_kib;
	uint32_t mem_free_kib;
	uint32_t uptime;         /* ticks */
	char version[16];
	uint32_t boottime;       /* the wall clock when the ticks started:
	                          * seconds since 1970-01-01 00:00 UTC, read
	                          * from the CMOS clock at boot; 0 unknown.
	                          * The time of day: boottime + uptime / hz */
};

/* A process's credentials: PM owns them (it decides on fork, exec and
 * setuid) and mirrors them into the kernel with SYS_SETCRED, so that any
 * server can learn who sent it a request from GET_PROC without asking PM
 * (a server blocked on PM could otherwise deadlock; QNX's kernel keeps a
 * client's credentials for the same reason). Every process starts as
 * root (all 0); a fork copies its parent's. */
struct proc_cred {
	uint32_t ruid, euid;     /* real and effective user id */
	uint32_t rgid, egid;     /* real and effective group id */
	int32_t pid;             /* PM's pid of a user process; 0 for a
	                          * server (for logs: who asked) */
};

/* Process state bits (proc_info.flags). 0 means runnable. */
#define PSTATE_SENDING    0x01   /* blocked sending */
#define PSTATE_RECEIVING  0x02   /* blocked receiving */
#define PSTATE_SIGNALED   0x04   /* stopped: signals wait for its manager */
#define PSTATE_STOPPED    0x08   /* stopped by STATECTL or not yet started */
#define PSTATE_EXITED     0x10   /* exited, slot not yet cleared */

struct proc_info {
	int32_t slot;
	endpoint_t endpoint;
	char name[16];
	uint32_t flags;          /* PSTATE_* */
	int32_t priority;        /* scheduling queue, 0 most urgent */
	uint32_t user_ticks;
	uint32_t sys_ticks;
	endpoint_t sig_mgr;
	endpoint_t blocked_on;   /* peer of a blocked send/receive, or NONE */
	vir_bytes brk;           /* end of the loaded program (heap start) */
	struct proc_cred cred;   /* who it runs as (SYS_SETCRED; 0 = root) */
	uint32_t as_id;          /* its address space: a number new at every
	                          * fork and exec, never reused while the
	                          * system runs; it moves with the program when
	                          * SYS_UPDATE swaps two slots (MM follows its
	                          * records by it). A keep-state exec keeps it;
	                          * into a fork copy (a keep-state live update)
	                          * it takes the number of the process copied */
};

struct boot_image_info {
	char name[16];
	endpoint_t endpoint;     /* as started at boot; NONE: a data module */
	uint32_t size;           /* bytes of the module */
};

#endif
