/* su: run a shell as another user: su [USER] [-c COMMAND]. Only root may
 * (there are no passwords on this system): the group, then the user id
 * become USER's (root when none is named), HOME, USER, LOGNAME and SHELL
 * are set, the working directory becomes USER's home when it exists, and
 * USER's shell runs, interactive or with -c COMMAND. */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DEFAULT_SHELL "/bin/sh"

/* Print the usage line and end with status 2. */
static int usage(void)
{
	fprintf(stderr, "usage: su [USER] [-c COMMAND]\n");
	return 2;
}

/* become: take P's identity, group first (setuid gives root up). Returns
 * 0, or 1 after saying what failed. */
static int become(const struct passwd *p)
{
	if (setgid(p->pw_gid) < 0) {
		fprintf(stderr, "su: setgid %u: %s\n", (unsigned) p->pw_gid,
		    strerror(errno));
		return 1;
	}
	if (setuid(p->pw_uid) < 0) {
		fprintf(stderr, "su: setuid %u: %s\n", (unsigned) p->pw_uid,
		    strerror(errno));
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *name = NULL, *command = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-c") == 0) {
			if (++i == argc || command)
				return usage();
			command = argv[i];
		} else if (argv[i][0] == '-' || name) {
			return usage();
		} else {
			name = argv[i];
		}
	}
	if (!name)
		name = "root";
	if (geteuid() != 0) {
		fprintf(stderr, "su: only root may switch users "
		    "(no passwords on this system)\n");
		return 1;
	}
	struct passwd *p = getpwnam(name);
	if (!p) {
		fprintf(stderr, "su: unknown user %s (not in /etc/passwd)\n",
		    name);
		return 1;
	}
	/* The entry lives in static storage: keep what is needed. */
	char *home = strdup(p->pw_dir);
	char *user = strdup(p->pw_name);
	char *shell = strdup(p->pw_shell[0] ? p->pw_shell : DEFAULT_SHELL);
	if (!home || !user || !shell) {
		fprintf(stderr, "su: %s\n", strerror(ENOMEM));
		return 1;
	}
	if (become(p) != 0)
		return 1;
	setenv("HOME", home, 1);
	setenv("USER", user, 1);
	setenv("LOGNAME", user, 1);
	setenv("SHELL", shell, 1);
	if (chdir(home) < 0)
		fprintf(stderr, "su: warning: cannot change directory to %s: "
		    "%s\n", home, strerror(errno));
	fflush(stdout);
	if (command)
		execl(shell, shell, "-c", command, (char *) NULL);
	else
		execl(shell, shell, (char *) NULL);
	fprintf(stderr, "su: %s: %s\n", shell, strerror(errno));
	return errno == ENOENT ? 127 : 126;
}
