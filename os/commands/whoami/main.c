/* whoami: print the name of the effective user (the one permissions are
 * checked against). */
#include <pwd.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc > 1) {
		fprintf(stderr, "whoami: unexpected argument %s\nusage: whoami\n",
		    argv[1]);
		return 2;
	}
	unsigned uid = geteuid();
	struct passwd *p = getpwuid(uid);
	if (!p) {
		fprintf(stderr, "whoami: cannot find name for user ID %u\n", uid);
		return 1;
	}
	printf("%s\n", p->pw_name);
	return 0;
}
