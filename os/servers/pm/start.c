/* PM's start: a record for every process alive now (the boot services, as
 * system processes), then the first user process, init. */
#include <stdio.h>
#include <string.h>
#include "pm.h"

#define INIT_PATH "/sbin/init"
/* init's argv and envp, each string NUL-terminated. */
static const char init_frame[] = INIT_PATH "\0" PM_USER_ENV;
#define INIT_ARGC 1

/* record_boot_processes: every live process becomes a system process (no
 * parent), pids 2, 3, ... in slot order. */
static void record_boot_processes(void)
{
	static struct proc_info tab[PM_NR_PROCS];
	int n = sys_getinfo(GET_PROCTAB, SELF, tab, sizeof(tab));
	for (int i = 0; i < n / (int) sizeof(tab[0]); i++) {
		if (tab[i].flags & PSTATE_EXITED)
			continue;
		struct mproc *mp = mproc_new(tab[i].endpoint, pid_alloc(),
		    MP_SYSTEM);
		mp->pgid = mp->sid = mp->pid;
	}
}

/* find_vfs: whether the boot image has a VFS (started as a process). */
static int find_vfs(void)
{
	static struct boot_image_info img[PM_NR_PROCS];
	int n = sys_getinfo(GET_BOOTIMAGE, SELF, img, sizeof(img));
	for (int i = 0; i < n / (int) sizeof(img[0]); i++)
		if (strcmp(img[i].name, "vfs") == 0 && img[i].endpoint != NONE)
			return 1;
	return 0;
}

/* pm_new_user: see pm.h. */
struct mproc *pm_new_user(int pid, int *err)
{
	endpoint_t ep;
	int r = sys_fork_proc(SELF, FORK_STOPPED, &ep);
	if (r == 0) {
		struct priv_spec spec;
		pm_user_privileges(&spec);
		r = sys_privctl(ep, PRIVCTL_SET, &spec);
		if (r != 0)
			sys_clear(ep);
	}
	if (r != 0) {
		*err = r;
		return NULL;
	}
	struct mproc *mp = mproc_new(ep, pid, 0);
	if ((r = cred_sync(mp)) != 0) {
		pm_drop_user(mp);
		*err = r;
		return NULL;
	}
	return mp;
}

/* pm_drop_user: see pm.h. */
void pm_drop_user(struct mproc *mp)
{
	mp->flags = 0;
	sys_clear(mp->ep);
}

/* pm_user_privileges: see pm.h. RS is there for the `service` command. */
void pm_user_privileges(struct priv_spec *spec)
{
	memset(spec, 0, sizeof(*spec));
	spec->ipc_to[PM_SLOT / 32] |= 1u << (PM_SLOT % 32);
	spec->ipc_to[VFS_SLOT / 32] |= 1u << (VFS_SLOT % 32);
	spec->ipc_to[MM_SLOT / 32] |= 1u << (MM_SLOT % 32);
	spec->ipc_to[RS_SLOT / 32] |= 1u << (RS_SLOT % 32);
	spec->sig_mgr = PM_EP;
}

/* start_init: create init (pid 1, group and session 1) from /sbin/init.
 * Returns 0, or a negative error after undoing what was done. */
static int start_init(void)
{
	int r;
	struct mproc *mp = pm_new_user(INIT_PID, &r);
	if (!mp)
		return r;
	endpoint_t ep = mp->ep;
	mp->pgid = mp->sid = INIT_PID;
	if ((r = pm_vfs(VFS_PM_INIT, ep, NONE, INIT_PID)) != 0)
		goto fail;
	int size = pm_vfs_exec(ep, INIT_PATH, exec_buf, EXEC_BUF_SIZE,
	    NULL);
	if (size < 0) {
		r = size;
		goto fail_vfs;
	}
	r = sys_execve(ep, exec_buf, (size_t) size, init_frame,
	    sizeof(init_frame), INIT_ARGC, PM_USER_ENVC);
	if (r != 0)
		goto fail_vfs;
	r = pm_mm(MM_PM_EXEC, ep, NONE);
	if (r != 0)
		printf("pm: MM_PM_EXEC for init: %d\n", r);
	return 0;
fail_vfs:
	pm_vfs(VFS_PM_EXIT, ep, NONE, INIT_PID);
fail:
	pm_drop_user(mp);
	return r;
}

/* pm_start: see pm.h. */
void pm_start(void)
{
	record_boot_processes();
	vfs_present = find_vfs();
	if (!vfs_present) {
		printf("pm: process manager ready, but " INIT_PATH " cannot be "
		    "started: no vfs boot module\n");
		return;
	}
	int r = start_init();
	if (r != 0)
		printf("pm: process manager ready, but " INIT_PATH " cannot be "
		    "started (error %d)\n", r);
	else
		printf("pm: process manager ready, init is pid 1\n");
}
