/* The kernel-call interface, declared once.
 *
 * KCALL_LIST is the single source of truth for kernel calls: it yields the
 * call numbers here, the kernel's dispatch table (kernel/system.c), the
 * names for privilege masks and manifests (kcall_names), and the
 * documentation in each handler file (kernel/system/do_<name>.c).
 * Each entry is X(NAME, handler). */
#ifndef ABI_KCALLS_H
#define ABI_KCALLS_H

#define KCALL_BASE 0x600    /* kernel-call numbers start here */

#define KCALL_LIST(X) \
	X(DIAGCTL,     do_diagctl)     \
	X(EXIT,        do_exit)        \
	X(SHUTDOWN,    do_shutdown)    \
	X(FORK,        do_fork)        \
	X(EXEC,        do_exec)        \
	X(CLEAR,       do_clear)       \
	X(PRIVCTL,     do_privctl)     \
	X(DEVIO,       do_devio)       \
	X(IRQCTL,      do_irqctl)      \
	X(SETALARM,    do_setalarm)    \
	X(TIMES,       do_times)       \
	X(GETINFO,     do_getinfo)     \
	X(SETGRANT,    do_setgrant)    \
	X(SAFECOPYFROM, do_safecopyfrom) \
	X(SAFECOPYTO,  do_safecopyto)  \
	X(KILL,        do_kill)        \
	X(GETKSIG,     do_getksig)     \
	X(ENDKSIG,     do_endksig)     \
	X(UPDATE,      do_update)      \
	X(STATECTL,    do_statectl)    \
	X(NULL,        do_null)

#define KCALL_VECTOR 0x81    /* kernel call: %ecx = message address */
#define IPC_VECTOR   0x80    /* IPC: %eax = op, %ebx = endpoint, %ecx = msg */

#ifndef __ASSEMBLER__
enum kcall_nr {
#define KCALL_ENUM(name, handler) SYS_##name,
	SYS_FIRST_ = KCALL_BASE - 1,
	KCALL_LIST(KCALL_ENUM)
#undef KCALL_ENUM
	SYS_END_
};

#define NR_KCALLS (SYS_END_ - KCALL_BASE)
#endif

#endif
