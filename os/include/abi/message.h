/* The fixed-size message every IPC carries: 64 bytes.
 *
 * A message is a source, a type and a payload. Each request has its own
 * payload struct, named mess_<from>_<to>_<call> (kc = a kernel call), each
 * declared with MESS_PAYLOAD so its size is checked at compile time against
 * the 56 bytes available. Fields marked "out" are written by the reply. */
#ifndef ABI_MESSAGE_H
#define ABI_MESSAGE_H

#include <abi/payload.h>
#include <abi/signal.h>
#include <abi/info.h>
#include <abi/pm.h>
#include <abi/mm.h>
#include <abi/vfs.h>
#include <abi/fs.h>
#include <abi/cdev.h>
#include <abi/blockdev.h>
#include <abi/sef.h>
#include <abi/rs.h>
#include <abi/ds.h>
#include <abi/net.h>
#include <abi/pci.h>

/* A notification (m_type NOTIFY_MESSAGE), built by the kernel. */
struct mess_notify {
	uint32_t timestamp;     /* clock ticks at delivery */
	uint32_t irqs;          /* from HARDWARE: IRQ lines that fired */
};
MESS_PAYLOAD(mess_notify);

struct mess_kc_diag {
	vir_bytes buf;          /* caller's address of the text */
	uint32_t len;           /* its length in bytes */
};
MESS_PAYLOAD(mess_kc_diag);

struct mess_kc_exit {
	int32_t status;
};
MESS_PAYLOAD(mess_kc_exit);

#define SHUTDOWN_POWEROFF 0
#define SHUTDOWN_REBOOT   1
#define SHUTDOWN_PANIC    2

struct mess_kc_shutdown {
	int32_t how;            /* SHUTDOWN_* */
};
MESS_PAYLOAD(mess_kc_shutdown);

#define FORK_STOPPED 0x1      /* the child stays stopped (RTS_STOPPED) */
#define FORK_EMPTY   0x2      /* RS only, with FORK_STOPPED, of itself: the
                               * child gets an empty address space (no
                               * copy of RS), a vessel for SYS_EXEC */

struct mess_kc_fork {
	endpoint_t parent;      /* SELF, or a process the caller manages that
	                         * waits for the caller's reply */
	uint32_t flags;         /* FORK_STOPPED, FORK_EMPTY */
	endpoint_t child;       /* out: the child's endpoint; 0 in the child */
};
MESS_PAYLOAD(mess_kc_fork);

#define EXEC_FRAME_MAX 4096   /* bytes of argv + envp strings SYS_EXEC takes */

struct mess_kc_exec {
	endpoint_t target;      /* SELF, or a process the caller manages */
	vir_bytes image;        /* caller's address of an ELF32 image */
	uint32_t image_len;
	vir_bytes frame;        /* caller's address of the argv then envp
	                         * strings, each NUL-terminated */
	uint32_t frame_len;
	int32_t argc;           /* strings in frame that are argv ... */
	int32_t envc;           /* ... and that are envp, after them */
	uint32_t flags;         /* EXEC_KEEP_STATE or 0 */
};
MESS_PAYLOAD(mess_kc_exec);

/* kc_exec.flags. EXEC_KEEP_STATE: a new instance of the same program in
 * the target's address space with its memory kept (restart in place, or
 * the copy a live update forked from the old instance): the image's
 * read-only segments are loaded again over the old ones, its writable
 * segments, the heap and the mappings are left as they are (they are the
 * state), the stack is started afresh at its top. The image's PT_LOAD
 * layout (vaddr, memsz, flags of every segment) must equal the one the
 * target runs, else -EINVAL and nothing changes. */
#define EXEC_KEEP_STATE 0x1

struct mess_kc_proc {           /* CLEAR, ENDKSIG: one process */
	endpoint_t endpoint;
};
MESS_PAYLOAD(mess_kc_proc);

struct mess_kc_setcred {        /* SETCRED */
	endpoint_t endpoint;
	struct proc_cred cred;
};
MESS_PAYLOAD(mess_kc_setcred);

struct mess_kc_privctl {
	endpoint_t endpoint;
	int32_t request;        /* PRIVCTL_SET, PRIVCTL_GET */
	vir_bytes spec;         /* caller's address of a struct priv_spec */
};
MESS_PAYLOAD(mess_kc_privctl);

#define DIO_IN  0
#define DIO_OUT 1

struct mess_kc_devio {
	uint16_t port;
	uint8_t size;           /* 1, 2 or 4 bytes */
	uint8_t dir;            /* DIO_IN or DIO_OUT */
	uint32_t value;         /* DIO_OUT: the value; DIO_IN: out */
};
MESS_PAYLOAD(mess_kc_devio);

/* SYS_SDEVIO: a string of port reads or writes (rep ins / rep outs)
 * between one port and the caller's memory: a disk block in one call. */
#define SDEVIO_MAX_BYTES 4096

struct mess_kc_sdevio {
	uint16_t port;
	uint8_t size;           /* 2 or 4 bytes per transfer */
	uint8_t dir;            /* DIO_IN or DIO_OUT */
	vir_bytes buf;          /* the caller's buffer */
	uint32_t count;         /* transfers: count * size bytes, at most
	                         * SDEVIO_MAX_BYTES */
};
MESS_PAYLOAD(mess_kc_sdevio);

#define IRQ_SETPOLICY 1     /* route IRQ line to the caller and enable it */
#define IRQ_RMPOLICY  2     /* stop routing it (and mask it) */
#define IRQ_ENABLE    3     /* unmask it again after handling */
#define IRQ_DISABLE   4     /* mask it */

struct mess_kc_irqctl {
	int32_t request;        /* IRQ_* */
	int32_t irq;            /* line 0-15 */
};
MESS_PAYLOAD(mess_kc_irqctl);

struct mess_kc_setalarm {
	uint32_t ticks;         /* delay (0 cancels), or a time if absolute */
	int32_t absolute;
	uint32_t remaining;     /* out: ticks the previous alarm had left */
};
MESS_PAYLOAD(mess_kc_setalarm);

struct mess_kc_times {
	endpoint_t endpoint;    /* whose times (SELF for the caller) */
	uint32_t user_ticks;    /* out */
	uint32_t sys_ticks;     /* out */
	uint32_t uptime;        /* out: ticks since boot */
	uint32_t hz;            /* out: ticks per second */
	uint32_t boottime;      /* out: the wall clock at tick 0, seconds
	                         * since 1970 UTC (CMOS at boot); 0 unknown */
};
MESS_PAYLOAD(mess_kc_times);

struct mess_kc_getinfo {
	int32_t request;        /* GET_* in abi/info.h */
	endpoint_t endpoint;    /* for per-process requests */
	vir_bytes buf;
	uint32_t len;           /* size of buf; out: bytes written */
	uint32_t offset;        /* GET_MODULE: where in the module to start;
	                         * GET_KLOG: out: log bytes ever written */
};
MESS_PAYLOAD(mess_kc_getinfo);

struct mess_kc_setgrant {
	vir_bytes table;        /* caller's grant table (abi/grant.h) */
	uint32_t count;         /* entries; 0 removes the table */
};
MESS_PAYLOAD(mess_kc_setgrant);

struct mess_kc_safecopy {
	endpoint_t granter;     /* who made the grant */
	uint32_t grant;         /* grant id */
	uint32_t offset;        /* into the granted range */
	vir_bytes addr;         /* caller's buffer */
	uint32_t bytes;
};
MESS_PAYLOAD(mess_kc_safecopy);

struct mess_kc_kill {
	endpoint_t endpoint;
	int32_t sig;
};
MESS_PAYLOAD(mess_kc_kill);

struct mess_kc_getksig {
	endpoint_t endpoint;    /* out: a process with pending signals, or NONE */
	uint32_t sigs;          /* out: its pending signals (now cleared) */
	int32_t exit_status;    /* out: with SIGKEXIT, its exit status */
};
MESS_PAYLOAD(mess_kc_getksig);

struct mess_kc_update {
	endpoint_t src;         /* the running (old) instance */
	endpoint_t dst;         /* the new instance, stopped */
};
MESS_PAYLOAD(mess_kc_update);

#define STATECTL_STOP       1   /* stop a process (it runs no more) */
#define STATECTL_RESUME     2   /* let a stopped process run again */
#define STATECTL_CLEAR_IPC  3   /* fail every sendrec waiting on the caller */

struct mess_kc_statectl {
	int32_t request;        /* STATECTL_* */
	endpoint_t endpoint;    /* STOP, RESUME: the process */
};
MESS_PAYLOAD(mess_kc_statectl);

struct mess_kc_vircopy {
	endpoint_t src_ep;           /* SELF or any process */
	vir_bytes src_addr;
	endpoint_t dst_ep;
	vir_bytes dst_addr;
	uint32_t bytes;
};
MESS_PAYLOAD(mess_kc_vircopy);

#define VMMAP_PHYS 0x1          /* map device memory (phys) instead of new pages */
#define VMMAP_CONTIG 0x2        /* new pages, physically contiguous; out: phys */

struct mess_kc_vmmap {
	endpoint_t endpoint;         /* SELF or a process */
	vir_bytes addr;              /* page-aligned user address */
	uint32_t len;                /* bytes, a multiple of the page size */
	int32_t writable;
	uint32_t flags;              /* VMMAP_PHYS */
	phys_bytes phys;             /* VMMAP_PHYS: the device memory;
	                              * out with VMMAP_CONTIG: the first frame */
	uint32_t free_kib;           /* out: free memory left afterwards */
};
MESS_PAYLOAD(mess_kc_vmmap);

struct mess_kc_umap {
	vir_bytes addr;              /* the caller's own memory */
	uint32_t len;                /* bytes, > 0 */
	phys_bytes phys;             /* out: the physical address of addr */
};
MESS_PAYLOAD(mess_kc_umap);

struct mess_kc_privadd {
	endpoint_t endpoint;         /* a live process (not a kernel task) */
	int32_t request;             /* PRIVADD_MEM, PRIVADD_IO, PRIVADD_IRQ */
	uint32_t base;               /* first byte / port, or the IRQ line */
	uint32_t last;               /* last byte / port (inclusive) */
};
MESS_PAYLOAD(mess_kc_privadd);

struct mess_kc_sigsend {
	endpoint_t endpoint;         /* a process the caller manages */
	int32_t sig;
	vir_bytes handler;
	vir_bytes trampoline;
	sigset_k mask;               /* saved in the frame, restored on return */
};
MESS_PAYLOAD(mess_kc_sigsend);

struct mess_kc_sigreturn {
	endpoint_t endpoint;         /* a process the caller manages */
	vir_bytes ctx;               /* its struct sigcontext */
	sigset_k mask;               /* out: the mask saved in it */
};
MESS_PAYLOAD(mess_kc_sigreturn);

#define CODEPATCH_MAX 16             /* bytes one SYS_CODEPATCH may write */

struct mess_kc_codepatch {
	endpoint_t endpoint;         /* SELF or any process */
	vir_bytes addr;              /* its user address of the first byte */
	uint32_t len;                /* 1 .. CODEPATCH_MAX */
	uint8_t old_bytes[CODEPATCH_MAX];   /* what must be there now */
	uint8_t new_bytes[CODEPATCH_MAX];   /* what is written instead */
};
MESS_PAYLOAD(mess_kc_codepatch);

typedef struct {
	endpoint_t m_source;   /* filled in by the kernel, never trusted */
	int32_t m_type;        /* request or reply code */
	union {
		struct mess_notify notify;
		struct mess_kc_diag kc_diag;
		struct mess_kc_exit kc_exit;
		struct mess_kc_shutdown kc_shutdown;
		struct mess_kc_fork kc_fork;
		struct mess_kc_exec kc_exec;
		struct mess_kc_proc kc_proc;
		struct mess_kc_privctl kc_privctl;
		struct mess_kc_setcred kc_setcred;
		struct mess_kc_devio kc_devio;
		struct mess_kc_sdevio kc_sdevio;
		struct mess_kc_irqctl kc_irqctl;
		struct mess_kc_setalarm kc_setalarm;
		struct mess_kc_times kc_times;
		struct mess_kc_getinfo kc_getinfo;
		struct mess_kc_setgrant kc_setgrant;
		struct mess_kc_safecopy kc_safecopy;
		struct mess_kc_kill kc_kill;
		struct mess_kc_getksig kc_getksig;
		struct mess_kc_update kc_update;
		struct mess_kc_statectl kc_statectl;
		struct mess_kc_vircopy kc_vircopy;
		struct mess_kc_vmmap kc_vmmap;
		struct mess_kc_sigsend kc_sigsend;
		struct mess_kc_sigreturn kc_sigreturn;
		struct mess_kc_codepatch kc_codepatch;
		struct mess_kc_umap kc_umap;
		struct mess_kc_privadd kc_privadd;
		struct mess_pm_exec pm_exec;
		struct mess_pm_exit pm_exit;
		struct mess_pm_waitpid pm_waitpid;
		struct mess_pm_ids pm_ids;
		struct mess_pm_kill pm_kill;
		struct mess_pm_sigaction pm_sigaction;
		struct mess_pm_sigmask pm_sigmask;
		struct mess_pm_sigreturn pm_sigreturn;
		struct mess_pm_timer pm_timer;
		struct mess_pm_setpgid pm_setpgid;
		struct mess_pm_reboot pm_reboot;
		struct mess_pm_cred pm_cred;
		struct mess_pm_sysinfo pm_sysinfo;
		struct mess_mm_brk mm_brk;
		struct mess_mm_mmap mm_mmap;
		struct mess_mm_info mm_info;
		struct mess_mm_pm mm_pm;
		struct mess_vfs_path vfs_path;
		struct mess_vfs_fd vfs_fd;
		struct mess_vfs_io vfs_io;
		struct mess_vfs_lseek vfs_lseek;
		struct mess_vfs_ioctl vfs_ioctl;
		struct mess_vfs_pm vfs_pm;
		struct mess_vfs_pm_exec vfs_pm_exec;
		struct mess_vfs_attr vfs_attr;
		struct mess_vfs_utime vfs_utime;
		struct mess_vfs_mount vfs_mount;
		struct mess_vfs_poll vfs_poll;
		struct mess_fs_name fs_name;
		struct mess_fs_node fs_node;
		struct mess_fs_io fs_io;
		struct mess_fs_rename fs_rename;
		struct mess_fs_utime fs_utime;
		struct mess_fs_mount fs_mount;
		struct mess_cdev_req cdev_req;
		struct mess_cdev_reply cdev_reply;
		struct mess_tty_sig tty_sig;
		struct mess_cdev_select cdev_select;
		struct mess_bdev_req bdev_req;
		struct mess_bdev_reply bdev_reply;
		struct mess_sef_init sef_init;
		struct mess_sef_result sef_result;
		struct mess_sef_poll sef_poll;
		struct mess_rs_req rs_req;
		struct mess_ds_req ds_req;
		struct mess_ndev_req ndev_req;
		struct mess_ndev_reply ndev_reply;
		struct mess_pci_dev pci_dev;
		struct mess_pci_find pci_find;
		struct mess_pci_cfg pci_cfg;
		struct mess_rs_pci_acl rs_pci_acl;
		uint32_t words[PAYLOAD_SIZE / 4];
		uint8_t raw[PAYLOAD_SIZE];
	} u;
} message;

_Static_assert(sizeof(message) == MESSAGE_SIZE, "message must be 64 bytes");

#endif
