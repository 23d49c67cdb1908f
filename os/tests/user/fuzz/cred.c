/* The worker's identity: the user `student` of /etc/passwd, which the
 * worker becomes with PM_SETGID then PM_SETUID before it sends anything,
 * and checks with PM_GETUID. The requests go to PM directly (not through
 * the C library) so that exactly these three messages decide it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <abi/boot.h>
#include "syslib.h"
#include "fuzz.h"

#define STUDENT "student"

/* fz_student: the uid and gid of user `student` in /etc/passwd into *OUT.
 * Returns 0, or -1 when the file or the user is missing or malformed. */
int fz_student(struct fz_cred *out)
{
	FILE *f = fopen("/etc/passwd", "r");
	if (!f)
		return -1;
	char line[256];
	int r = -1;
	while (r != 0 && fgets(line, sizeof(line), f)) {
		/* name:password:uid:gid:gecos:home:shell */
		char *field[4], *p = line;
		int n = 0;
		for (; n < 4; n++) {
			field[n] = p;
			p = strchr(p, ':');
			if (!p)
				break;
			*p++ = '\0';
		}
		if (n < 4 || strcmp(field[0], STUDENT) != 0)
			continue;
		char *e1, *e2;
		unsigned long uid = strtoul(field[2], &e1, 10);
		unsigned long gid = strtoul(field[3], &e2, 10);
		if (*field[2] && !*e1 && *field[3] && !*e2) {
			out->uid = (uint32_t) uid;
			out->gid = (uint32_t) gid;
			r = 0;
		}
	}
	fclose(f);
	return r;
}

/* A PM credential request of TYPE with *C as its payload; the reply. */
static int pm_cred(int type, struct mess_pm_cred *c)
{
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = type;
	m.u.pm_cred = *c;
	int r = ipc_sendrec(PM_EP, &m);
	if (r != 0)
		return r;
	*c = m.u.pm_cred;
	return m.m_type;
}

/* fz_getuid: the caller's ruid, euid, rgid, egid (PM_GETUID) into OUT.
 * Returns PM's reply (0) or a negative error. */
int fz_getuid(uint32_t out[4])
{
	struct mess_pm_cred c;
	memset(&c, 0, sizeof(c));
	int r = pm_cred(PM_GETUID, &c);
	if (r == 0) {
		out[0] = c.ruid; out[1] = c.euid;
		out[2] = c.rgid; out[3] = c.egid;
	}
	return r;
}

/* fz_become: make the caller WHO (group first: after the uid changes it
 * may not change its group any more) and check it with PM_GETUID: real
 * and effective ids must both be WHO's. Returns 0, or the failed step
 * (FZ_CRED_*) with PM's reply in *REPLY. */
int fz_become(const struct fz_cred *who, int32_t *reply)
{
	struct mess_pm_cred c;
	memset(&c, 0, sizeof(c));
	c.rgid = who->gid;
	if ((*reply = pm_cred(PM_SETGID, &c)) < 0)
		return FZ_CRED_SETGID;
	memset(&c, 0, sizeof(c));
	c.ruid = who->uid;
	if ((*reply = pm_cred(PM_SETUID, &c)) < 0)
		return FZ_CRED_SETUID;
	uint32_t ids[4] = { 0, 0, 0, 0 };
	if ((*reply = fz_getuid(ids)) != 0)
		return FZ_CRED_CHECK;
	if (ids[0] != who->uid || ids[1] != who->uid || ids[2] != who->gid ||
	    ids[3] != who->gid) {
		*reply = (int32_t) ids[1];      /* the effective uid it has */
		return FZ_CRED_CHECK;
	}
	return 0;
}
