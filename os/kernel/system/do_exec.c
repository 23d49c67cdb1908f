/* SYS_EXEC: replace a process's program with an ELF image.
 *
 * Reads:  kc_exec.target (SELF or a process the caller manages),
 *         kc_exec.image/image_len (the ELF in the caller's memory),
 *         kc_exec.frame/frame_len (argc argv strings then envc envp
 *         strings, each NUL-terminated, at most EXEC_FRAME_MAX bytes),
 *         kc_exec.argc, kc_exec.envc, kc_exec.flags (0 or EXEC_KEEP_STATE)
 * Writes: nothing
 * Reply:  0 (none when the target is the caller: it runs the new program),
 *         -EPERM (not managed by the caller), -EINVAL (bad endpoint, argc
 *         < 1, or the frame does not hold exactly argc + envc strings),
 *         -EDEADSRCDST, -E2BIG (frame too long), -EBUSY (the target is in
 *         an IPC other than waiting for the caller's reply), -ENOEXEC,
 *         -EFAULT, -ENOMEM.
 * The new stack (args.c): argc, argv[], NULL, envp[], NULL, the strings.
 * The target keeps its slot, endpoint, privileges, signal manager and
 * pending notifications; its name becomes the basename of argv[0] and its
 * grant table registration goes. A target other than the caller that waits
 * for the caller's reply stops waiting (it gets no reply), and a stopped
 * one (RTS_STOPPED, e.g. a FORK_STOPPED child) starts running. On error the
 * target is untouched.
 * EXEC_KEEP_STATE (elf_restart): the program starts again in the target's
 * own memory: read-only segments are loaded again, writable ones, the heap
 * and mappings are kept, the stack starts afresh, the grant table
 * registration stays (the table is kept memory). The image's PT_LOAD
 * layout must equal the target's (-EINVAL otherwise, and for unknown
 * flags); the target may be the caller itself (RS's own live update,
 * servers/rs/self_update.c). The target may be dead (a signal stopped
 * it, or it exited with PRIV_KEEP_STATE: its memory stays until its slot
 * is cleared) when the caller is its signal manager: that is a restart in
 * place; it runs again with its pending signals, exit status and any
 * unfinished IPC of its own dropped. */
#include "kernel.h"
#include <abi/errno.h>

static char frame[EXEC_FRAME_MAX];   /* the kernel runs one call at a time */

/* Whether the IPC state of TARGET lets CALLER exec it: no IPC at all, or
 * waiting for CALLER's reply (the receive half of a sendrec to CALLER). */
static int exec_ipc_ok(const struct proc *caller, const struct proc *target)
{
	if (!(target->rts & (RTS_SENDING | RTS_RECEIVING)))
		return 1;
	return !(target->rts & RTS_SENDING) && target->reply_pending &&
	    target->getfrom == caller->endpoint;
}

/* The target of a keep-state exec: as system_managed_target, but it may
 * also be a dead process (exited, not yet cleared) of CALLER's, or the
 * caller itself (RS's own live update: the new version starts in RS's
 * memory; servers/rs/self_update.c). Returns 0 and sets *OUT, or -EINVAL,
 * -EDEADSRCDST, -EPERM. */
static int keep_target(struct proc *caller, endpoint_t ep, struct proc **out)
{
	int r = proc_lookup(caller, ep, out);
	if (r == -EDEADSRCDST && ep >= 0 && ep_slot(ep) < NR_PROCS) {
		struct proc *p = &proc_table[ep_slot(ep)];
		if (p->in_use && p->endpoint == ep && (p->rts & RTS_EXITED)) {
			*out = p;
			r = 0;
		}
	}
	if (r != 0)
		return r;
	if (*out == caller)
		return 0;
	if ((*out)->priv.sig_mgr != caller->endpoint)
		return -EPERM;
	return 0;
}

/* Whether P is dead for its manager: stopped by a signal or exited. */
static int is_dead(const struct proc *p)
{
	return (p->rts & (RTS_SIGNALED | RTS_EXITED)) != 0;
}

int do_exec(struct proc *caller, message *m)
{
	struct mess_kc_exec *x = &m->u.kc_exec;
	struct proc *target;
	int keep = x->flags & EXEC_KEEP_STATE;

	if (x->flags & ~(uint32_t) EXEC_KEEP_STATE)
		return -EINVAL;
	int r = keep ? keep_target(caller, x->target, &target) :
	    system_managed_target(caller, x->target, &target);
	if (r != 0)
		return r;
	if (x->frame_len > EXEC_FRAME_MAX)
		return -E2BIG;
	if (x->argc < 1)
		return -EINVAL;
	if (vm_copy_from_user(caller->pgdir, frame, x->frame, x->frame_len) != 0)
		return -EFAULT;
	struct exec_args args = {
		.frame = frame, .len = x->frame_len, .argc = x->argc,
		.envc = x->envc,
	};
	if ((r = args_check(&args)) != 0)
		return r;
	int dead = keep && is_dead(target);
	if (target != caller && !dead && !exec_ipc_ok(caller, target))
		return -EBUSY;
	if (!vm_user_ok(caller->pgdir, x->image, x->image_len, 0))
		return -EFAULT;

	struct elf_source src = {
		.pgdir = caller->pgdir, .uaddr = x->image, .size = x->image_len,
	};
	r = keep ? elf_restart(target, &src, &args) :
	    elf_start(target, &src, &args);
	if (r != 0)
		return r;
	if (target == caller)
		return EDONTREPLY;
	if (dead) {
		ipc_cancel(target);       /* an unfinished send or receive */
		target->sig_pending = 0;
		target->exit_status = 0;
		proc_unblock(target, RTS_SIGNALED | RTS_EXITED | RTS_STOPPED);
		return 0;
	}
	if (target->rts & RTS_RECEIVING) {        /* waited for our reply */
		target->reply_pending = 0;
		target->getfrom = NONE;
	}
	proc_unblock(target, RTS_RECEIVING | RTS_STOPPED);
	return 0;
}
