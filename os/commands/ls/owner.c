/* The names of user and group ids for ls -l, read from /etc/passwd and
 * /etc/group ("name:x:id:..." lines). A local lookup on purpose: it needs
 * nothing from libc but stdio; when libc's <pwd.h>/<grp.h> (getpwuid,
 * getgrgid) are there, this file can become two calls to them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ls.h"

#define CACHE 16               /* ids remembered per file */

struct id_name {
	unsigned id;
	char name[33];
};

struct id_cache {
	const char *file;
	struct id_name ids[CACHE];
	int n, next;
};

static struct id_cache users = { "/etc/passwd", { { 0, "" } }, 0, 0 };
static struct id_cache groups = { "/etc/group", { { 0, "" } }, 0, 0 };

/* file_lookup: the name of ID in FILE (the first field of the line whose
 * third field is ID) into OUT (SIZE bytes); 0, or -1 when none. */
static int file_lookup(const char *file, unsigned id, char *out,
    size_t size)
{
	FILE *f = fopen(file, "r");
	char line[256];
	int found = -1;
	if (!f)
		return -1;
	while (found < 0 && fgets(line, sizeof(line), f)) {
		char *name = line, *c1 = strchr(line, ':');
		char *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
		char *end;
		if (!c2 || c1 == line)
			continue;
		unsigned long v = strtoul(c2 + 1, &end, 10);
		if (end == c2 + 1 || *end != ':' || v != id)
			continue;
		*c1 = '\0';
		snprintf(out, size, "%s", name);
		found = 0;
	}
	fclose(f);
	return found;
}

/* cached_name: the name of ID through cache C; its number when FILE does
 * not name it. The result stays valid until the next call. */
static const char *cached_name(struct id_cache *c, unsigned id)
{
	for (int i = 0; i < c->n; i++)
		if (c->ids[i].id == id)
			return c->ids[i].name;
	struct id_name *e = &c->ids[c->next];
	c->next = (c->next + 1) % CACHE;
	if (c->n < CACHE)
		c->n++;
	e->id = id;
	if (file_lookup(c->file, id, e->name, sizeof(e->name)) != 0)
		snprintf(e->name, sizeof(e->name), "%u", id);
	return e->name;
}

/* user_name: see ls.h. */
const char *user_name(unsigned uid)
{
	return cached_name(&users, uid);
}

/* group_name: see ls.h. */
const char *group_name(unsigned gid)
{
	return cached_name(&groups, gid);
}
