/* The process table: one slot per ring-3 process. */
#ifndef PROC_H
#define PROC_H

#include <abi/types.h>
#include <abi/endpoint.h>
#include <abi/info.h>
#include <abi/message.h>
#include <abi/priv.h>
#include <abi/signal.h>

#define NR_PROCS      PRIV_SLOTS   /* process slots (fits EP_NR_SLOTS) */
#define PROC_NAME_LEN 16
#define NR_SCHED_QUEUES 16         /* 0 is the most urgent */
#define USER_Q        8            /* default queue of user processes */
#define SYSTEM_Q      4            /* default queue of boot processes */
#define QUANTUM_TICKS 5            /* round-robin time slice */
#define PROC_MAX_SEGS 8            /* PT_LOAD segments recorded per program */

/* One loadable segment of the program a process runs, as its ELF image
 * declared it at exec (the layout EXEC_KEEP_STATE compares). */
struct seg_layout {
	uint32_t vaddr;
	uint32_t memsz;
	uint32_t flags;            /* PF_R | PF_W | PF_X */
};

/* Notification senders: process slots, then the kernel's pseudo-processes. */
#define NOTIFY_HARDWARE (NR_PROCS + 0)
#define NOTIFY_CLOCK    (NR_PROCS + 1)
#define NOTIFY_SYSTEM   (NR_PROCS + 2)
#define NOTIFY_BITS     (NR_PROCS + 3)
#define NOTIFY_WORDS    ((NOTIFY_BITS + 31) / 32)

/* Why a process cannot run (0: it can). The same bits as PSTATE_*. */
#define RTS_SENDING   PSTATE_SENDING
#define RTS_RECEIVING PSTATE_RECEIVING
#define RTS_SIGNALED  PSTATE_SIGNALED
#define RTS_STOPPED   PSTATE_STOPPED
#define RTS_EXITED    PSTATE_EXITED

/* Saved registers, in exactly the order trap_common (vectors.S) pushes them.
 * The restart path points %esp at one of these and pops it. */
struct regs {
	uint32_t gs, fs, es, ds;
	uint32_t edi, esi, ebp, esp_unused, ebx, edx, ecx, eax;
	uint32_t vector, error;
	uint32_t eip, cs, eflags;
	uint32_t esp, ss;          /* present only on a ring change */
};

struct proc {
	struct regs regs;          /* must stay first: restart pops from here */
	int in_use;
	uint32_t rts;              /* RTS_* flags; 0 = runnable */

	/* Bound to the slot: these stay put when SYS_UPDATE swaps programs. */
	int slot;
	int gen;                   /* generation of this slot */
	endpoint_t endpoint;
	struct priv_spec priv;
	struct proc_cred cred;     /* PM's mirror of its credentials (SYS_SETCRED) */
	uint32_t notify_pending[NOTIFY_WORDS];  /* one bit per sender */
	uint32_t irq_pending;      /* IRQ lines for the next HARDWARE notify */
	struct proc *senders;      /* processes blocked sending to us */

	/* The program: swapped by SYS_UPDATE. */
	char name[PROC_NAME_LEN];
	uint32_t pgdir;            /* physical address of the page directory */
	vir_bytes brk;             /* end of the loaded image (heap start) */
	uint32_t as_id;            /* address-space number (proc_new_as_id) */
	uint32_t fork_as_id;       /* a fork copy not exec'd since: the as_id
	                            * it was copied from (0: none), which a
	                            * keep-state exec continues */
	int nsegs;                 /* PT_LOAD segments in segs; -1: unknown
	                            * (more than PROC_MAX_SEGS) */
	struct seg_layout segs[PROC_MAX_SEGS];
	int text_changed;          /* SYS_CODEPATCH by another process changed
	                            * it since exec (textguard.c) */
	int priority;              /* ready-queue number */
	int ticks_left;            /* of the current quantum */
	uint32_t user_ticks;
	uint32_t sys_ticks;

	/* IPC state while blocked. */
	endpoint_t sendto;         /* RTS_SENDING: the destination */
	endpoint_t getfrom;        /* RTS_RECEIVING: the source, or ANY */
	vir_bytes msg_buf;         /* RTS_RECEIVING: where the message goes */
	int reply_pending;         /* blocked in the receive half of sendrec */
	message sendmsg;           /* RTS_SENDING: the message to deliver */
	struct proc *next_sender;  /* link in the destination's senders */

	/* Signals, exit, alarm, grants. */
	sigset_k sig_pending;
	int exit_status;
	uint32_t alarm_at;         /* tick of the pending alarm, 0 = none */
	vir_bytes grant_table;     /* registered with SYS_SETGRANT */
	uint32_t grant_count;

	struct proc *next_ready;   /* ready-queue links (sched.c) */
	struct proc *prev_ready;
	int on_ready_queue;        /* linked on the queue of its priority */
};

_Static_assert(__builtin_offsetof(struct proc, regs) == 0,
    "regs must be the first member of struct proc");

#endif
