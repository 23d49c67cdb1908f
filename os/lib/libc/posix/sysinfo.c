/* System information and control: getsysinfo, reboot (PM_GETSYSINFO,
 * PM_REBOOT), gethostname, uname, sysconf. */
#include <phoenix.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>
#include "../internal.h"

#define HOSTNAME "phoenix"
#define PAGE_SIZE 4096

/* getsysinfo: see phoenix.h. */
int getsysinfo(int what, void *buf, size_t len)
{
	message m = { 0 };
	m.u.pm_sysinfo.what = what;
	m.u.pm_sysinfo.buf = (vir_bytes) buf;
	m.u.pm_sysinfo.len = len;
	return (int) __libc_ret(__libc_call(PM_EP, PM_GETSYSINFO, &m));
}

/* reboot: see phoenix.h. */
int reboot(int how)
{
	message m = { 0 };
	m.u.pm_reboot.how = how;
	long r = __libc_call(PM_EP, PM_REBOOT, &m);
	return (int) __libc_ret(r < 0 ? r : -EINVAL);
}

/* gethostname: the host name ("phoenix") into NAME of LEN bytes. Returns
 * 0, or -1 with errno ENAMETOOLONG when it does not fit. */
int gethostname(char *name, size_t len)
{
	if (strlcpy(name, HOSTNAME, len) >= len)
		return (int) __libc_ret(-ENAMETOOLONG);
	return 0;
}

/* uname: the system's names into *U; the release is the kernel's version
 * (SI_KINFO; "?" when PM cannot say). Returns 0. */
int uname(struct utsname *u)
{
	struct kinfo k;
	memset(u, 0, sizeof(*u));
	strlcpy(u->sysname, "Phoenix", sizeof(u->sysname));
	strlcpy(u->nodename, HOSTNAME, sizeof(u->nodename));
	if (getsysinfo(SI_KINFO, &k, sizeof(k)) >= (int) sizeof(k)) {
		size_t n = strnlen(k.version, sizeof(k.version));
		memcpy(u->release, k.version, n);
	} else {
		strlcpy(u->release, "?", sizeof(u->release));
	}
	strlcpy(u->version, "i386 microkernel", sizeof(u->version));
	strlcpy(u->machine, "i386", sizeof(u->machine));
	return 0;
}

/* sysconf: a system constant: _SC_CLK_TCK (clock ticks per second),
 * _SC_PAGESIZE, _SC_OPEN_MAX. Returns -1 with errno EINVAL for another
 * NAME. */
long sysconf(int name)
{
	switch (name) {
	case _SC_CLK_TCK: return (long) __libc_hz();
	case _SC_PAGESIZE: return PAGE_SIZE;
	case _SC_OPEN_MAX: return OPEN_MAX;
	default: return __libc_ret(-EINVAL);
	}
}
