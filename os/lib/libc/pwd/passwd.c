/* The user database: getpwnam, getpwuid, getpwent and friends, fgetpwent
 * (see <pwd.h>). */
#include <pwd.h>
#include <string.h>
#include "fields.h"

enum { PW_NAME, PW_PASSWD, PW_UID, PW_GID, PW_GECOS, PW_DIR, PW_SHELL,
	PW_FIELDS };

static char line[PWD_LINE_MAX];
static struct passwd entry;
static FILE *db;                 /* getpwent's file */

/* fgetpwent: see pwd.h. Lines whose ids are not numbers are skipped. */
struct passwd *fgetpwent(FILE *f)
{
	char *field[PW_FIELDS];
	while (__pwd_split(f, line, field, PW_FIELDS) == 0) {
		uint32_t uid, gid;
		if (__pwd_id(field[PW_UID], &uid) != 0 ||
		    __pwd_id(field[PW_GID], &gid) != 0)
			continue;
		entry.pw_name = field[PW_NAME];
		entry.pw_passwd = field[PW_PASSWD];
		entry.pw_uid = uid;
		entry.pw_gid = gid;
		entry.pw_gecos = field[PW_GECOS];
		entry.pw_dir = field[PW_DIR];
		entry.pw_shell = field[PW_SHELL];
		return &entry;
	}
	return NULL;
}

/* find: the first entry of /etc/passwd named NAME (when not NULL) or with
 * UID. NULL when there is none (errno set only when the file cannot be
 * read). */
static struct passwd *find(const char *name, uid_t uid)
{
	FILE *f = fopen(_PATH_PASSWD, "r");
	if (!f)
		return NULL;
	struct passwd *p;
	while ((p = fgetpwent(f)) != NULL)
		if (name ? strcmp(p->pw_name, name) == 0 : p->pw_uid == uid)
			break;
	fclose(f);
	return p;
}

/* getpwnam: the user called NAME, or NULL. */
struct passwd *getpwnam(const char *name)
{
	return name ? find(name, 0) : NULL;
}

/* getpwuid: the first user with id UID, or NULL. */
struct passwd *getpwuid(uid_t uid)
{
	return find(NULL, uid);
}

/* getpwent: the next user of /etc/passwd (opened at the first call), or
 * NULL after the last. */
struct passwd *getpwent(void)
{
	if (!db && !(db = fopen(_PATH_PASSWD, "r")))
		return NULL;
	return fgetpwent(db);
}

/* setpwent: getpwent starts again at the first user. */
void setpwent(void)
{
	if (db)
		rewind(db);
}

/* endpwent: close getpwent's file. */
void endpwent(void)
{
	if (db)
		fclose(db);
	db = NULL;
}
