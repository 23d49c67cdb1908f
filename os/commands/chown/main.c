/* chown: change a file's owner and group: chown USER[:GROUP] FILE...
 * USER and GROUP are names (/etc/passwd, /etc/group) or numbers; USER may
 * be left out (":GROUP" changes the group only). Only root may give a
 * file away; an owner may change the group to its own (EPERM otherwise).
 * The names are read from the files directly (no <pwd.h> needed). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* name_to_id: the id of NAME: its number when it is all digits, else the
 * third field of its line in FILE. 0, or -1 when there is none. */
static int name_to_id(const char *file, const char *name, unsigned *id)
{
	char *end, line[256];
	size_t len = strlen(name);
	unsigned long v = strtoul(name, &end, 10);
	if (len && *end == '\0' && name[0] >= '0' && name[0] <= '9') {
		if (v >= 0xffffffffUL)
			return -1;
		*id = (unsigned) v;
		return 0;
	}
	FILE *f = fopen(file, "r");
	int found = -1;
	if (!f)
		return -1;
	while (found < 0 && fgets(line, sizeof(line), f)) {
		char *c2 = strchr(line, ':');
		c2 = c2 ? strchr(c2 + 1, ':') : NULL;
		if (!c2 || strncmp(line, name, len) != 0 || line[len] != ':')
			continue;
		v = strtoul(c2 + 1, &end, 10);
		if (end != c2 + 1 && *end == ':') {
			*id = (unsigned) v;
			found = 0;
		}
	}
	fclose(f);
	return found;
}

/* usage: print the usage line; returns 2. */
static int usage(void)
{
	fprintf(stderr, "usage: chown USER[:GROUP] FILE...\n");
	return 2;
}

int main(int argc, char **argv)
{
	unsigned uid = (unsigned) -1, gid = (unsigned) -1;
	int status = 0;
	if (argc < 3)
		return usage();
	char *spec = argv[1], *colon = strchr(spec, ':');
	if (colon)
		*colon = '\0';
	if (!*spec && (!colon || !colon[1]))
		return usage();
	if (*spec && name_to_id("/etc/passwd", spec, &uid) != 0) {
		fprintf(stderr, "chown: %s: no such user\n", spec);
		return 1;
	}
	if (colon && colon[1] &&
	    name_to_id("/etc/group", colon + 1, &gid) != 0) {
		fprintf(stderr, "chown: %s: no such group\n", colon + 1);
		return 1;
	}
	for (int i = 2; i < argc; i++) {
		if (chown(argv[i], (uid_t) uid, (gid_t) gid) < 0) {
			fprintf(stderr, "chown: %s: %s\n", argv[i],
			    strerror(errno));
			status = 1;
		}
	}
	return status;
}
