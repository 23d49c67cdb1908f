/* Users and groups of the caller: getuid, geteuid, getgid, getegid,
 * setuid, setgid (PM_GETUID, PM_SETUID, PM_SETGID). */
#include <unistd.h>
#include "../internal.h"

/* creds: PM_GETUID's answer into *OUT. Returns 0, or -1 with errno. */
static int creds(struct mess_pm_cred *out)
{
	message m = { 0 };
	long r = __libc_call(PM_EP, PM_GETUID, &m);
	if (r < 0)
		return (int) __libc_ret(r);
	*out = m.u.pm_cred;
	return 0;
}

/* getuid: the caller's real user id. Always succeeds in POSIX; here
 * (uid_t) -1 when PM cannot be asked (a program without PM). */
uid_t getuid(void)
{
	struct mess_pm_cred c;
	return creds(&c) < 0 ? (uid_t) -1 : c.ruid;
}

/* geteuid: the caller's effective user id (the one permissions use). */
uid_t geteuid(void)
{
	struct mess_pm_cred c;
	return creds(&c) < 0 ? (uid_t) -1 : c.euid;
}

/* getgid: the caller's real group id. */
gid_t getgid(void)
{
	struct mess_pm_cred c;
	return creds(&c) < 0 ? (gid_t) -1 : c.rgid;
}

/* getegid: the caller's effective group id. */
gid_t getegid(void)
{
	struct mess_pm_cred c;
	return creds(&c) < 0 ? (gid_t) -1 : c.egid;
}

/* setuid: root (effective uid 0) sets the real, effective and saved user
 * id to UID; anybody else only the effective one, to its real or saved
 * uid. Returns 0, or -1 with errno EPERM. */
int setuid(uid_t uid)
{
	message m = { 0 };
	m.u.pm_cred.ruid = uid;
	return (int) __libc_ret(__libc_call(PM_EP, PM_SETUID, &m));
}

/* setgid: as setuid, for the group ids (root is still decided by the
 * effective uid: call setgid before setuid to become another user).
 * Returns 0, or -1 with errno EPERM. */
int setgid(gid_t gid)
{
	message m = { 0 };
	m.u.pm_cred.rgid = gid;
	return (int) __libc_ret(__libc_call(PM_EP, PM_SETGID, &m));
}
