/* SYS_EXEC: replace a process's program with an ELF image.
 *
 * Reads:  kc_exec.target (SELF or a process the caller manages),
 *         kc_exec.image/image_len (the ELF in the caller's memory),
 *         kc_exec.args/args_len ("name arg ...", at most 1023 bytes)
 * Writes: nothing
 * Reply:  0 (none when the target is the caller: it runs the new program),
 *         -EPERM, -EINVAL, -EDEADSRCDST, -ENOEXEC, -EFAULT, -ENOMEM, -E2BIG.
 * The target keeps its slot, endpoint and privileges; its name becomes the
 * first word of the arguments. On error the target is untouched. */
#include "kernel.h"
#include <abi/errno.h>

#define ARGS_MAX 1024

int do_exec(struct proc *caller, message *m)
{
	struct mess_kc_exec *x = &m->u.kc_exec;
	struct proc *target;
	char args[ARGS_MAX];

	int r = system_managed_target(caller, x->target, &target);
	if (r != 0)
		return r;
	if (x->frame_len >= ARGS_MAX)
		return -E2BIG;
	if (vm_copy_from_user(caller->pgdir, args, x->frame, x->frame_len) != 0)
		return -EFAULT;
	args[x->frame_len] = '\0';
	if (!vm_user_ok(caller->pgdir, x->image, x->image_len, 0))
		return -EFAULT;

	struct elf_source src = {
		.pgdir = caller->pgdir, .uaddr = x->image, .size = x->image_len,
	};
	r = elf_start(target, &src, args, x->frame_len);
	if (r != 0)
		return r;
	size_t n = 0;
	while (args[n] && args[n] != ' ' && n < PROC_NAME_LEN - 1)
		n++;
	if (n > 0) {
		memcpy(target->name, args, n);
		target->name[n] = '\0';
	}
	return target == caller ? EDONTREPLY : 0;
}
