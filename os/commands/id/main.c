/* id: print user and group ids with their names:
 * id [-u | -g [-n] [-r]] [USER]. Without USER, the caller's (real, and the
 * effective ones when they differ); with USER, that user's from
 * /etc/passwd, with the groups of /etc/group that list it. */
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define MAX_GROUPS 32

/* Print the usage line and end with status 2. */
static int usage(void)
{
	fprintf(stderr, "usage: id [-u | -g [-n] [-r]] [USER]\n");
	return 2;
}

/* The name of user (group, when GROUP) ID, or NULL when it has none. */
static const char *id_name(unsigned id, int group)
{
	if (group) {
		struct group *g = getgrgid(id);
		return g ? g->gr_name : NULL;
	}
	struct passwd *p = getpwuid(id);
	return p ? p->pw_name : NULL;
}

/* Print " KEY=ID(NAME)" (just the number when the id has no name). */
static void print_id(const char *key, unsigned id, int group)
{
	const char *name = id_name(id, group);
	printf("%s%u", key, id);
	if (name)
		printf("(%s)", name);
}

/* Print ID (-u, or -g when GROUP) alone: its name when NAMED. Returns the
 * exit status: 1 when the name is asked for and there is none. */
static int print_one(unsigned id, int group, int named)
{
	const char *name = named ? id_name(id, group) : NULL;
	if (named && !name) {
		fprintf(stderr, "id: cannot find name for %s ID %u\n",
		    group ? "group" : "user", id);
		printf("%u\n", id);
		return 1;
	}
	if (name)
		printf("%s\n", name);
	else
		printf("%u\n", id);
	return 0;
}

/* add_group: GID into LIST (of *N) unless it is there already. */
static void add_group(unsigned *list, int *n, unsigned gid)
{
	for (int i = 0; i < *n; i++)
		if (list[i] == gid)
			return;
	if (*n < MAX_GROUPS)
		list[(*n)++] = gid;
}

/* Print the full line for real ids RUID, RGID and effective EUID, EGID;
 * NAME (a user given on the command line, or NULL) also brings the
 * groups of /etc/group that list it as a member. */
static void print_all(unsigned ruid, unsigned euid, unsigned rgid,
    unsigned egid, const char *name)
{
	unsigned groups[MAX_GROUPS];
	int n = 0;
	add_group(groups, &n, rgid);
	add_group(groups, &n, egid);
	if (name) {
		struct group *g;
		setgrent();
		while ((g = getgrent()) != NULL)
			for (char **m = g->gr_mem; *m; m++)
				if (strcmp(*m, name) == 0)
					add_group(groups, &n, g->gr_gid);
		endgrent();
	}
	print_id("uid=", ruid, 0);
	print_id(" gid=", rgid, 1);
	if (euid != ruid)
		print_id(" euid=", euid, 0);
	if (egid != rgid)
		print_id(" egid=", egid, 1);
	for (int i = 0; i < n; i++)
		print_id(i == 0 ? " groups=" : ",", groups[i], 1);
	printf("\n");
}

int main(int argc, char **argv)
{
	int user = 0, group = 0, named = 0, real = 0, c;
	while ((c = getopt(argc, argv, "ugnr")) != -1) {
		switch (c) {
		case 'u': user = 1; break;
		case 'g': group = 1; break;
		case 'n': named = 1; break;
		case 'r': real = 1; break;
		default: return usage();
		}
	}
	if ((user && group) || ((named || real) && !user && !group) ||
	    argc - optind > 1)
		return usage();

	unsigned ruid = getuid(), euid = geteuid();
	unsigned rgid = getgid(), egid = getegid();
	const char *name = NULL;
	if (optind < argc) {
		name = argv[optind];
		struct passwd *p = getpwnam(name);
		if (!p) {
			fprintf(stderr, "id: %s: no such user\n", name);
			return 1;
		}
		ruid = euid = p->pw_uid;
		rgid = egid = p->pw_gid;
	}
	if (user)
		return print_one(real ? ruid : euid, 0, named);
	if (group)
		return print_one(real ? rgid : egid, 1, named);
	print_all(ruid, euid, rgid, egid, name);
	return 0;
}
