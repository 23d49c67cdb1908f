/* The names of user and group ids for ls -l: libc's getpwuid and getgrgid
 * (/etc/passwd, /etc/group); the number when the id has no name. */
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include "ls.h"

/* The last answer of each lookup: a listing asks for the same few ids
 * again and again. */
static char user_buf[33], group_buf[33];
static unsigned user_id = ~0u, group_id = ~0u;

/* user_name: see ls.h. */
const char *user_name(unsigned uid)
{
	if (uid != user_id) {
		struct passwd *pw = getpwuid((uid_t) uid);
		if (pw)
			snprintf(user_buf, sizeof(user_buf), "%s", pw->pw_name);
		else
			snprintf(user_buf, sizeof(user_buf), "%u", uid);
		user_id = uid;
	}
	return user_buf;
}

/* group_name: see ls.h. */
const char *group_name(unsigned gid)
{
	if (gid != group_id) {
		struct group *gr = getgrgid((gid_t) gid);
		if (gr)
			snprintf(group_buf, sizeof(group_buf), "%s", gr->gr_name);
		else
			snprintf(group_buf, sizeof(group_buf), "%u", gid);
		group_id = gid;
	}
	return group_buf;
}
