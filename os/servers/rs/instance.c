/* Starting an instance of a service: RS makes a stopped process with an
 * empty address space (SYS_FORK FORK_EMPTY: nothing of RS's memory, its
 * images included, is copied), gives it the service's privileges and the
 * service's program from the image RS holds (SYS_EXEC copies only the
 * image's loadable segments). Stateful restarts and live updates first
 * swap the stopped vessel into the service's slot (SYS_UPDATE), so the
 * new program runs with the service's endpoint. */
#include <stdio.h>
#include <string.h>
#include "rs.h"

/* The argv string of S: "BINARY ARGS". */
static void make_args(const struct service *s, char *buf, size_t size)
{
	strlcpy(buf, s->binary[0] ? s->binary : s->label, size);
	if (s->args[0]) {
		strlcat(buf, " ", size);
		strlcat(buf, s->args, size);
	}
}

/* instance_exec: run program IMAGE (LEN bytes) as S in EP, a stopped
 * vessel (instance_spare; it starts at once). Returns 0 or the error of
 * SYS_EXEC. */
int instance_exec(struct service *s, endpoint_t ep, const void *image,
    uint32_t len)
{
	char args[RS_PATH_MAX + RS_ARGS_MAX + 2];
	make_args(s, args, sizeof(args));
	return sys_exec(ep, image, len, args);
}

/* instance_spare: a stopped process in a new slot with an empty address
 * space and S's privileges: the vessel of a new program (it runs only once
 * SYS_EXEC gives it one). Returns 0 and sets *EP, or an error (nothing is
 * left behind). */
int instance_spare(struct service *s, endpoint_t *ep)
{
	endpoint_t child = NONE;
	int r = sys_fork_proc(SELF, FORK_STOPPED | FORK_EMPTY, &child);
	if (r != 0)
		return r;
	r = privs_install(s, child);
	if (r != 0) {
		sys_clear(child);
		return r;
	}
	*ep = child;
	return 0;
}

/* instance_new: start S's program in a new slot. Returns 0 and sets *EP,
 * or an error. */
int instance_new(struct service *s, endpoint_t *ep)
{
	int r = image_ensure(s);
	if (r != 0)
		return r;
	endpoint_t child;
	r = instance_spare(s, &child);
	if (r != 0)
		return r;
	r = instance_exec(s, child, s->image, s->image_len);
	if (r != 0) {
		sys_clear(child);
		return r;
	}
	privs_peers(s, child);
	*ep = child;
	return 0;
}

/* instance_takeover: start S's program in the slot of DEAD (its failed
 * instance, exited or stopped but not cleared): the new program keeps the
 * endpoint, the privileges and the queue of waiting senders. The dead
 * program is cleared. Returns 0 or an error (DEAD is then cleared too). */
int instance_takeover(struct service *s, endpoint_t dead)
{
	int r = image_ensure(s);
	endpoint_t spare = NONE;
	if (r == 0)
		r = instance_spare(s, &spare);
	if (r == 0) {
		r = sys_update(dead, spare);
		if (r != 0)
			sys_clear(spare);
	}
	if (r != 0) {
		printf("rs: %s: cannot take over endpoint %d (%d)\n", s->label,
		    dead, r);
		instance_remove(dead);
		return r;
	}
	sys_clear(spare);               /* now the dead program */
	privs_install(s, dead);
	r = instance_exec(s, dead, s->image, s->image_len);
	if (r != 0)
		instance_remove(dead);
	return r;
}

/* instance_inplace: start S's program again in its failed instance's own
 * slot and memory (SYS_EXEC EXEC_KEEP_STATE from the image RS holds): the
 * endpoint, the pid, the privileges, the waiting senders and the state stay;
 * the text is the pristine image's again. Needs neither MM nor a file
 * system (the image was loaded at boot). Returns 0 or an error (the dead
 * instance is then left as it was: the caller falls back). */
int instance_inplace(struct service *s)
{
	if (!s->image)
		return -ENOENT;
	char args[RS_PATH_MAX + RS_ARGS_MAX + 2];
	make_args(s, args, sizeof(args));
	return sys_exec_keep(s->ep, s->image, s->image_len, args);
}

/* instance_copy: the new program IMAGE (LEN bytes, the same PT_LOAD
 * layout as S's) in a copy of S's instance, which is frozen waiting for
 * RS's reply (RS_SEF_LU_READY): the kernel copies its memory into a new
 * stopped process (FORK_STOPPED), which gets S's privileges and the new
 * program in that memory (EXEC_KEEP_STATE); it starts at once and asks
 * for its init at its own endpoint. S's instance and its memory are not
 * touched. Returns 0 and sets *EP, or an error (nothing is left behind). */
int instance_copy(struct service *s, const void *image, uint32_t len,
    endpoint_t *ep)
{
	endpoint_t copy = NONE;
	int r = sys_fork_proc(s->ep, FORK_STOPPED, &copy);
	if (r != 0)
		return r;
	r = privs_install(s, copy);
	if (r == 0) {
		char args[RS_PATH_MAX + RS_ARGS_MAX + 2];
		make_args(s, args, sizeof(args));
		r = sys_exec_keep(copy, image, len, args);
	}
	if (r != 0) {
		sys_clear(copy);
		return r;
	}
	*ep = copy;
	return 0;
}

/* instance_remove: end EP now and free its slot (nothing if it is gone);
 * the PCI server hears of it (pci_notify_gone). */
void instance_remove(endpoint_t ep)
{
	if (ep != NONE) {
		sys_clear(ep);
		pci_notify_gone(ep);
	}
}
