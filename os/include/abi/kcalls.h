/* The kernel-call interface, declared once.
 *
 * KCALL_LIST is the single source of truth for kernel calls: it yields the
 * call numbers here, the kernel's dispatch table (kernel/system.c) and the
 * names that service manifests use. Each entry is X(NAME, handler). */
#ifndef ABI_KCALLS_H
#define ABI_KCALLS_H

#define KCALL_BASE 0x600    /* kernel-call numbers start here */

#define KCALL_LIST(X) \
	X(DIAGCTL,  do_diagctl)   \
	X(EXIT,     do_exit)      \
	X(SHUTDOWN, do_shutdown)

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

/* Trap vectors into the kernel. */
#define KCALL_VECTOR 0x81    /* kernel call: %ecx = message address */
#define IPC_VECTOR   0x80    /* IPC primitives (the microkernel issue) */

#endif
