/* The fuzzer's targets: every boot service, every service RS lists, and
 * endpoints that name nobody; each with the request numbers of its
 * protocol (from the abi headers). And the requests the ipc class never
 * sends (the server class sends them by sendrec and counts their replies:
 * requests.c). */
#include <string.h>
#include <abi/boot.h>
#include <abi/rs.h>
#include "syslib.h"
#include "fuzz.h"

struct fz_target fz_targets[FZ_TARGETS_MAX];
int fz_nr_targets;

/* The targets a user process's IPC mask reaches (PM, VFS, MM, RS: see
 * fz_targets_init for their indices). */
const int fz_reachable[FZ_NR_REACHABLE] = { 0, 2, 1, 6 };

static const int32_t pm_reqs[] = {
	PM_FORK, PM_EXEC, PM_EXIT, PM_WAITPID, PM_GETPID, PM_KILL,
	PM_SIGACTION, PM_SIGPROCMASK, PM_SIGSUSPEND, PM_SIGPENDING,
	PM_SIGRETURN, PM_ALARM, PM_SLEEP, PM_SETPGID, PM_SETSID, PM_REBOOT,
	PM_GETSYSINFO, PM_GETUID, PM_SETUID, PM_SETGID,
};
static const int32_t vfs_reqs[] = {
	VFS_OPEN, VFS_CLOSE, VFS_READ, VFS_WRITE, VFS_LSEEK, VFS_STAT,
	VFS_FSTAT, VFS_MKDIR, VFS_RMDIR, VFS_UNLINK, VFS_RENAME, VFS_GETDENTS,
	VFS_DUP, VFS_PIPE, VFS_CHDIR, VFS_GETCWD, VFS_IOCTL, VFS_FCNTL,
	VFS_MKNOD, VFS_TRUNCATE, VFS_PM_FORK, VFS_PM_EXIT, VFS_PM_EXEC,
	VFS_PM_EXECDONE, VFS_PM_UNPAUSE, VFS_PM_INIT, VFS_PM_REBOOT,
};
static const int32_t mm_reqs[] = {
	MM_BRK, MM_MMAP, MM_MUNMAP, MM_INFO, MM_PM_FORK, MM_PM_EXEC,
	MM_PM_EXIT,
};
static const int32_t rs_reqs[] = {
	RS_UP, RS_DOWN, RS_REFRESH, RS_RESTART, RS_UPDATE, RS_FI, RS_STATUS,
	RS_SHUTDOWN, RS_PM_SCRIPT, RS_FI_PATCH, RS_SEF_INIT, RS_SEF_INIT_DONE,
	RS_SEF_POLL, RS_SEF_LU_READY,
};
static const int32_t ds_reqs[] = {
	DS_PUBLISH, DS_RETRIEVE, DS_DELETE, DS_SUBSCRIBE, DS_CHECK,
};
static const int32_t fs_reqs[] = {
	FS_LOOKUP, FS_CREATE, FS_PUTNODE, FS_READ, FS_WRITE, FS_TRUNCATE,
	FS_STAT, FS_GETDENTS, FS_UNLINK, FS_RMDIR, FS_RENAME, FS_STATFS,
};
static const int32_t cdev_reqs[] = {
	CDEV_OPEN, CDEV_CLOSE, CDEV_READ, CDEV_WRITE, CDEV_IOCTL, CDEV_CANCEL,
	CDEV_STATUS, TTY_PM_GETSIG, RS_SEF_POLL,
};

#define N(a) ((int) (sizeof(a) / sizeof((a)[0])))

/* Requests the ipc class never sends: those that fork, replace, end or
 * suspend the worker, change its identity, or stop or replace something.
 * Sent without a receive, their replies could not be counted (and a fork
 * child would not know it is one). */
const int32_t fz_skip_list[] = {
	PM_FORK, PM_EXEC, PM_EXIT, PM_REBOOT, PM_SIGSUSPEND, PM_SETUID,
	PM_SETGID, RS_UP, RS_DOWN, RS_REFRESH, RS_RESTART, RS_UPDATE, RS_FI,
	RS_FI_PATCH, RS_SHUTDOWN,
};
const int fz_nr_skip = N(fz_skip_list);

/* fz_skipped: whether the ipc class never sends request TYPE. */
int fz_skipped(int32_t type)
{
	for (int i = 0; i < fz_nr_skip; i++)
		if (fz_skip_list[i] == type)
			return 1;
	return 0;
}

static void add(const char *name, endpoint_t ep, const int32_t *reqs, int n)
{
	if (fz_nr_targets >= FZ_TARGETS_MAX)
		return;
	struct fz_target *t = &fz_targets[fz_nr_targets++];
	strncpy(t->name, name, sizeof(t->name) - 1);
	t->ep = ep;
	t->reqs = reqs;
	t->nr_reqs = n;
}

static struct rs_status status[RS_MAX_SERVICES];

/* fz_targets_init: fill fz_targets: the boot services in slot order, the
 * other services RS_STATUS lists (in RS's order), then invalid endpoints. */
void fz_targets_init(void)
{
	fz_nr_targets = 0;
	add("pm", PM_EP, pm_reqs, N(pm_reqs));
	add("mm", MM_EP, mm_reqs, N(mm_reqs));
	add("vfs", VFS_EP, vfs_reqs, N(vfs_reqs));
	add("rootfs", ROOTFS_EP, fs_reqs, N(fs_reqs));
	add("tty", TTY_EP, cdev_reqs, N(cdev_reqs));
	add("memdev", MEMDEV_EP, cdev_reqs, N(cdev_reqs));
	add("rs", RS_EP, rs_reqs, N(rs_reqs));
	add("ds", DS_EP, ds_reqs, N(ds_reqs));
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = RS_STATUS;
	m.u.rs_req.addr = (vir_bytes) status;
	m.u.rs_req.len = sizeof(status);
	int n = ipc_sendrec(RS_EP, &m) == 0 ? m.m_type : 0;
	for (int i = 0; i < n && i < RS_MAX_SERVICES; i++) {
		if (status[i].boot)
			continue;
		add(status[i].label, status[i].endpoint, cdev_reqs,
		    N(cdev_reqs));
	}
	add("bad:none", NONE, pm_reqs, N(pm_reqs));
	add("bad:any", ANY, vfs_reqs, N(vfs_reqs));
	add("bad:slot0", ep_make(0, 1), mm_reqs, N(mm_reqs));
	add("bad:slot9", ep_make(9, 1), rs_reqs, N(rs_reqs));
	add("bad:slot63", ep_make(63, 1), ds_reqs, N(ds_reqs));
	add("bad:slot200", ep_make(200, 1), cdev_reqs, N(cdev_reqs));
	add("bad:oldpm", ep_make(1, 7), pm_reqs, N(pm_reqs));
	add("bad:clock", CLOCK, cdev_reqs, N(cdev_reqs));
	add("bad:hardware", HARDWARE, cdev_reqs, N(cdev_reqs));
	add("bad:idle", IDLE, cdev_reqs, N(cdev_reqs));
	add("bad:neg", (endpoint_t) -1000, fs_reqs, N(fs_reqs));
}
