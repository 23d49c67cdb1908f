/* Recovery scripts: RS queues `SCRIPT LABEL REASON COUNT` when a service
 * with -script fails and notifies PM; PM fetches each (RS_PM_SCRIPT) and
 * runs it as a child of init, with init's descriptors, so init reaps it.
 * PM asks RS only here, and RS answers at once. */
#include <stdio.h>
#include <string.h>
#include "pm.h"

#define SCRIPT_SHELL "/bin/sh"

/* The argv frame RS writes (strings, each NUL-terminated), then the one
 * PM execs with: the shell first when the script starts with "#!". */
static char rs_frame[EXEC_FRAME_MAX];
static char run_frame[EXEC_FRAME_MAX];

/* fetch: ask RS for the next script into rs_frame. Returns its argc (0:
 * none left, or RS is not there) and sets *LEN to the frame's length. */
static int fetch(size_t *len)
{
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = RS_PM_SCRIPT;
	m.u.rs_req.addr = (vir_bytes) rs_frame;
	m.u.rs_req.len = sizeof(rs_frame);
	memset(rs_frame, 0, sizeof(rs_frame));
	if (ipc_sendrec(RS_EP, &m) != 0 || m.m_type <= 0)
		return 0;
	int argc = m.m_type;
	size_t off = 0;
	for (int i = 0; i < argc; i++) {
		size_t n = strnlen(rs_frame + off, sizeof(rs_frame) - off);
		if (off + n >= sizeof(rs_frame))
			return 0;    /* not NUL-terminated: ignore it */
		off += n + 1;
	}
	*len = off;
	return argc;
}

/* build_frame: run_frame = [PREFIX] + the ARGC strings of rs_frame (LEN
 * bytes) + the user environment. Returns its length, or 0 when it does
 * not fit. */
static size_t build_frame(const char *prefix, size_t len)
{
	static const char env[] = PM_USER_ENV;
	size_t plen = prefix ? strlen(prefix) + 1 : 0;
	if (plen + len + sizeof(env) > sizeof(run_frame))
		return 0;
	if (prefix)
		memcpy(run_frame, prefix, plen);
	memcpy(run_frame + plen, rs_frame, len);
	memcpy(run_frame + plen + len, env, sizeof(env));
	return plen + len + sizeof(env);
}

/* start: run the script in rs_frame (ARGC strings, LEN bytes) as a new
 * child of init: through the shell when it starts with "#!" or is not
 * executable (a script written without chmod; the shell only reads it),
 * else the file itself. Returns 0 or a negative error (nothing is left
 * over). */
static int start(int argc, size_t len)
{
	struct mproc *init = mproc_by_pid(INIT_PID);
	if (!init || !vfs_present || !pm_user_room(NULL))
		return -EAGAIN;
	int pid = pid_alloc();
	if (pid < 0)
		return -EAGAIN;
	int r;
	struct mproc *mp = pm_new_user(pid, &r);
	if (!mp)
		return r;
	endpoint_t ep = mp->ep;
	mp->ppid = INIT_PID;
	mp->pgid = mp->sid = pid;    /* away from the terminal's ^C */
	if ((r = pm_vfs(VFS_PM_FORK, ep, init->ep, pid)) != 0)
		goto fail;
	int size = pm_vfs_exec(ep, rs_frame, exec_buf, EXEC_BUF_SIZE, NULL);
	int shell = size == -EACCES ||
	    (size >= 2 && exec_buf[0] == '#' && exec_buf[1] == '!');
	if (shell) {
		size = pm_vfs_exec(ep, SCRIPT_SHELL, exec_buf,
		    EXEC_BUF_SIZE, NULL);
		len = build_frame(SCRIPT_SHELL, len);
		argc++;
	} else {
		len = build_frame(NULL, len);
	}
	if (size < 0) {
		r = size;
		goto fail_vfs;
	}
	if (len == 0) {
		r = -E2BIG;
		goto fail_vfs;
	}
	r = sys_execve(ep, exec_buf, (size_t) size, run_frame, len, argc,
	    PM_USER_ENVC);
	if (r != 0)
		goto fail_vfs;
	pm_mm(MM_PM_EXEC, ep, NONE);
	pm_vfs(VFS_PM_EXECDONE, ep, NONE, pid);
	return 0;
fail_vfs:
	pm_vfs(VFS_PM_EXIT, ep, NONE, pid);
fail:
	pm_drop_user(mp);
	return r;
}

/* script_run_pending: see pm.h. A script that cannot be started is
 * reported on the console; RS is not told (it waits for `service
 * restart` as with any script). */
void script_run_pending(void)
{
	size_t len;
	int argc;
	while ((argc = fetch(&len)) > 0) {
		int r = start(argc, len);
		if (r != 0)
			printf("pm: recovery script %s cannot be started (%d)\n",
			    rs_frame, r);
	}
}
