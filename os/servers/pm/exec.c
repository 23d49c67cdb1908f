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

/* Reading the caller's argv and envp arrays and strings in few copies: a
 * kernel copy costs far more than the bytes it moves, and the strings of
 * a vector usually lie one after the other (the ones exec put on the
 * stack, literals in a program's data). A window is at most WINDOW bytes
 * and never crosses a page of the caller's: a bad pointer fails exactly
 * the page it names. */
#define PAGE        4096u
#define WINDOW      512u
#define PTR_WINDOW  32u

/* The caller's pointers read ahead: vec_cache[i] is the word at
 * vec_base + 4 * i, for i < vec_count. */
static vir_bytes vec_cache[PTR_WINDOW];
static vir_bytes vec_base;
static uint32_t vec_count;

/* The caller's bytes read ahead: exec_frame[ahead_at, ahead_end) holds
 * the caller's bytes from address ahead_src on. */
static vir_bytes ahead_src;
static uint32_t ahead_at, ahead_end;

/* read_ptr: *OUT gets the pointer at VEC in EP's memory, from the window
 * of pointers read ahead or a new one (up to PTR_WINDOW words, within
 * VEC's page). Returns 0 or -EFAULT. */
static int read_ptr(endpoint_t ep, vir_bytes vec, vir_bytes *out)
{
	if (vec >= vec_base && vec - vec_base < vec_count * sizeof(vir_bytes) &&
	    (vec - vec_base) % sizeof(vir_bytes) == 0) {
		*out = vec_cache[(vec - vec_base) / sizeof(vir_bytes)];
		return 0;
	}
	uint32_t n = (PAGE - (vec & (PAGE - 1))) / sizeof(vir_bytes);
	if (n > PTR_WINDOW)
		n = PTR_WINDOW;
	if (n == 0)                  /* a pointer across a page boundary */
		n = 1;
	vec_count = 0;
	if (sys_vircopy(ep, vec, SELF, (vir_bytes) vec_cache,
	    n * sizeof(vir_bytes)) != 0)
		return -EFAULT;
	vec_base = vec;
	vec_count = n;
	*out = vec_cache[0];
	return 0;
}

/* add_string: append the NUL-terminated string at STR in EP's memory to
 * exec_frame at *LEN, reusing the bytes read ahead when they are the
 * string's. Returns 0, -EFAULT (a bad page) or -E2BIG (no room). */
static int add_string(endpoint_t ep, vir_bytes str, uint32_t *len)
{
	vir_bytes at = str;
	for (;;) {
		if (!(ahead_at == *len && ahead_src == at && ahead_end > *len)) {
			if (*len >= EXEC_FRAME_MAX)
				return -E2BIG;
			uint32_t n = PAGE - (at & (PAGE - 1));
			if (n > WINDOW)
				n = WINDOW;
			if (n > EXEC_FRAME_MAX - *len)
				n = EXEC_FRAME_MAX - *len;
			ahead_end = 0;
			if (sys_vircopy(ep, at, SELF,
			    (vir_bytes) (exec_frame + *len), n) != 0)
				return -EFAULT;
			ahead_src = at;
			ahead_at = *len;
			ahead_end = *len + n;
		}
		char *nul = memchr(exec_frame + *len, '\0', ahead_end - *len);
		uint32_t upto = nul ? (uint32_t) (nul - exec_frame) + 1 : ahead_end;
		at += upto - *len;
		*len = upto;
		ahead_src = at;              /* the rest of the window follows */
		ahead_at = upto;
		if (nul)
			return 0;
	}
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
		if (read_ptr(ep, vec, &str) != 0)
			return -EFAULT;
		if (!str)
			return 0;
		int r = add_string(ep, str, len);
		if (r != 0)
			return r;
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
		vec_count = 0;               /* nothing read ahead yet */
		ahead_end = 0;
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
