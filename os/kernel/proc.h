/* The process table: one slot per ring-3 process. */
#ifndef PROC_H
#define PROC_H

#include <abi/types.h>
#include <abi/endpoint.h>

#define NR_PROCS     64        /* process slots (fits EP_NR_SLOTS) */
#define PROC_NAME_LEN 16
#define NR_SCHED_QUEUES 16     /* 0 is the most urgent */
#define USER_Q       8         /* default queue of user processes */
#define SYSTEM_Q     4         /* default queue of boot processes */
#define QUANTUM_TICKS 5        /* round-robin time slice */

/* Saved registers, in exactly the order trap_common (vectors.S) pushes them.
 * The restart path points %esp at one of these and pops it. */
struct regs {
	uint32_t gs, fs, es, ds;
	uint32_t edi, esi, ebp, esp_unused, ebx, edx, ecx, eax;
	uint32_t vector, error;
	uint32_t eip, cs, eflags;
	uint32_t esp, ss;          /* present only on a ring change */
};

enum proc_state {
	PS_FREE = 0,               /* slot unused */
	PS_RUNNABLE,               /* on a ready queue or running */
	PS_BLOCKED,                /* waiting (IPC, later issues) */
	PS_ZOMBIE,                 /* exited, resources freed */
};

struct proc {
	struct regs regs;          /* must stay first: restart pops from here */
	enum proc_state state;
	int slot;
	int gen;                   /* generation of this slot */
	endpoint_t endpoint;
	char name[PROC_NAME_LEN];
	uint32_t pgdir;            /* physical address of the page directory */
	vir_bytes brk;             /* end of the loaded image (heap start) */
	int priority;              /* ready-queue number */
	int ticks_left;            /* of the current quantum */
	uint32_t user_ticks;
	uint32_t sys_ticks;
	int exit_status;
	struct proc *next_ready;   /* ready-queue link */
};

_Static_assert(__builtin_offsetof(struct proc, regs) == 0,
    "regs must be the first member of struct proc");

#endif
