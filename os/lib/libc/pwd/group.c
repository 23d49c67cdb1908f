/* The group database: getgrnam, getgrgid, getgrent and friends,
 * fgetgrent (see <grp.h>). */
#include <grp.h>
#include <string.h>
#include "fields.h"

enum { GR_NAME, GR_PASSWD, GR_GID, GR_MEM, GR_FIELDS };

/* The most members an entry lists (more are left out). */
#define GR_MEMBERS_MAX 64

static char line[PWD_LINE_MAX];
static char *members[GR_MEMBERS_MAX + 1];
static struct group entry;
static FILE *db;                 /* getgrent's file */

/* split_members: LIST ("a,b,c", maybe empty) into members[], in place. */
static void split_members(char *list)
{
	int n = 0;
	while (*list && n < GR_MEMBERS_MAX) {
		members[n++] = list;
		char *comma = strchr(list, ',');
		if (!comma)
			break;
		*comma = '\0';
		list = comma + 1;
	}
	members[n] = NULL;
}

/* fgetgrent: see grp.h. Lines whose gid is not a number are skipped. */
struct group *fgetgrent(FILE *f)
{
	char *field[GR_FIELDS];
	while (__pwd_split(f, line, field, GR_FIELDS) == 0) {
		uint32_t gid;
		if (__pwd_id(field[GR_GID], &gid) != 0)
			continue;
		entry.gr_name = field[GR_NAME];
		entry.gr_passwd = field[GR_PASSWD];
		entry.gr_gid = gid;
		split_members(field[GR_MEM]);
		entry.gr_mem = members;
		return &entry;
	}
	return NULL;
}

/* find: the first entry of /etc/group named NAME (when not NULL) or with
 * GID. NULL when there is none (errno set only when the file cannot be
 * read). */
static struct group *find(const char *name, gid_t gid)
{
	FILE *f = fopen(_PATH_GROUP, "r");
	if (!f)
		return NULL;
	struct group *g;
	while ((g = fgetgrent(f)) != NULL)
		if (name ? strcmp(g->gr_name, name) == 0 : g->gr_gid == gid)
			break;
	fclose(f);
	return g;
}

/* getgrnam: the group called NAME, or NULL. */
struct group *getgrnam(const char *name)
{
	return name ? find(name, 0) : NULL;
}

/* getgrgid: the first group with id GID, or NULL. */
struct group *getgrgid(gid_t gid)
{
	return find(NULL, gid);
}

/* getgrent: the next group of /etc/group (opened at the first call), or
 * NULL after the last. */
struct group *getgrent(void)
{
	if (!db && !(db = fopen(_PATH_GROUP, "r")))
		return NULL;
	return fgetgrent(db);
}

/* setgrent: getgrent starts again at the first group. */
void setgrent(void)
{
	if (db)
		rewind(db);
}

/* endgrent: close getgrent's file. */
void endgrent(void)
{
	if (db)
		fclose(db);
	db = NULL;
}
