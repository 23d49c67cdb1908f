/* PM's requests to the other servers: VFS (process life, program files)
 * and MM (address spaces). PM may send to them; they never send to PM. */
#include <string.h>
#include "pm.h"

int vfs_present;

/* vfs_call: sendrec M to VFS; a VFS that died counts as absent. Returns
 * the reply code. */
static int vfs_call(message *m)
{
	int r = ipc_sendrec(VFS_EP, m);
	if (r == -EDEADSRCDST)
		vfs_present = 0;
	return r != 0 ? r : m->m_type;
}

/* pm_vfs: see pm.h. */
int pm_vfs(int type, endpoint_t proc, endpoint_t parent, int pid)
{
	if (!vfs_present)
		return 0;
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = type;
	m.u.vfs_pm.proc = proc;
	m.u.vfs_pm.parent = parent;
	m.u.vfs_pm.pid = pid;
	int r = vfs_call(&m);
	return vfs_present ? r : 0;
}

/* pm_vfs_exec: see pm.h. */
int pm_vfs_exec(endpoint_t proc, const char *path, void *buf, size_t len,
    struct pm_exec_file *file)
{
	if (!vfs_present)
		return -ENOENT;
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = VFS_PM_EXEC;
	m.u.vfs_pm_exec.proc = proc;
	m.u.vfs_pm_exec.path = (vir_bytes) path;
	m.u.vfs_pm_exec.path_len = strlen(path);
	m.u.vfs_pm_exec.buf = (vir_bytes) buf;
	m.u.vfs_pm_exec.buf_len = len;
	int r = vfs_call(&m);
	if (file) {
		file->mode = m.u.vfs_pm_exec.mode;
		file->uid = m.u.vfs_pm_exec.uid;
		file->gid = m.u.vfs_pm_exec.gid;
	}
	return vfs_present ? r : -ENOENT;
}

/* pm_mm: see pm.h. */
int pm_mm(int type, endpoint_t proc, endpoint_t parent)
{
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = type;
	m.u.mm_pm.proc = proc;
	m.u.mm_pm.parent = parent;
	int r = ipc_sendrec(MM_EP, &m);
	return r != 0 ? r : m.m_type;
}
