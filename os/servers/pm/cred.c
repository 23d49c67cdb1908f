/* Users and groups: a process's credentials (real, effective and saved
 * set-user-id and set-group-id), the requests that read and change them
 * (PM_GETUID, PM_SETUID, PM_SETGID), the rules other handlers ask (who may
 * signal whom) and the kernel's mirror of them (SYS_SETCRED), which every
 * server reads to learn who asks. */
#include <stdio.h>
#include <abi/stat.h>
#include "pm.h"

/* cred_sync: see pm.h. */
int cred_sync(struct mproc *mp)
{
	struct proc_cred c = {
		.ruid = mp->cred.ruid, .euid = mp->cred.euid,
		.rgid = mp->cred.rgid, .egid = mp->cred.egid,
		.pid = mp->pid,
	};
	int r = sys_setcred(mp->ep, &c);
	if (r != 0)
		printf("pm: credentials of pid %d not mirrored (%d)\n",
		    mp->pid, r);
	return r;
}

/* cred_is_root: see pm.h. */
int cred_is_root(const struct mproc *mp)
{
	return mp->cred.euid == 0;
}

/* cred_may_signal: see pm.h. POSIX: the sender's real or effective uid
 * matches the target's real or saved set-user-id (the saved one lets a
 * user signal a set-user-id program it started). */
int cred_may_signal(const struct mproc *sender, const struct mproc *t)
{
	if (!sender || cred_is_root(sender))
		return 1;
	const struct pm_cred *s = &sender->cred, *c = &t->cred;
	return s->ruid == c->ruid || s->ruid == c->suid ||
	    s->euid == c->ruid || s->euid == c->suid;
}

/* cred_exec: see pm.h. POSIX: the saved ids take the effective ones after
 * every exec, set-id file or not. */
void cred_exec(struct mproc *mp, const struct pm_exec_file *file)
{
	struct pm_cred *c = &mp->cred;
	if (file->mode & S_ISUID)
		c->euid = file->uid;
	if (file->mode & S_ISGID)
		c->egid = file->gid;
	c->suid = c->euid;
	c->sgid = c->egid;
}

/* do_getuid: PM_GETUID from any process.
 * Reads:  nothing
 * Writes: pm_cred.ruid, .euid, .rgid, .egid (the caller's)
 * Reply:  0. A system process is root (all 0). */
int do_getuid(message *m)
{
	struct pm_cred *c = &mproc_find(m->m_source)->cred;
	m->u.pm_cred.ruid = c->ruid;
	m->u.pm_cred.euid = c->euid;
	m->u.pm_cred.rgid = c->rgid;
	m->u.pm_cred.egid = c->egid;
	return 0;
}

/* set_id: POSIX setuid/setgid on the triple *REAL, *EFF, *SAVED of MP to
 * ID: root (effective uid 0) sets all three; anybody else only the
 * effective id, and only to its real or saved id. Returns 0 or -EPERM
 * (nothing changed). */
static int set_id(const struct mproc *mp, uint32_t *real, uint32_t *eff,
    uint32_t *saved, uint32_t id)
{
	if (cred_is_root(mp)) {
		*real = *eff = *saved = id;
		return 0;
	}
	if (id != *real && id != *saved)
		return -EPERM;
	*eff = id;
	return 0;
}

/* set_cred: PM_SETUID (USER) or PM_SETGID from the process M comes from:
 * the change in PM's record and in the kernel's mirror, both or neither.
 * Returns 0 or -EPERM (a system process, or not allowed). */
static int set_cred(message *m, int user)
{
	struct mproc *mp = mproc_find(m->m_source);
	if (!mproc_is_user(mp))
		return -EPERM;    /* PM does not manage its kernel mirror */
	struct pm_cred before = mp->cred, *c = &mp->cred;
	int r = user ? set_id(mp, &c->ruid, &c->euid, &c->suid,
	    m->u.pm_cred.ruid) : set_id(mp, &c->rgid, &c->egid, &c->sgid,
	    m->u.pm_cred.rgid);
	if (r == 0 && (r = cred_sync(mp)) != 0)
		mp->cred = before;
	return r;
}

/* do_setuid: PM_SETUID from a user process.
 * Reads:  pm_cred.ruid (the uid)
 * Writes: nothing
 * Reply:  0; -EPERM when the caller is not root and the uid is neither its
 *         real nor its saved uid, or the caller is a system process. Root
 *         sets the real, effective and saved uid (and so gives root up
 *         for good when the uid is not 0); others only the effective. */
int do_setuid(message *m)
{
	return set_cred(m, 1);
}

/* do_setgid: PM_SETGID from a user process.
 * Reads:  pm_cred.rgid (the gid)
 * Writes: nothing
 * Reply:  as do_setuid, for the group ids; root is decided by the
 *         effective uid (so setgid goes before setuid when root becomes
 *         somebody else). */
int do_setgid(message *m)
{
	return set_cred(m, 0);
}
