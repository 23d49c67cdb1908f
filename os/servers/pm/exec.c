/* PM_EXEC: replace a user process's program with a file VFS reads. */
#include <string.h>
#include "pm.h"

#define EXEC_FRAME_MAX 4096

char exec_buf[EXEC_BUF_SIZE];
static char exec_path[PATH_MAX];
static char exec_frame[EXEC_FRAME_MAX];

/* reset_caught: after an exec the handlers are gone with the old program:
 * caught signals go back to their default action (ignored ones stay
 * ignored, the mask and pending signals stay). */
static void reset_caught(struct mproc *mp)
{
	for (int sig = 1; sig < NSIG; sig++) {
		if (!sig_caught(mp, sig))
			continue;
		mp->act[sig].handler = SIG_DFL;
		mp->act[sig].mask = 0;
		mp->act[sig].flags = 0;
	}
	mp->trampoline = 0;
}

/* add_strings: append the strings of EP's NULL-terminated pointer array
 * at VEC (0: none) to exec_frame from *LEN on, NUL-terminated; *COUNT
 * gets how many. Every read is a checked copy. Returns 0, -EFAULT (a bad
 * pointer in or to the array), -E2BIG (over EXEC_FRAME_MAX bytes). */
static int add_strings(endpoint_t ep, vir_bytes vec, uint32_t *len,
    int32_t *count)
{
	*count = 0;
	if (!vec)
		return 0;
	for (;; vec += sizeof(vir_bytes)) {
		vir_bytes str;
		if (sys_vircopy(ep, vec, SELF, (vir_bytes) &str, sizeof(str)) != 0)
			return -EFAULT;
		if (!str)
			return 0;
		if (*len >= EXEC_FRAME_MAX)
			return -E2BIG;
		int n = sys_vircopy_str(ep, str, exec_frame + *len,
		    EXEC_FRAME_MAX - *len);
		if (n < 0)
			return n == -ENAMETOOLONG ? -E2BIG : -EFAULT;
		*len += (uint32_t) n + 1;
		(*count)++;
	}
}

/* get_frame: the argv then envp strings of X into exec_frame: copied as
 * one block (a frame) or built from the pointer arrays (PM_EXEC_VECTORS).
 * Sets X's frame_len, argc, envc. 0, -E2BIG, -EINVAL, -EFAULT. */
static int get_frame(struct mproc *mp, struct mess_pm_exec *x)
{
	if (x->frame_len == PM_EXEC_VECTORS) {
		uint32_t len = 0;
		int r = add_strings(mp->ep, x->argv, &len, &x->argc);
		if (r == 0)
			r = add_strings(mp->ep, x->envp, &len, &x->envc);
		x->frame_len = len;
		return r;
	}
	if (x->frame_len > EXEC_FRAME_MAX)
		return -E2BIG;
	if (x->argc < 0 || x->envc < 0)
		return -EINVAL;
	if (sys_vircopy(mp->ep, x->frame, SELF, (vir_bytes) exec_frame,
	    x->frame_len) != 0)
		return -EFAULT;
	return 0;
}

/* do_exec: PM_EXEC from a user process.
 * Reads:  pm_exec.path, .path_len (without the NUL, or PATH_LEN_NUL:
 *         NUL-terminated), .frame, .frame_len, .argc, .envc (the argv
 *         then envp strings, each NUL-terminated), or with .frame_len
 *         PM_EXEC_VECTORS .argv, .envp (the caller's pointer arrays)
 * Writes: nothing
 * Reply:  none on success (the caller runs the new program); else -EPERM
 *         (a system process), -ENOENT (empty path), -ENAMETOOLONG,
 *         -E2BIG (frame over 4096 bytes or file over 1 MiB), -EFAULT
 *         (a bad path, frame, array or string pointer),
 *         what VFS says (-ENOENT, -EACCES, -ENOTDIR ...) or what the
 *         kernel says (-ENOEXEC, -EINVAL for a malformed frame, -ENOMEM).
 * Then MM starts the heap over, VFS closes the close-on-exec descriptors
 * and caught signals are reset to their default action. A set-user-id
 * (set-group-id) file runs with its owner (group) as the effective id;
 * the saved ids take the effective ones (cred_exec). */
int do_exec(message *m)
{
	struct mess_pm_exec *x = &m->u.pm_exec;
	struct mproc *mp = mproc_find(m->m_source);
	if (!mproc_is_user(mp))
		return -EPERM;
	if (x->frame_len != PM_EXEC_VECTORS && x->frame_len > EXEC_FRAME_MAX)
		return -E2BIG;
	if (x->frame_len != PM_EXEC_VECTORS && (x->argc < 0 || x->envc < 0))
		return -EINVAL;
	if (x->path_len == PATH_LEN_NUL) {
		int n = sys_vircopy_str(mp->ep, x->path, exec_path, PATH_MAX);
		if (n < 0)
			return n;
		if (n == 0)
			return -ENOENT;
	} else {
		if (x->path_len == 0)
			return -ENOENT;
		if (x->path_len >= PATH_MAX)
			return -ENAMETOOLONG;
		if (sys_vircopy(mp->ep, x->path, SELF, (vir_bytes) exec_path,
		    x->path_len) != 0)
			return -EFAULT;
		exec_path[x->path_len] = '\0';
		if (strlen(exec_path) != x->path_len)
			return -ENOENT;    /* a NUL inside the path */
	}
	int fr = get_frame(mp, x);
	if (fr != 0)
		return fr;

	struct pm_exec_file file = { 0, 0, 0 };
	int size = pm_vfs_exec(mp->ep, exec_path, exec_buf, EXEC_BUF_SIZE,
	    &file);
	if (size < 0)
		return size;
	/* The new credentials are in place before the new program can run
	 * (and ask a server anything); a failed exec puts the old ones back. */
	struct pm_cred before = mp->cred;
	cred_exec(mp, &file);
	int r = cred_sync(mp);
	if (r == 0)
		r = sys_execve(mp->ep, exec_buf, (size_t) size, exec_frame,
		    x->frame_len, x->argc, x->envc);
	if (r != 0) {
		mp->cred = before;
		cred_sync(mp);
		return r;
	}

	pm_mm(MM_PM_EXEC, mp->ep, NONE);
	pm_vfs(VFS_PM_EXECDONE, mp->ep, NONE, mp->pid);
	reset_caught(mp);
	return NO_REPLY;
}
