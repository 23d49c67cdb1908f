/* The user database, /etc/passwd: one user a line,
 * NAME:PASSWORD:UID:GID:GECOS:HOME:SHELL (os/lib/libc/pwd). The entry
 * returned lives in static storage until the next call of this family. */
#ifndef _PWD_H
#define _PWD_H

#include <stdio.h>
#include <sys/types.h>

#define _PATH_PASSWD "/etc/passwd"

struct passwd {
	char *pw_name;
	char *pw_passwd;      /* "x": Phoenix has no passwords */
	uid_t pw_uid;
	gid_t pw_gid;
	char *pw_gecos;       /* the user's full name */
	char *pw_dir;         /* home directory */
	char *pw_shell;       /* login shell ("" means /bin/sh) */
};

struct passwd *getpwnam(const char *name);
struct passwd *getpwuid(uid_t uid);
/* The entries one by one: setpwent rewinds, endpwent closes the file. */
struct passwd *getpwent(void);
void setpwent(void);
void endpwent(void);
/* fgetpwent: the next well-formed entry of F (a file in the format of
 * /etc/passwd), or NULL at its end. */
struct passwd *fgetpwent(FILE *f);

#endif
