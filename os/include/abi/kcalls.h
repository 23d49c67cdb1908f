/* The kernel-call interface, declared once.
 *
 * KCALL_LIST is the single source of truth for kernel calls: it yields the
 * call numbers here, the kernel's dispatch table (kernel/system.c), the
 * names for privilege masks and manifests (kcall_names), and the
 * documentation in each handler file (kernel/system/do_<name>.c).
 * Each entry is X(NAME, handler, OUT): OUT is 1 when the reply carries
 * fields in its payload, 0 when only the reply code (m_type) comes back. */
#ifndef ABI_KCALLS_H
#define ABI_KCALLS_H

#define KCALL_BASE 0x600    /* kernel-call numbers start here */

#define KCALL_LIST(X) \
	X(DIAGCTL,     do_diagctl,      0) \
	X(EXIT,        do_exit,         0) \
	X(SHUTDOWN,    do_shutdown,     0) \
	X(FORK,        do_fork,         1) \
	X(EXEC,        do_exec,         0) \
	X(CLEAR,       do_clear,        0) \
	X(PRIVCTL,     do_privctl,      0) \
	X(DEVIO,       do_devio,        1) \
	X(IRQCTL,      do_irqctl,       0) \
	X(SETALARM,    do_setalarm,     1) \
	X(TIMES,       do_times,        1) \
	X(GETINFO,     do_getinfo,      1) \
	X(SETGRANT,    do_setgrant,     0) \
	X(SAFECOPYFROM, do_safecopyfrom, 0) \
	X(SAFECOPYTO,  do_safecopyto,   0) \
	X(KILL,        do_kill,         0) \
	X(GETKSIG,     do_getksig,      1) \
	X(ENDKSIG,     do_endksig,      0) \
	X(UPDATE,      do_update,       0) \
	X(STATECTL,    do_statectl,     0) \
	X(VIRCOPY,     do_vircopy,      0) \
	X(VMMAP,       do_vmmap,        1) \
	X(VMUNMAP,     do_vmunmap,      0) \
	X(SIGSEND,     do_sigsend,      0) \
	X(SIGRETURN,   do_sigreturn,    1) \
	X(NULL,        do_null,         0) \
	X(CODEPATCH,   do_codepatch,    0) \
	X(SETCRED,     do_setcred,      0) \
	X(SDEVIO,      do_sdevio,       0) \
	X(UMAP,        do_umap,         1) \
	X(PRIVADD,     do_privadd,      0)

#define KCALL_VECTOR 0x81    /* kernel call: %ecx = message address */
#define IPC_VECTOR   0x80    /* IPC: %eax = op, %ebx = endpoint, %ecx = msg */

#ifndef __ASSEMBLER__
enum kcall_nr {
#define KCALL_ENUM(name, handler, out) SYS_##name,
	SYS_FIRST_ = KCALL_BASE - 1,
	KCALL_LIST(KCALL_ENUM)
#undef KCALL_ENUM
	SYS_END_
};

#define NR_KCALLS (SYS_END_ - KCALL_BASE)
#endif

#endif
