/* The group database, /etc/group: one group a line,
 * NAME:PASSWORD:GID:MEMBER,MEMBER,... (os/lib/libc/pwd). The entry
 * returned lives in static storage until the next call of this family. */
#ifndef _GRP_H
#define _GRP_H

#include <stdio.h>
#include <sys/types.h>

#define _PATH_GROUP "/etc/group"

struct group {
	char *gr_name;
	char *gr_passwd;
	gid_t gr_gid;
	char **gr_mem;        /* the members' names, NULL-terminated */
};

struct group *getgrnam(const char *name);
struct group *getgrgid(gid_t gid);
/* The entries one by one: setgrent rewinds, endgrent closes the file. */
struct group *getgrent(void);
void setgrent(void);
void endgrent(void);
/* fgetgrent: the next well-formed entry of F (a file in the format of
 * /etc/group), or NULL at its end. */
struct group *fgetgrent(FILE *f);

#endif
