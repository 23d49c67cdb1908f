/* Raw PM and MM requests: one sendrec each, the reply code returned as
 * is (>= 0 or a negative error). */
#include <string.h>
#include "pmtest.h"

/* pm_request: sendrec M (type TYPE) to PM; the IPC error or PM's reply. */
int pm_request(int type, message *m)
{
	m->m_type = type;
	int r = ipc_sendrec(PM_EP, m);
	return r != 0 ? r : m->m_type;
}

/* mm_request: as pm_request, to MM. */
int mm_request(int type, message *m)
{
	m->m_type = type;
	int r = ipc_sendrec(MM_EP, m);
	return r != 0 ? r : m->m_type;
}

int t_fork(void)
{
	message m = { 0 };
	return pm_request(PM_FORK, &m);
}

void t_exit(int status)
{
	message m = { 0 };
	m.u.pm_exit.status = status;
	pm_request(PM_EXIT, &m);
	printf("pmtest: PM_EXIT returned\n");
	sys_exit(status);
}

int t_waitpid(int pid, int *status, int options)
{
	message m = { 0 };
	m.u.pm_waitpid.pid = pid;
	m.u.pm_waitpid.options = options;
	int r = pm_request(PM_WAITPID, &m);
	if (status)
		*status = m.u.pm_waitpid.status;
	return r;
}

int t_getpid(struct mess_pm_ids *ids)
{
	message m = { 0 };
	int r = pm_request(PM_GETPID, &m);
	if (ids)
		*ids = m.u.pm_ids;
	return r;
}

int t_kill(int pid, int sig)
{
	message m = { 0 };
	m.u.pm_kill.pid = pid;
	m.u.pm_kill.sig = sig;
	return pm_request(PM_KILL, &m);
}

int t_sigaction(int sig, const struct k_sigaction *act,
    struct k_sigaction *oact)
{
	message m = { 0 };
	m.u.pm_sigaction.sig = sig;
	m.u.pm_sigaction.act = (vir_bytes) act;
	m.u.pm_sigaction.oact = (vir_bytes) oact;
	m.u.pm_sigaction.trampoline = (vir_bytes) pmtest_trampoline;
	return pm_request(PM_SIGACTION, &m);
}

int t_signal(int sig, void (*handler)(int), sigset_k mask, uint32_t flags)
{
	struct k_sigaction act = {
		.handler = (vir_bytes) handler, .mask = mask, .flags = flags,
	};
	return t_sigaction(sig, &act, NULL);
}

int t_sigprocmask(int how, sigset_k set, sigset_k *old)
{
	message m = { 0 };
	m.u.pm_sigmask.how = how;
	m.u.pm_sigmask.set = set;
	int r = pm_request(PM_SIGPROCMASK, &m);
	if (old)
		*old = m.u.pm_sigmask.old;
	return r;
}

int t_sigsuspend(sigset_k set)
{
	message m = { 0 };
	m.u.pm_sigmask.set = set;
	return pm_request(PM_SIGSUSPEND, &m);
}

int t_sigpending(sigset_k *set)
{
	message m = { 0 };
	int r = pm_request(PM_SIGPENDING, &m);
	*set = m.u.pm_sigmask.old;
	return r;
}

int t_alarm(uint32_t ticks)
{
	message m = { 0 };
	m.u.pm_timer.ticks = ticks;
	return pm_request(PM_ALARM, &m);
}

int t_sleep(uint32_t ticks, uint32_t *left)
{
	message m = { 0 };
	m.u.pm_timer.ticks = ticks;
	int r = pm_request(PM_SLEEP, &m);
	if (left)
		*left = m.u.pm_timer.left;
	return r;
}

int t_setpgid(int pid, int pgid)
{
	message m = { 0 };
	m.u.pm_setpgid.pid = pid;
	m.u.pm_setpgid.pgid = pgid;
	return pm_request(PM_SETPGID, &m);
}

int t_setsid(void)
{
	message m = { 0 };
	return pm_request(PM_SETSID, &m);
}

int t_sysinfo(int what, void *buf, uint32_t len)
{
	message m = { 0 };
	m.u.pm_sysinfo.what = what;
	m.u.pm_sysinfo.buf = (vir_bytes) buf;
	m.u.pm_sysinfo.len = len;
	return pm_request(PM_GETSYSINFO, &m);
}

int t_brk(vir_bytes addr, vir_bytes *brk)
{
	message m = { 0 };
	m.u.mm_brk.addr = addr;
	int r = mm_request(MM_BRK, &m);
	if (brk)
		*brk = m.u.mm_brk.brk;
	return r;
}

int t_mmap(vir_bytes *addr, uint32_t len, int prot, int flags)
{
	message m = { 0 };
	m.u.mm_mmap.addr = *addr;
	m.u.mm_mmap.len = len;
	m.u.mm_mmap.prot = prot;
	m.u.mm_mmap.flags = flags;
	int r = mm_request(MM_MMAP, &m);
	if (r == 0)
		*addr = m.u.mm_mmap.addr;
	return r;
}

int t_munmap(vir_bytes addr, uint32_t len)
{
	message m = { 0 };
	m.u.mm_mmap.addr = addr;
	m.u.mm_mmap.len = len;
	return mm_request(MM_MUNMAP, &m);
}

int t_mminfo(struct mess_mm_info *info)
{
	message m = { 0 };
	int r = mm_request(MM_INFO, &m);
	*info = m.u.mm_info;
	return r;
}
