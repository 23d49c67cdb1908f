/* SYS_EXEC: replace a process's program with an ELF image.
 *
 * Reads:  kc_exec.target (SELF or a process the caller manages),
 *         kc_exec.image/image_len (the ELF in the caller's memory),
 *         kc_exec.frame/frame_len (argc argv strings then envc envp
 *         strings, each NUL-terminated, at most EXEC_FRAME_MAX bytes),
 *         kc_exec.argc, kc_exec.envc
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
 * target is untouched. */
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

int do_exec(struct proc *caller, message *m)
{
	struct mess_kc_exec *x = &m->u.kc_exec;
	struct proc *target;

	int r = system_managed_target(caller, x->target, &target);
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
	if (target != caller && !exec_ipc_ok(caller, target))
		return -EBUSY;
	if (!vm_user_ok(caller->pgdir, x->image, x->image_len, 0))
		return -EFAULT;

	struct elf_source src = {
		.pgdir = caller->pgdir, .uaddr = x->image, .size = x->image_len,
	};
	r = elf_start(target, &src, &args);
	if (r != 0)
		return r;
	if (target == caller)
		return EDONTREPLY;
	if (target->rts & RTS_RECEIVING) {        /* waited for our reply */
		target->reply_pending = 0;
		target->getfrom = NONE;
	}
	proc_unblock(target, RTS_RECEIVING | RTS_STOPPED);
	return 0;
}
