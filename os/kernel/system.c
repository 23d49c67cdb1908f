/* The SYSTEM task: runs kernel calls, each a message whose type names the
 * call. The table comes from KCALL_LIST (abi/kcalls.h), the one declaration
 * of the kernel-call interface; every call is checked against the caller's
 * kernel-call mask first. */
#include "kernel.h"
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

/* system_reply_len: how much of the reply message to copy back for kernel
 * call CALL: the whole message when the call has reply fields, else the
 * header (source and reply code). */
size_t system_reply_len(int call)
{
	uint32_t index = (uint32_t) call - KCALL_BASE;
	if (index < NR_KCALLS && kcalls[index].out)
		return sizeof(message);
	return 2 * sizeof(int32_t);
}

/* system_call: run the kernel call in M for CALLER. Returns the handler's
 * reply code (0 or a negative error), -EBADCALL for an unknown call,
 * -ECALLDENIED when the caller's mask lacks it, or EDONTREPLY when the
 * caller is gone or must not get a reply. */
int system_call(struct proc *caller, message *m)
{
	uint32_t index = (uint32_t) m->m_type - KCALL_BASE;
	if (index >= NR_KCALLS || !kcalls[index].handler)
		return -EBADCALL;
	if (!priv_may_call(caller, index))
		return -ECALLDENIED;
	return kcalls[index].handler(caller, m);
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
