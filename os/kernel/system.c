/* The SYSTEM task: runs kernel calls, each a message whose type names the
 * call. The table comes from KCALL_LIST (abi/kcalls.h), the one declaration
 * of the kernel-call interface; every call is checked against the caller's
 * kernel-call mask first. */
#include "kernel.h"
#include "uaccess.h"
#include <abi/errno.h>

struct kcall {
	int (*handler)(struct proc *caller, message *m);
	uint8_t out;          /* the reply carries payload fields */
};

static const struct kcall kcalls[NR_KCALLS] = {
#define KCALL_ENTRY(name, handler, out) [SYS_##name - KCALL_BASE] = { handler, out },
	KCALL_LIST(KCALL_ENTRY)
#undef KCALL_ENTRY
};

/* system_call: run the kernel call in M for CALLER. Returns the handler's
 * reply code (0 or a negative error), -EBADCALL for an unknown call,
 * -ECALLDENIED when the caller's mask lacks it, or EDONTREPLY when the
 * caller is gone or must not get a reply. *REPLY_LEN: how much of the
 * reply message to copy back: the whole message when the call has reply
 * fields, else the header (source and reply code). */
static inline int system_call(struct proc *caller, message *m,
    size_t *reply_len)
{
	uint32_t index = (uint32_t) m->m_type - KCALL_BASE;
	*reply_len = 2 * sizeof(int32_t);
	if (index >= NR_KCALLS || !kcalls[index].handler)
		return -EBADCALL;
	if (index >= 32 * PRIV_KCALL_WORDS ||
	    !((caller->priv.kcalls[index / 32] >> (index % 32)) & 1))
		return -ECALLDENIED;     /* priv_may_call, inlined */
	if (kcalls[index].out)
		*reply_len = sizeof(message);
	return kcalls[index].handler(caller, m);
}

/* run_call: run the kernel call whose message is at ADDR in CALLER's
 * space. The reply code goes into the message's m_type (copied back) and
 * is returned for %eax; IPC_BLOCKED when there is no reply to give (the
 * caller exited or now runs a new program). */
static inline __attribute__((always_inline)) int run_call(
    struct proc *caller, vir_bytes addr)
{
	message m;
	const message *um = vm_msg_ptr(caller->pgdir, addr, 0);
	if (um)
		msg_copy(&m, um);
	else if (vm_msg_in(caller->pgdir, addr, &m, sizeof(m)) != 0)
		return -EFAULT;
	m.m_source = caller->endpoint;
	size_t reply_len;
	int r = system_call(caller, &m, &reply_len);
	if (r == EDONTREPLY)
		return IPC_BLOCKED;
	m.m_type = r;
	/* The caller's space may differ now (exec): look the page up again. */
	message *out = vm_msg_ptr(caller->pgdir, addr, 1);
	if (out && reply_len == 2 * sizeof(int32_t)) {
		out->m_source = m.m_source;
		out->m_type = r;
	} else if (vm_msg_out(caller->pgdir, addr, &m, reply_len) != 0) {
		return -EFAULT;
	}
	return r;
}

/* kernel_call: run_call for a send or sendrec to SYSTEM (ipc.c). */
int kernel_call(struct proc *caller, vir_bytes addr)
{
	return run_call(caller, addr);
}

/* trap_kcall: the kernel-call trap (vectors.S, from ring 3 only): the
 * message at the caller's %ecx, unless its text was changed. Returns the
 * process to enter next. */
struct proc *trap_kcall(void)
{
	struct proc *p = proc_current;
	int r = p->text_changed ? textguard_stop(p)
	    : run_call(p, p->regs.ecx);
	if (r != IPC_BLOCKED)
		p->regs.eax = (uint32_t) r;
	return sched_next();
}

/* system_managed_target: the live process EP (SELF: the caller) that
 * CALLER may control: itself, or a process whose signal manager it is.
 * Returns 0 and sets *OUT, -EINVAL/-EDEADSRCDST for a bad endpoint, or
 * -EPERM. */
int system_managed_target(struct proc *caller, endpoint_t ep,
    struct proc **out)
{
	int r = proc_lookup(caller, ep, out);
	if (r != 0)
		return r;
	if (*out != caller && (*out)->priv.sig_mgr != caller->endpoint)
		return -EPERM;
	return 0;
}

/* system_managed_other: the live process EP whose signal manager CALLER
 * is (never the caller itself). Returns 0 and sets *OUT,
 * -EINVAL/-EDEADSRCDST for a bad endpoint, or -EPERM. */
int system_managed_other(struct proc *caller, endpoint_t ep,
    struct proc **out)
{
	int r = proc_lookup(caller, ep, out);
	if (r != 0)
		return r;
	if (*out == caller || (*out)->priv.sig_mgr != caller->endpoint)
		return -EPERM;
	return 0;
}
